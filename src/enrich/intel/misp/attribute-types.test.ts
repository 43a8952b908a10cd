import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  FILENAME_BESIDE_HASH_WEIGHT,
  indicatorsOfMispValue,
  isKnownMispType,
  mispTypeRule,
} from './attribute-types.ts';

const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const SHA512 = 'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce'.repeat(2);

/** The parts of a mapped value as `type value weight`, or the skip reason, for compact asserts. */
function mapped(type: string, value: string): string[] | string {
  const result = indicatorsOfMispValue(type, value);
  if ('skip' in result) return result.skip;
  return result.parts.map((part) =>
    'error' in part ? `error ${part.error}` : `${part.type} ${part.value} ${part.weight}`,
  );
}

test('ip-src and ip-dst read the family from the value; a slash makes a CIDR range', () => {
  assert.deepEqual(mapped('ip-src', '198.51.100.7'), ['ipv4 198.51.100.7 1']);
  assert.deepEqual(mapped('ip-dst', '2001:DB8::1'), ['ipv6 2001:db8::1 1']);
  assert.deepEqual(mapped('ip-dst', '203.0.113.0/24'), ['cidr 203.0.113.0/24 1']);
  assert.deepEqual(mapped('ip-dst', '203.0.113.9/32'), ['ipv4 203.0.113.9 1']);
});

test('ip|port types keep the address and drop the port', () => {
  assert.deepEqual(mapped('ip-src|port', '192.0.2.1|8080'), ['ipv4 192.0.2.1 1']);
  assert.deepEqual(mapped('ip-dst|port', '2001:db8::2|443'), ['ipv6 2001:db8::2 1']);
  assert.deepEqual(mapped('hostname|port', 'c2.example.com|443'), ['domain c2.example.com 1']);
});

test('domain, hostname and domain|ip', () => {
  assert.deepEqual(mapped('domain', 'Evil.Example.COM.'), ['domain evil.example.com 1']);
  assert.deepEqual(mapped('hostname', 'www.example.org'), ['domain www.example.org 1']);
  assert.deepEqual(mapped('domain|ip', 'a.example|192.0.2.5'), [
    'domain a.example 1',
    'ipv4 192.0.2.5 1',
  ]);
});

test('url and the e-mail address types', () => {
  assert.deepEqual(mapped('url', 'HTTP://Example.com/A?b=1'), ['url http://example.com/A?b=1 1']);
  for (const type of ['email', 'email-src', 'email-dst', 'email-reply-to'])
    assert.deepEqual(mapped(type, 'X@Example.org'), ['email x@example.org 1'], type);
  assert.deepEqual(mapped('email-attachment', 'Report.DOC'), ['filename report.doc 1']);
});

test('hash types and filename|hash: the name at reduced weight, the hash at full', () => {
  assert.deepEqual(mapped('md5', MD5.toUpperCase()), [`md5 ${MD5} 1`]);
  assert.deepEqual(mapped('sha1', SHA1), [`sha1 ${SHA1} 1`]);
  assert.deepEqual(mapped('sha256', SHA256), [`sha256 ${SHA256} 1`]);
  assert.deepEqual(mapped('sha512', SHA512), [`sha512 ${SHA512} 1`]);
  assert.deepEqual(mapped('filename', 'C:\\Temp\\Drop.exe'), ['filename drop.exe 1']);
  const half = FILENAME_BESIDE_HASH_WEIGHT;
  assert.deepEqual(mapped('filename|md5', `a.exe|${MD5}`), [
    `filename a.exe ${half}`,
    `md5 ${MD5} 1`,
  ]);
  assert.deepEqual(mapped('filename|sha1', `a.exe|${SHA1}`), [
    `filename a.exe ${half}`,
    `sha1 ${SHA1} 1`,
  ]);
  assert.deepEqual(mapped('filename|sha256', `a.exe|${SHA256}`), [
    `filename a.exe ${half}`,
    `sha256 ${SHA256} 1`,
  ]);
  assert.deepEqual(mapped('filename|sha512', `a.exe|${SHA512}`), [
    `filename a.exe ${half}`,
    `sha512 ${SHA512} 1`,
  ]);
  assert.deepEqual(mapped('malware-sample', `upload.zip|${MD5}`), [`md5 ${MD5} 1`]);
});

test('non-matchable types are skipped with a reason that names the type', () => {
  assert.equal(
    mapped('link', 'https://blog.example/x'),
    'MISP type link: reference link, not an indicator',
  );
  assert.equal(
    mapped('regkey', 'HKLM\\Software\\X'),
    'MISP type regkey: no telemetry of ours carries registry keys',
  );
  assert.match(String(mapped('uri', '/gate.php')), /^MISP type uri: .*bare path/);
  for (const type of ['imphash', 'ssdeep', 'tlsh', 'pehash', 'authentihash'])
    assert.match(String(mapped(type, 'x')), new RegExp(`^MISP type ${type}: no telemetry .*hash`));
  assert.match(String(mapped('x509-fingerprint-sha1', SHA1)), /certificate fingerprint/);
  for (const type of ['AS', 'text', 'comment', 'other', 'vulnerability', 'mutex', 'yara', 'snort'])
    assert.equal(mispTypeRule(type).kind, 'skip', type);
  for (const type of ['pattern-in-file', 'user-agent', 'whois-registrant-email', 'email-subject'])
    assert.equal(mispTypeRule(type).kind, 'skip', type);
});

test('an unknown type is skipped as unknown, not dropped', () => {
  assert.equal(isKnownMispType('made-up-type'), false);
  assert.equal(
    mapped('made-up-type', 'x'),
    'MISP type made-up-type: unknown type, not in the mapping table',
  );
  // Object.prototype keys are not types.
  assert.equal(mispTypeRule('constructor').kind, 'skip');
});

test('a bad part is an error; the good part of the same value still maps', () => {
  assert.deepEqual(mapped('domain|ip', 'good.example|999.1.1.1'), [
    'domain good.example 1',
    'error not an IP address: 999.1.1.1',
  ]);
  assert.deepEqual(mapped('filename|md5', 'only-a-name.exe'), [
    'error expected 2 parts joined by |',
  ]);
  // A URL may contain `|`: single-part types are not split.
  assert.deepEqual(mapped('url', 'http://x.example/a|b'), ['url http://x.example/a|b 1']);
});
