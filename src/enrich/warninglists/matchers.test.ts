import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAddress } from '../geo/address.ts';
import { CidrSet } from './cidr-set.ts';
import { classifyList } from './classify.ts';
import { DomainSet, suffixesOf } from './domain-set.ts';
import { compileMispRegex } from './regex.ts';

const has = (set: CidrSet, ip: string): boolean => {
  const address = parseAddress(ip);
  assert.ok(address, ip);
  return set.has(address);
};

test('CIDR set: interval edges, merged overlaps, host bits, IPv6', () => {
  const set = new CidrSet([
    '10.0.0.0/24',
    '10.0.0.128/25',
    '10.0.1.0/24',
    '10.0.5.9/16',
    '2001:db8::/127',
    'x',
  ]);
  assert.deepEqual(set.intervals, { ipv4: 1, ipv6: 1 }, '10.0/16 swallows the rest');
  assert.deepEqual(set.invalid, ['x']);
  assert.ok(has(set, '10.0.0.0'));
  assert.ok(has(set, '10.0.255.255'));
  assert.ok(!has(set, '9.255.255.255'));
  assert.ok(!has(set, '10.1.0.0'));
  assert.ok(has(set, '2001:db8::1'));
  assert.ok(!has(set, '2001:db8::2'));
  const sparse = new CidrSet(['0.0.0.0/32', '255.255.255.255/32', '8.8.8.8']);
  assert.ok(has(sparse, '0.0.0.0'));
  assert.ok(has(sparse, '255.255.255.255'));
  assert.ok(has(sparse, '8.8.8.8'));
  assert.ok(!has(sparse, '8.8.8.9'));
  assert.ok(!has(new CidrSet([]), '8.8.8.8'));
});

test('domain set: hostname suffixes, string exact, leading dot and wildcard', () => {
  const hostnames = new DomainSet(['example.org', '*.wild.test'], true);
  const strings = new DomainSet(['Exact.Test', '.below.test'], false);
  const check = (set: DomainSet, name: string): boolean => set.has(name, suffixesOf(name));
  assert.ok(check(hostnames, 'example.org'));
  assert.ok(check(hostnames, 'a.b.example.org'));
  assert.ok(!check(hostnames, 'badexample.org'));
  assert.ok(check(hostnames, 'x.wild.test'));
  assert.ok(check(strings, 'exact.test'));
  assert.ok(!check(strings, 'sub.exact.test'));
  assert.ok(check(strings, 'sub.below.test'));
  assert.deepEqual(suffixesOf('a.b.c'), ['a.b.c', 'b.c', 'c']);
});

test('MISP regex literals', () => {
  const re = compileMispRegex('/^(security|abuse)\\@.*$/i');
  assert.ok(re instanceof RegExp && re.test('ABUSE@example.com'));
  const global = compileMispRegex('/55501([0-9]{2})/g');
  assert.ok(global instanceof RegExp && !global.global, 'g dropped: test() must stay stateless');
  assert.ok(compileMispRegex('#a+#') instanceof RegExp);
  const broken = compileMispRegex('/(/');
  assert.ok(!(broken instanceof RegExp) && /Invalid regular expression/.test(broken.error));
  assert.deepEqual(compileMispRegex('/a/x'), { error: 'unsupported flag "x"' });
});

test('list classification by id, with configuration', () => {
  assert.equal(classifyList('dynamic-dns'), 'raise');
  assert.equal(classifyList('vpn-ipv4'), 'raise');
  assert.equal(classifyList('tor-exit-nodes'), 'raise');
  assert.equal(classifyList('public-ipfs-gateways'), 'raise');
  assert.equal(classifyList('url-shortener'), 'raise');
  assert.equal(classifyList('cloudflare-top10k'), 'known-good');
  assert.equal(classifyList('cisco_top1000'), 'known-good');
  assert.equal(classifyList('amazon-aws'), 'known-good');
  assert.equal(classifyList('microsoft-office365-ip'), 'known-good');
  assert.equal(classifyList('microsoft-attack-simulator'), 'neutral');
  assert.equal(classifyList('crl-ip'), 'known-good');
  assert.equal(classifyList('public-dns-v6'), 'known-good');
  assert.equal(classifyList('shodan-scanning'), 'neutral');
  assert.equal(classifyList('stackpath-tor'), 'raise');
  assert.equal(classifyList('amazon-aws', { overrides: { 'amazon-aws': 'neutral' } }), 'neutral');
  assert.equal(
    classifyList('telegram-ips', { rules: [{ pattern: /^telegram/, class: 'raise' }] }),
    'raise',
  );
});
