import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHAR_BINS, entropyBits, measureSubdomain, queryName } from './names.ts';

test('registered domain from the public-suffix list, private suffixes included', () => {
  assert.deepEqual(queryName('6dde0175375169c68f.dnsc.r-1x.com'), {
    domain: 'r-1x.com',
    subdomain: '6dde0175375169c68f.dnsc',
  });
  assert.equal(queryName('a.b.evil.github.io')?.domain, 'evil.github.io');
  assert.equal(queryName('www.bbc.co.uk')?.domain, 'bbc.co.uk');
  assert.equal(queryName('x.host.corp'), undefined);
  assert.equal(queryName('x.host.corp', true)?.domain, 'host.corp');
  for (const bad of [
    '',
    'local',
    '4.3.2.1.in-addr.arpa',
    'a.local',
    'a.internal',
    '10.0.0.1',
    'com',
  ])
    assert.equal(queryName(bad), undefined, bad);
});

test('encoded labels: hex, base32, mixed; words and short labels are not', () => {
  const h = new Uint32Array(CHAR_BINS);
  assert.equal(measureSubdomain('0b320175375169c68f.dnsc', h).encoded, true);
  assert.equal(measureSubdomain('mfrggzdfmztwq2lknnwg23tpobyxe43u', h).encoded, true);
  assert.equal(measureSubdomain('geo.vortex.data.microsoft', h).encoded, false);
  assert.equal(measureSubdomain('img-fra-12.static1.cdn', h).encoded, false);
  assert.equal(measureSubdomain('a1b2c3', h).encoded, false);
  const shape = measureSubdomain('abc.defgh', new Uint32Array(CHAR_BINS));
  assert.deepEqual(shape, { length: 9, longestLabel: 5, encoded: false });
});

test('entropy in bits per character', () => {
  const h = new Uint32Array(CHAR_BINS);
  measureSubdomain('abcdefghijklmnopqrstuvwxyz234567', h);
  assert.equal(entropyBits(h), 5);
  assert.equal(entropyBits(new Uint32Array(CHAR_BINS)), 0);
});
