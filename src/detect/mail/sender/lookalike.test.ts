// Look-alike domains: the tricks used against Japanese government domains in 2011 and since
// (hyphens for dots, the real name as a prefix, homoglyphs, suffix swaps), and what is not one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  damerauLevenshtein,
  domainParts,
  findLookalike,
  isSameOrSubdomain,
  registrableDomain,
  skeleton,
} from './lookalike.ts';

const PROTECTED = ['mofa.go.jp', 'example.co.uk'];
const tricks = (domain: string): string[] | undefined => findLookalike(domain, PROTECTED)?.tricks;

test('registrable domains follow the public-suffix list', () => {
  assert.equal(registrableDomain('www.mofa.go.jp'), 'mofa.go.jp');
  assert.equal(registrableDomain('mail.example.co.uk'), 'example.co.uk');
  assert.equal(registrableDomain('mofa.go.jp.cn-gov.org'), 'cn-gov.org');
  assert.equal(registrableDomain('go.jp'), undefined);
  assert.equal(registrableDomain('192.0.2.1'), undefined);
});

test('splits a domain into label and suffix', () => {
  assert.deepEqual(domainParts('Mail.MOFA.go.jp.'), {
    ascii: 'mail.mofa.go.jp',
    unicode: 'mail.mofa.go.jp',
    registrable: 'mofa.go.jp',
    label: 'mofa',
    suffix: 'go.jp',
  });
});

test('the protected domain itself is not a look-alike', () => {
  assert.equal(findLookalike('mofa.go.jp', PROTECTED), undefined);
  assert.equal(findLookalike('MOFA.GO.JP.', PROTECTED), undefined);
});

test('a true subdomain of a protected domain is not a look-alike', () => {
  assert.equal(findLookalike('mail.mofa.go.jp', PROTECTED), undefined);
  assert.equal(isSameOrSubdomain('a.b.mofa.go.jp', 'mofa.go.jp'), true);
  assert.equal(isSameOrSubdomain('xmofa.go.jp', 'mofa.go.jp'), false);
});

test('full-width letters that IDNA maps to the real name are the real name', () => {
  assert.equal(findLookalike('ｍｏｆａ.go.jp', PROTECTED), undefined);
});

test('a hyphen in place of a dot is a hyphen-dot trick', () => {
  assert.deepEqual(tricks('mofa-go.jp'), ['hyphen-dot']);
});

test('the dots dropped into one label under another suffix is a hyphen-dot trick', () => {
  assert.deepEqual(tricks('mofagojp.com'), ['hyphen-dot']);
});

test('the protected domain as leading labels of another domain is embedded', () => {
  const match = findLookalike('mofa.go.jp.cn-gov.org', PROTECTED);
  assert.deepEqual(match?.tricks, ['embedded']);
  assert.match(match?.reason ?? '', /under cn-gov\.org/);
});

test('rn for m is a confusable', () => {
  assert.deepEqual(tricks('rnofa.go.jp'), ['confusable']);
});

test('a Cyrillic homoglyph in punycode is a confusable IDN', () => {
  const match = findLookalike('xn--mfa-sed.go.jp', PROTECTED);
  assert.ok(match !== undefined);
  assert.ok(match.tricks.includes('confusable'));
  assert.ok(match.tricks.includes('idn'));
  assert.match(match.reason, /mоfa\.go\.jp looks like mofa\.go\.jp/);
});

test('a Greek omicron is a confusable too', () => {
  assert.ok(tricks('xn--mfa-9yc.go.jp')?.includes('confusable'));
});

test('the same name under another suffix is a TLD swap', () => {
  assert.deepEqual(tricks('mofa.jp'), ['tld-swap']);
  assert.deepEqual(tricks('example.com'), ['tld-swap']);
});

test('the name with its second-level label glued on under another TLD is a TLD swap', () => {
  assert.deepEqual(tricks('mofa-go.com'), ['tld-swap']);
});

test('one edit on a short label is within reach', () => {
  const match = findLookalike('mota.go.jp', PROTECTED);
  assert.deepEqual(match?.tricks, ['edit-distance']);
  assert.equal(match?.distance, 1);
});

test('a transposition counts as one edit', () => {
  assert.equal(findLookalike('exmaple.co.uk', PROTECTED)?.distance, 1);
});

test('two edits on a short label are not: mod.go.jp is another ministry', () => {
  assert.equal(findLookalike('mod.go.jp', PROTECTED), undefined);
});

test('two edits on a longer label are within reach', () => {
  assert.equal(findLookalike('exanpel.co.uk', PROTECTED)?.distance, 2);
});

test('a neighbour that is itself protected is not a look-alike of another', () => {
  assert.equal(findLookalike('mota.go.jp', ['mofa.go.jp', 'mota.go.jp']), undefined);
});

test('unrelated domains are not look-alikes', () => {
  for (const domain of ['gmail.com', 'mext.go.jp', 'sample.org', 'cn-gov.org']) {
    assert.equal(findLookalike(domain, PROTECTED), undefined, domain);
  }
});

test('skeleton folds homoglyphs, digits and letter pairs', () => {
  assert.equal(skeleton('rnicrosoft'), skeleton('microsoft'));
  assert.equal(skeleton('g00gle'), 'google');
  assert.equal(skeleton('vvho'), 'who');
  assert.equal(skeleton('paypa1'), skeleton('paypal'));
});

test('Damerau-Levenshtein stops at its limit', () => {
  assert.equal(damerauLevenshtein('mofa', 'mofa'), 0);
  assert.equal(damerauLevenshtein('mofa', 'moaf'), 1);
  assert.equal(damerauLevenshtein('mofa', 'xxxxxxxx', 2), 3);
  assert.equal(damerauLevenshtein('a'.repeat(1000), 'b'.repeat(1000), 2), 3);
});

test('never throws on hostile domains', () => {
  const hostile = [
    '',
    '.',
    '..',
    '-',
    'xn--',
    'xn--zz',
    'a'.repeat(10_000),
    '[::1]',
    '@@',
    '\u0000',
  ];
  for (const domain of hostile) {
    assert.doesNotThrow(() => findLookalike(domain, PROTECTED), JSON.stringify(domain));
  }
});
