import assert from 'node:assert/strict';
import { test } from 'node:test';
import { random } from '../../../test/support/random.ts';
import { Uint32Map } from './uint32-map.ts';

test('agrees with a Map on 100,000 random keys across growth, replacements and misses', () => {
  const next = random(42);
  const map = new Uint32Map();
  const reference = new Map<number, number>();
  for (let i = 0; i < 100_000; i++) {
    const key = Math.floor(next() * 2 ** 32);
    const value = Math.floor(next() * 1000);
    map.set(key, value);
    reference.set(key, value);
  }
  assert.equal(map.size, reference.size);
  for (const [key, value] of reference) assert.equal(map.get(key), value);
  for (let i = 0; i < 100_000; i++) {
    const key = Math.floor(next() * 2 ** 32);
    assert.equal(map.get(key), reference.get(key) ?? -1);
  }
  map.set(0, 7);
  map.set(0xffffffff, 8);
  assert.deepEqual([map.get(0), map.get(0xffffffff)], [7, 8]);
});
