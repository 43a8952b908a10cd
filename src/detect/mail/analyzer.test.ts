// The whole analysis on generated mail: every weapon the real corpora lack, sent the 2011 way,
// is `targeted` with a weaponized finding; the same weapon in bulk is `phishing`, never
// `targeted`; ordinary mail between colleagues is `clean`; first contact builds up correctly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildMessage } from '../../../test/support/mail-builder.ts';
import {
  containerWeapons,
  officeWeapons,
  targetedMessage,
} from '../../../test/support/weapons/messages.ts';
import { MailAnalyzer } from './analyzer.ts';
import { MemoryContactHistory } from './sender/index.ts';

const profile = {
  name: 'Ministry of Foreign Affairs',
  domains: ['mofa.go.jp'],
  vips: [{ name: 'Taro Yamada', addresses: ['taro.yamada@mofa.go.jp'] }],
};

test('every generated weapon, sent from a look-alike to two people inside, is targeted', async () => {
  const analyzer = new MailAnalyzer({ profile, history: new MemoryContactHistory() });
  const samples = [...(await containerWeapons()), ...(await officeWeapons())];
  assert.equal(samples.length, 12);
  for (const sample of samples) {
    const verdict = await analyzer.analyze(targetedMessage(sample));
    // A fake sign-in page steals passwords rather than running code: deceptive, not weaponized.
    const evidence = verdict.findings.filter((finding) =>
      sample.weapon === 'credential form'
        ? finding.code === 'credential-form'
        : finding.kind === 'weaponized',
    );
    assert.equal(verdict.verdict, 'targeted', `${sample.weapon}: ${verdict.reasons.join('; ')}`);
    assert.ok(
      evidence.length > 0,
      `${sample.weapon}: ${verdict.findings.map((f) => f.code).join(' ')}`,
    );
    assert.ok(verdict.score >= 90, `${sample.weapon}: score ${verdict.score}`);
    assert.deepEqual(verdict.internal_recipients, [
      'ichiro.sato@mofa.go.jp',
      'hanako.ito@mofa.go.jp',
    ]);
  }
});

test('the same weapon as bulk mail to many is phishing, never targeted', async () => {
  const analyzer = new MailAnalyzer({ profile });
  const [sample] = await containerWeapons();
  assert.ok(sample !== undefined);
  const bulk = buildMessage({
    from: 'Deals <news@shop.example>',
    to: Array.from({ length: 40 }, (_, i) => `staff${i}@mofa.go.jp`),
    subject: 'Your weekly offers',
    text: 'Unsubscribe any time.',
    headers: ['List-Unsubscribe: <mailto:unsub@shop.example>', 'Precedence: bulk'],
    attachments: [sample.attachment],
  });
  const verdict = await analyzer.analyze(bulk);
  assert.equal(verdict.verdict, 'phishing');
  assert.equal(verdict.bulk, true);
});

test('colleagues writing to each other are clean; first contact is remembered only for clean mail', async () => {
  const history = new MemoryContactHistory();
  const analyzer = new MailAnalyzer({ profile, history });
  const note = buildMessage({
    from: 'Hanako Ito <hanako.ito@mofa.go.jp>',
    to: ['ichiro.sato@mofa.go.jp'],
    subject: 'Minutes of Tuesday',
    text: 'Attached are the minutes; comments by Friday please.',
  });
  const verdict = await analyzer.analyze(note);
  assert.deepEqual([verdict.verdict, verdict.score], ['clean', 0]);
  // Our people writing out makes the partner known; the partner's reply is not first contact.
  await analyzer.analyze(
    buildMessage({
      from: 'Ichiro Sato <ichiro.sato@mofa.go.jp>',
      to: ['desk@partner.example.org'],
      subject: 'Visit in July',
      text: 'Could we meet on the 12th?',
    }),
  );
  assert.equal(history.seen('desk@partner.example.org', 'ichiro.sato@mofa.go.jp'), true);
  // A phisher's message is not remembered: the next one is still first contact.
  const [sample] = await containerWeapons();
  assert.ok(sample !== undefined);
  await analyzer.analyze(targetedMessage(sample));
  assert.equal(history.seen('taro.yamada@mofa-go.jp'), false);
});
