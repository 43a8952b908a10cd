import assert from 'node:assert/strict';
import { test } from 'node:test';
import { robustStats } from './robust.ts';

test('median, MAD and 95th percentile', () => {
  const values = Float64Array.from([1, 2, 3, 4, 100, 2, 3, 3, 2, 1, 0, 0, 2, 3, 4, 5, 2, 2, 3, 4]);
  const s = robustStats(values, values.length, new Float64Array(values.length));
  assert.equal(s.median, 2.5);
  assert.equal(s.mad, 0.5);
  assert.equal(s.p95, 5);
  assert.deepEqual(robustStats(values, 0, new Float64Array(1)), { median: 0, mad: 0, p95: 0 });
});
