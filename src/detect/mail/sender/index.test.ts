// senderSignals end to end: a targeted message against a Japanese ministry's profile, a
// newsletter that must stay low, and the 200 real phishing messages (counts printed, not judged).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import PostalMime, { type Address } from 'postal-mime';
import { needsShared, shared } from '../../../../test/support/data.ts';
import {
  MemoryContactHistory,
  senderSignals,
  type SenderInput,
  type SenderProfile,
} from './index.ts';

const PROFILE: SenderProfile = {
  name: 'Ministry of Foreign Affairs of Japan',
  domains: ['mofa.go.jp'],
  partnerDomains: ['state.gov'],
  authservIds: ['mx1.mofa.go.jp'],
  vips: [{ name: '山田 太郎', addresses: ['taro.yamada@mofa.go.jp'] }],
};

const codes = (input: SenderInput, profile: SenderProfile = PROFILE): string[] =>
  senderSignals(input, profile).map((finding) => finding.code);

test('a spear-phish from a look-alike domain collects its signals, strongest first', () => {
  const findings = senderSignals(
    {
      headers: [
        { key: 'authentication-results', value: 'mx1.mofa.go.jp; spf=pass; dmarc=none' },
        { key: 'authentication-results', value: 'evil.example; dmarc=pass' },
      ],
      from: { name: '山田太郎', address: 'taro.yamada@mofa-go.jp' },
      replyTo: ['yamada.taro@163.com'],
      returnPath: 'bounce@mofa-go.jp',
      recipients: ['a@mofa.go.jp'],
    },
    { ...PROFILE, history: new MemoryContactHistory() },
  );
  assert.deepEqual(
    findings.map((finding) => finding.code),
    ['lookalike-sender', 'vip-impersonation', 'reply-to-freemail', 'first-contact-organization'],
  );
  assert.ok(findings.every((finding) => finding.weight > 0 && finding.weight <= 1));
});

test('a DMARC failure on our own domain per our MTA is direct spoofing', () => {
  const findings = senderSignals(
    {
      headers: [{ key: 'authentication-results', value: 'mx1.mofa.go.jp; dmarc=fail' }],
      from: { name: 'Desk', address: 'desk@mofa.go.jp' },
    },
    PROFILE,
  );
  assert.equal(findings[0]?.code, 'dmarc-fail');
  assert.equal(findings[0]?.weight, 0.85);
  assert.match(findings[0]?.reason ?? '', /our MTA mx1\.mofa\.go\.jp.*claims our domain/);
});

test('results from a header not known to be ours weigh less', () => {
  const trusted = senderSignals(
    {
      headers: [{ key: 'authentication-results', value: 'mx1.mofa.go.jp; spf=fail' }],
      from: { name: '', address: 'a@other.example' },
    },
    PROFILE,
  );
  const untrusted = senderSignals(
    {
      headers: [{ key: 'authentication-results', value: 'mx.google.com; spf=fail' }],
      from: { name: '', address: 'a@other.example' },
    },
    { ...PROFILE, authservIds: [] },
  );
  assert.ok((untrusted[0]?.weight ?? 1) < (trusted[0]?.weight ?? 0));
  assert.match(untrusted[0]?.reason ?? '', /not verified as ours/);
});

test('a newsletter with an ESP bounce domain and its own Reply-To stays low', () => {
  const findings = senderSignals(
    {
      headers: [
        { key: 'list-unsubscribe', value: '<https://news.partner.example/u>' },
        { key: 'authentication-results', value: 'mx1.mofa.go.jp; spf=pass; dkim=pass; dmarc=pass' },
      ],
      from: { name: 'Partner News', address: 'news@partner.example' },
      replyTo: ['editor@www.partner.example'],
      returnPath: 'b-1@bounce.esp.example',
    },
    PROFILE,
  );
  assert.ok(
    findings.every((finding) => finding.weight <= 0.1),
    JSON.stringify(findings),
  );
});

test('a free-mail sender claiming an embassy is reported with the free-mail fact', () => {
  assert.deepEqual(
    codes({ headers: [], from: { name: '日本国大使館 領事部', address: 'consular.jp@gmail.com' } }),
    ['freemail-official-claim', 'freemail-sender'],
  );
});

test('a message without From or headers gives no findings and does not throw', () => {
  assert.deepEqual(codes({ headers: [] }), []);
  assert.deepEqual(codes({ headers: [], from: { name: '', address: '' } }), []);
});

test(
  'every real phishing message yields signals without throwing',
  { skip: needsShared('mail', 'phishing_pot') },
  async () => {
    const dir = shared('mail', 'phishing_pot');
    const files = readdirSync(dir).filter((name) => name.endsWith('.eml'));
    const counts = {
      messages: 0,
      spfFail: 0,
      dkimFail: 0,
      dmarcFail: 0,
      replyTo: 0,
      freeMail: 0,
      lookalike: 0,
    };
    const profile: SenderProfile = {
      domains: ['mofa.go.jp'],
      partnerDomains: ['microsoft.com', 'paypal.com'],
    };
    for (const name of files) {
      const email = await PostalMime.parse(readFileSync(`${dir}/${name}`));
      const returnPath = email.headers.find((header) => header.key === 'return-path')?.value ?? '';
      const input: SenderInput = {
        headers: email.headers,
        replyTo: addresses(email.replyTo ?? []),
        returnPath: /<([^>]*)>/.exec(returnPath)?.[1] ?? returnPath.trim(),
      };
      if (email.from !== undefined && email.from.group === undefined) {
        input.from = { name: email.from.name, address: email.from.address };
      }
      const found = new Set(senderSignals(input, profile).map((finding) => finding.code));
      counts.messages++;
      if (found.has('spf-fail') || found.has('spf-softfail')) counts.spfFail++;
      if (found.has('dkim-fail')) counts.dkimFail++;
      if (found.has('dmarc-fail')) counts.dmarcFail++;
      if ([...found].some((code) => code.startsWith('reply-to-'))) counts.replyTo++;
      if (found.has('freemail-sender')) counts.freeMail++;
      if (found.has('lookalike-sender')) counts.lookalike++;
    }
    console.log(`phishing_pot sender signals: ${JSON.stringify(counts)}`);
    assert.equal(counts.messages, files.length);
  },
);

function addresses(list: readonly Address[]): string[] {
  return list.flatMap((entry) =>
    entry.group === undefined ? [entry.address] : entry.group.map((member) => member.address),
  );
}
