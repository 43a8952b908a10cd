// Authentication-Results parsing: the RFC 8601 grammar as real MTAs write it (Gmail, Exchange
// Online, ARC), choosing our own MTA's header over forged ones, and hostile values.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  arcAuthenticationResults,
  parseAuthenticationResults,
  selectAuthenticationResults,
  verdict,
  type MailHeader,
} from './authentication-results.ts';

const GMAIL =
  'mx.google.com; dkim=pass header.i=@mofa.go.jp header.s=sel1 header.b="Ab c/1"; ' +
  'spf=pass (google.com: domain of a@mofa.go.jp designates 192.0.2.1 as permitted sender) ' +
  'smtp.mailfrom=a@mofa.go.jp; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=mofa.go.jp';

const header = (key: string, value: string): MailHeader => ({ key, value });

test('reads the authserv-id and each method with its result', () => {
  const parsed = parseAuthenticationResults(GMAIL);
  assert.equal(parsed?.authservId, 'mx.google.com');
  assert.deepEqual(
    parsed?.results.map((entry) => `${entry.method}=${entry.result}`),
    ['dkim=pass', 'spf=pass', 'dmarc=pass'],
  );
});

test('reads properties, quoted values included', () => {
  const dkim = parseAuthenticationResults(GMAIL)?.results[0];
  assert.equal(dkim?.properties['header.i'], '@mofa.go.jp');
  assert.equal(dkim?.properties['header.b'], 'Ab c/1');
});

test('keeps the comment after a result as its reason', () => {
  const dmarc = parseAuthenticationResults(GMAIL)?.results[2];
  assert.equal(dmarc?.reason, 'p=REJECT sp=REJECT dis=NONE');
  assert.equal(dmarc?.properties['header.from'], 'mofa.go.jp');
});

test('prefers an explicit reason= over a comment', () => {
  const parsed = parseAuthenticationResults(
    'mx.example.org; dkim=fail (bad) reason="signature verification failed" header.d=x.org',
  );
  assert.equal(parsed?.results[0]?.reason, 'signature verification failed');
});

test('reads Exchange Online headers that have no authserv-id and no spaces after ;', () => {
  const parsed = parseAuthenticationResults(
    'spf=softfail (sender IP is 187.217.4.86) smtp.mailfrom=gmail.com; dkim=none (message not ' +
      'signed) header.d=none;dmarc=fail action=none header.from=gmail.com;compauth=fail reason=001',
  );
  assert.equal(parsed?.authservId, '');
  assert.equal(verdict(parsed, 'spf'), 'softfail');
  assert.equal(verdict(parsed, 'dmarc'), 'fail');
  assert.equal(parsed?.results[2]?.properties.action, 'none');
  assert.equal(parsed?.results[3]?.reason, '001');
});

test('allows spaces around = and a method version', () => {
  const parsed = parseAuthenticationResults('mx.example.org 1; dkim/1 = pass header.d = x.org');
  assert.equal(parsed?.authservId, 'mx.example.org');
  assert.deepEqual(parsed?.results[0], {
    method: 'dkim',
    result: 'pass',
    properties: { 'header.d': 'x.org' },
  });
});

test('reads `none` as a header with no results', () => {
  assert.deepEqual(parseAuthenticationResults('mx.example.org; none'), {
    authservId: 'mx.example.org',
    results: [],
  });
});

test('does not cut at a ; or = inside a comment', () => {
  const parsed = parseAuthenticationResults(
    'mx.example.org; arc=pass (0 oda=1; ltdi=1 spf=[1,1,smtp.mailfrom=x.org]) smtp.remote-ip=192.0.2.9',
  );
  assert.equal(parsed?.results.length, 1);
  assert.equal(parsed?.results[0]?.properties['smtp.remote-ip'], '192.0.2.9');
});

test('reads the instance of an ARC-Authentication-Results header, latest first', () => {
  const arcs = arcAuthenticationResults([
    header('arc-authentication-results', 'i=1; mx.microsoft.com 1; spf=pass smtp.mailfrom=a.org'),
    header('arc-authentication-results', 'i=2; mx.google.com; arc=pass (i=1); dkim=fail'),
  ]);
  assert.deepEqual(
    arcs.map((entry) => [entry.instance, entry.authservId]),
    [
      [2, 'mx.google.com'],
      [1, 'mx.microsoft.com'],
    ],
  );
});

test("picks our MTA's header over a forged one added further out", () => {
  const headers = [
    header('received', 'from mx1.mofa.go.jp'),
    header('authentication-results', 'mx1.mofa.go.jp; spf=fail smtp.mailfrom=evil.example'),
    header('authentication-results', 'mx1.mofa.go.jp; dmarc=fail header.from=mofa.go.jp'),
    header('authentication-results', 'relay.evil.example; spf=pass; dmarc=pass'),
  ];
  const selected = selectAuthenticationResults(headers, ['MX1.mofa.go.jp']);
  assert.equal(selected?.trusted, true);
  assert.deepEqual(
    selected?.results.map((entry) => `${entry.method}=${entry.result}`),
    ['spf=fail', 'dmarc=fail'],
  );
});

test('ignores a forged header above ours when authserv-ids are configured', () => {
  const headers = [
    header('authentication-results', 'attacker.example; dmarc=pass'),
    header('authentication-results', 'mx1.mofa.go.jp; dmarc=fail'),
  ];
  assert.equal(verdict(selectAuthenticationResults(headers, ['mx1.mofa.go.jp']), 'dmarc'), 'fail');
});

test('falls back to the topmost header, marked untrusted, without configured ids', () => {
  const headers = [
    header('authentication-results', 'mx.google.com; spf=pass'),
    header('authentication-results', 'other.example; spf=fail'),
  ];
  const selected = selectAuthenticationResults(headers);
  assert.equal(selected?.trusted, false);
  assert.equal(verdict(selected, 'spf'), 'pass');
});

test('finds nothing when no header carries a configured authserv-id', () => {
  const headers = [header('authentication-results', 'elsewhere.example; spf=pass')];
  assert.equal(selectAuthenticationResults(headers, ['mx1.mofa.go.jp']), undefined);
});

test('never throws on hostile values', () => {
  const hostile = [
    '',
    ';;;;',
    '((((((',
    '"unterminated',
    'a; b=',
    '=; =pass',
    `x; ${'spf=pass '.repeat(10_000)}`,
    `x; ${'('.repeat(50_000)}`,
    'x; dkim=pass __proto__=polluted constructor=x',
    'x; spf=pass \uE0000\uE000 (real)',
  ];
  for (const value of hostile) assert.doesNotThrow(() => parseAuthenticationResults(value));
  const proto = parseAuthenticationResults('x; dkim=pass __proto__=polluted header.d=x.org');
  assert.equal(Object.getPrototypeOf(proto?.results[0]?.properties), Object.prototype);
  assert.deepEqual(proto?.results[0]?.properties, { 'header.d': 'x.org' });
});

test('bounds the number of results read from one header', () => {
  const parsed = parseAuthenticationResults(`x; ${'spf=pass; '.repeat(1000)}`);
  assert.ok((parsed?.results.length ?? 0) <= 64);
});
