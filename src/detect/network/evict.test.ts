import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evictOldest } from './evict.ts';

test('drops the least recently seen down to 90 % of the cap', () => {
  const map = new Map<number, { lastSeen: number }>();
  for (let i = 0; i < 101; i++) map.set(i, { lastSeen: (i * 37) % 101 });
  assert.equal(evictOldest(map, 100), 11);
  assert.equal(map.size, 90);
  for (const v of map.values()) assert.ok(v.lastSeen >= 11);
  assert.equal(evictOldest(map, 100), 0);
});
