import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPublicAddress } from '../../core/ip.ts';
import { formatIpv4, formatIpv6, parseAddress } from './address.ts';
import { specialRange } from './special-ranges.ts';

test('special-purpose IPv4 ranges are named', () => {
  const cases: [string, string][] = [
    ['192.168.1.1', 'private'],
    ['10.0.0.1', 'private'],
    ['172.16.5.5', 'private'],
    ['172.31.255.255', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['127.0.0.1', 'loopback'],
    ['169.254.10.1', 'link-local'],
    ['0.1.2.3', 'this-network'],
    ['192.0.2.7', 'documentation'],
    ['198.51.100.1', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['198.19.255.255', 'benchmarking'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
  ];
  for (const [ip, category] of cases) assert.equal(specialRange(ip), category, ip);
});

test('range edges: the addresses just outside are public', () => {
  for (const ip of ['172.15.255.255', '172.32.0.0', '100.63.255.255', '100.128.0.0', '11.0.0.0']) {
    assert.equal(specialRange(ip), undefined, ip);
  }
  assert.equal(specialRange('8.8.8.8'), undefined);
});

test('special-purpose IPv6 ranges are named', () => {
  const cases: [string, string][] = [
    ['fd00::1', 'unique-local'],
    ['fc12:3456::1', 'unique-local'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::fb', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['100::1', 'discard'],
    ['4000::1', 'reserved'],
  ];
  for (const [ip, category] of cases) assert.equal(specialRange(ip), category, ip);
  assert.equal(specialRange('2a00:1450:4001:80b::200e'), undefined);
});

test('IPv4-mapped and NAT64 addresses are judged by their IPv4 address', () => {
  assert.equal(specialRange('::ffff:192.168.1.1'), 'private');
  assert.equal(specialRange('::ffff:c0a8:101'), 'private');
  assert.equal(specialRange('64:ff9b::10.0.0.1'), 'private');
  assert.equal(specialRange('::ffff:8.8.8.8'), undefined);
  assert.deepEqual(parseAddress('::ffff:8.8.8.8'), { version: 4, value: 0x08080808 });
});

test('text that is not an address has no category', () => {
  assert.equal(specialRange('example.com'), undefined);
  assert.equal(specialRange('256.1.1.1'), undefined);
});

test('agrees with core isPublicAddress (IPv4 exactly, IPv6 as a superset)', () => {
  let seed = 7;
  const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  const samples: string[] = [];
  for (let i = 0; i < 50_000; i++) samples.push(formatIpv4(next()));
  // Every /8 boundary, where most special blocks start or end.
  for (let octet = 0; octet < 256; octet++) {
    samples.push(formatIpv4(octet * 2 ** 24), formatIpv4(octet * 2 ** 24 + 2 ** 24 - 1));
  }
  for (const ip of samples) {
    assert.equal(specialRange(ip) !== undefined, !isPublicAddress(ip), ip);
  }
  for (let i = 0; i < 20_000; i++) {
    const value = (BigInt(next()) << 96n) | (BigInt(next()) << 64n) | BigInt(next());
    const ip = formatIpv6(value);
    if (!isPublicAddress(ip)) assert.notEqual(specialRange(ip), undefined, ip);
  }
  for (const ip of ['::', '::1', 'fc00::', 'fe80::', 'ff00::', '2001:db8::', 'febf::']) {
    assert.equal(isPublicAddress(ip), false, ip);
    assert.notEqual(specialRange(ip), undefined, ip);
  }
});
