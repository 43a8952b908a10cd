import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CountryLookup } from './country.ts';

const lookup = new CountryLookup();

test('public addresses get their country', () => {
  assert.equal(lookup.country('8.8.8.8'), 'US');
  assert.equal(lookup.country('77.88.55.55'), 'RU');
  assert.equal(lookup.country('2a00:1450:4001:80b::200e'), 'IE');
  assert.equal(lookup.country('2a02:6b8::2:242'), 'RU'); // Yandex
  assert.equal(lookup.country('::ffff:77.88.55.55'), 'RU');
});

test('special-purpose ranges have no country, whatever the database says', () => {
  // The database answers AU for the first three and JP for 2001:db8::/32.
  for (const ip of [
    '192.168.1.1',
    '172.16.5.5',
    '10.0.0.1',
    '100.64.0.1',
    'fd00::1',
    '2001:db8::1',
  ]) {
    assert.equal(lookup.country(ip), undefined, ip);
  }
  assert.equal(lookup.country('not an address'), undefined);
});

test('provenance carries the package version and the build epoch', () => {
  const provenance = lookup.provenance();
  assert.match(provenance.version, /^\d+\.\d+\.\d+$/);
  assert.ok(provenance.buildEpoch instanceof Date);
  assert.ok(provenance.buildEpoch.getTime() > Date.UTC(2024, 0, 1));
  assert.equal(provenance.databaseType, 'country ipvAll');
});
