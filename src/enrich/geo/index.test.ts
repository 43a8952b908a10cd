import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GeoEnricher } from './index.ts';

const geo = new GeoEnricher({ cacheSize: 100 });

test('special-purpose addresses: a category, no country, no ASN', () => {
  const expected: [string, string][] = [
    ['192.168.1.1', 'private'],
    ['10.0.0.1', 'private'],
    ['172.16.5.5', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['fd00::1', 'unique-local'],
  ];
  for (const [ip, special] of expected) assert.deepEqual(geo.lookup(ip), { special }, ip);
});

test('public addresses: country, ASN and organization', () => {
  assert.deepEqual(geo.lookup('8.8.8.8'), {
    country: 'US',
    asn: 15169,
    organization: 'Google LLC',
  });
  const yandex = geo.lookup('77.88.55.55');
  assert.equal(yandex.country, 'RU');
  assert.equal(yandex.asn, 13238);
  const v6 = geo.lookup('2a00:1450:4001:80b::200e');
  assert.equal(v6.country, 'IE');
  assert.equal(v6.asn, 15169);
  assert.equal(v6.special, undefined);
});

test('answers are cached, frozen, and invalid text gets an empty answer', () => {
  assert.equal(geo.lookup('8.8.8.8'), geo.lookup('8.8.8.8'));
  assert.ok(Object.isFrozen(geo.lookup('8.8.8.8')));
  assert.deepEqual(geo.lookup('nope'), {});
});

test('provenance names both data sets', () => {
  const provenance = geo.provenance();
  assert.match(provenance.country.source, /geo-whois-asn-country/);
  assert.match(provenance.asn.source, /@ip-location-db\/asn/);
});
