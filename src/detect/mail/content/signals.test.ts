// Content signals one by one: links, lures, bulk and spam, obfuscation, brands, delivery.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MailMessage } from '../message/read-message.ts';
import { brandImpersonation } from './brands.ts';
import { bulkSignals, spamFindings } from './bulk.ts';
import { deliveryFindings } from './delivery.ts';
import { linkSignals, matchesSuffix, senderDomainFindings } from './link-signals.ts';
import { lureFindings, lureHits } from './lures.ts';
import { obfuscationFindings } from './obfuscation.ts';

const codes = (findings: readonly { code: string }[]): string[] =>
  findings.map((f) => f.code).sort();

test('links: shown-vs-real mismatch, look-alike of a protected domain, IP literal, hosting classes', () => {
  const findings = linkSignals(
    [
      {
        url: 'https://evil.example/x',
        host: 'evil.example',
        text: 'https://www.mofa.go.jp/a',
        from: 'html',
      },
      { url: 'https://mofa-go.jp/login', host: 'mofa-go.jp', from: 'text' },
      { url: 'http://45.77.10.9/a', host: '45.77.10.9', from: 'text' },
      { url: 'https://x.duckdns.org/', host: 'x.duckdns.org', from: 'text' },
      { url: 'https://kit.web.app/', host: 'kit.web.app', from: 'text' },
      { url: 'https://bit.ly/abc', host: 'bit.ly', from: 'text' },
    ],
    ['mofa.go.jp'],
  );
  assert.deepEqual(codes(findings), [
    'link-dynamic-dns',
    'link-free-hosting',
    'link-ip-literal',
    'link-lookalike',
    'link-shortener',
    'link-text-mismatch',
  ]);
  // The same site shown and opened, and anchor text that is not an address, are fine.
  assert.deepEqual(
    linkSignals(
      [
        {
          url: 'https://www.mofa.go.jp/a',
          host: 'www.mofa.go.jp',
          text: 'mofa.go.jp',
          from: 'html',
        },
        { url: 'https://news.example/a', host: 'news.example', text: 'Read more', from: 'html' },
      ],
      ['mofa.go.jp'],
    ),
    [],
  );
  assert.ok(matchesSuffix('a.b.ddns.net', new Set(['ddns.net'])));
  assert.ok(!matchesSuffix('notddns.net', new Set(['ddns.net'])));
  assert.deepEqual(codes(senderDomainFindings('fotc.infracc24.ddns.net')), ['sender-dynamic-dns']);
});

test('lures: one finding per family, weight growing with distinct phrases, attachment names count', () => {
  const hits = lureHits(
    'Action required: verify your account',
    'Your account has been suspended. Unusual sign-in activity was detected.',
    ['Active__mining__balance__0.7495__BTC.pdf'],
  );
  assert.deepEqual(
    hits.map((hit) => hit.family),
    ['credential', 'crypto', 'urgency'],
  );
  assert.equal(hits[0]?.phrases.length, 3);
  assert.ok((hits[0]?.weight ?? 0) > 0.5);
  assert.match(lureFindings(hits)[0]?.reason ?? '', /^credential lure: "verify your account"/);
  assert.deepEqual(lureHits('Minutes of the board', 'See you Tuesday.'), []);
  assert.deepEqual(
    lureHits('', 'パスワードの変更をお願いします').map((hit) => hit.family),
    ['credential'],
  );
});

test('bulk: list and ESP headers and many recipients; spam: wording and subject tricks', () => {
  const list = bulkSignals([{ key: 'list-id', value: '<exmh.example>' }], 1);
  assert.deepEqual([list.bulk, list.list], [true, true]);
  assert.deepEqual(bulkSignals([{ key: 'x-sg-eid', value: 'x' }], 1).list, false);
  assert.equal(bulkSignals([], 30).bulk, true);
  assert.equal(bulkSignals([{ key: 'precedence', value: 'first-class' }], 2).bulk, false);
  const spam = spamFindings(
    '𝐈𝐦𝐩𝐨𝐫𝐭𝐚𝐧𝐭 offer for phishing@pot - FnEj4oJmgo 🎁 $1,000',
    'Free spins at our casino! Click here. Unsubscribe.',
    ['phishing@pot'],
  );
  assert.deepEqual(codes(spam), [
    'spam-content',
    'subject-emoji',
    'subject-money',
    'subject-names-recipient-address',
    'subject-random-token',
    'subject-styled-letters',
  ]);
  assert.deepEqual(spamFindings('Re: build failure on sparc', 'The patch is attached.', []), []);
});

test('obfuscation: invisible characters in names, token stuffing, swapped letters', () => {
  const hidden = obfuscationFindings('Mi\u{E0139}cr\u{E0139}osoft Support', 'Hello', '');
  assert.deepEqual(codes(hidden), ['invisible-characters']);
  assert.match(hidden[0]?.reason ?? '', /\\u\{E0139\}/);
  const stuffed =
    'Your AX34QDJLJ89mazon MemX34QDJLJ89bership caX34QDJLJ89rd vX34QDJLJ89alid PleaX34QDJLJ89se doX34QDJLJ89cument';
  assert.deepEqual(codes(obfuscationFindings('', '', stuffed)), ['token-stuffing']);
  assert.deepEqual(codes(obfuscationFindings('', 'WlN een cadeaukaart', '')), [
    'letter-substitution',
  ]);
  assert.deepEqual(
    obfuscationFindings('Al Smith', "Al'Qaeda's ideology, CD-ROM drives", 'a plain body'),
    [],
  );
});

test('brands: named in the display name or subject but sent from another domain', () => {
  assert.equal(
    brandImpersonation('PayPal Service', '', 'paypa1-secure.example')?.code,
    'brand-impersonation-name',
  );
  assert.equal(
    brandImpersonation('', 'Your Norton order', 'shop.example')?.code,
    'brand-impersonation-subject',
  );
  assert.equal(brandImpersonation('PayPal', 'Receipt', 'mail.paypal.com'), undefined);
});

test('delivery: hidden recipients and a forged date', () => {
  const message = {
    to: [],
    cc: [],
    date: '2011-07-01T00:00:00.000Z',
    received: [{ time: '2011-07-12T00:00:00.000Z' }],
  } as unknown as MailMessage;
  assert.deepEqual(codes(deliveryFindings(message, false)), ['date-skew', 'recipients-hidden']);
  assert.deepEqual(codes(deliveryFindings(message, true)), ['date-skew']);
});
