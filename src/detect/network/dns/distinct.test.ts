import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DistinctCounter, hash53 } from './distinct.ts';

test('exact below the cap, within a few percent above it, never above the cap in memory', () => {
  const c = new DistinctCounter(1000);
  for (let i = 0; i < 900; i++) c.add(hash53(`n${i}`));
  for (let i = 0; i < 900; i++) assert.equal(c.add(hash53(`n${i}`)), false);
  assert.equal(c.count, 900);
  assert.equal(c.approximate, false);
  for (let i = 900; i < 100_000; i++) c.add(hash53(`n${i}`));
  assert.ok(c.approximate);
  assert.ok(Math.abs(c.count - 100_000) / 100_000 < 0.1, String(c.count));
});

test('hash53 is a safe integer and spreads neighbouring names', () => {
  const seen = new Set<number>();
  for (let i = 0; i < 50_000; i++) {
    const h = hash53(`a${i}.example.com`);
    assert.ok(Number.isSafeInteger(h) && h >= 0);
    seen.add(h);
  }
  assert.equal(seen.size, 50_000);
});
