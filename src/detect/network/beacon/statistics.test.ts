// The statistics behind the beacon score: the quartile convention RITA uses, the Bowley guard,
// the allocation-free MAD checked against the obvious computation, and the rounding helpers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bowleySkew,
  ceil3,
  madm,
  madmSorted,
  mean,
  median,
  medianSorted,
  populationSD,
  quartiles,
  quartilesSorted,
  round3,
  sortedCopy,
} from './statistics.ts';
import { random } from '../../../../test/support/random.ts';

test('median of odd and even counts, any order; NaN when empty', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([7]), 7);
  assert.ok(Number.isNaN(median([])));
  assert.equal(medianSorted([1, 2, 3, 4, 100], 1, 4), 3);
});

test('quartiles exclude the middle element from both halves when the count is odd', () => {
  // Odd: halves [1, 2, 3] and [5, 6, 7], the median 4 in neither.
  assert.deepEqual(quartiles([7, 1, 4, 2, 6, 3, 5]), { q1: 2, q2: 4, q3: 6 });
  // Even: halves [1, 2, 3, 4] and [5, 6, 7, 8].
  assert.deepEqual(quartiles([1, 2, 3, 4, 5, 6, 7, 8]), { q1: 2.5, q2: 4.5, q3: 6.5 });
  assert.deepEqual(quartiles([1, 2, 3]), { q1: 1, q2: 2, q3: 3 });
  assert.deepEqual(quartiles([5]), { q1: 5, q2: 5, q3: 5 });
  // A range of a sorted array: the zeros in front are skipped without a copy.
  assert.deepEqual(quartilesSorted([0, 0, 10, 20, 30, 40], 2), { q1: 15, q2: 25, q3: 35 });
});

test('Bowley skew: positive for a long upper tail, negative for a long lower one', () => {
  assert.equal(bowleySkew({ q1: 100, q2: 110, q3: 200 }), 0.8);
  assert.equal(bowleySkew({ q1: 100, q2: 190, q3: 200 }), -0.8);
  assert.equal(bowleySkew({ q1: 100, q2: 150, q3: 200 }), 0);
});

test('Bowley guard: no skew for a spread under 10 or a median on a quartile', () => {
  // Spread 9: a few seconds of jitter must not read as maximal skew.
  assert.equal(bowleySkew({ q1: 60, q2: 61, q3: 69 }), 0);
  // Spread exactly 10 passes the guard.
  assert.equal(bowleySkew({ q1: 60, q2: 61, q3: 70 }), 0.8);
  assert.equal(bowleySkew({ q1: 60, q2: 60, q3: 120 }), 0);
  assert.equal(bowleySkew({ q1: 60, q2: 120, q3: 120 }), 0);
  assert.equal(bowleySkew({ q1: NaN, q2: NaN, q3: NaN }), 0);
});

test('MAD around the median, odd and even counts', () => {
  assert.deepEqual(madm([1, 1, 2, 2, 4, 6, 9]), { median: 2, mad: 1 });
  assert.deepEqual(madm([1, 2, 3, 4]), { median: 2.5, mad: 1 });
  assert.deepEqual(madm([5, 5, 5, 5]), { median: 5, mad: 0 });
  assert.deepEqual(madm([3]), { median: 3, mad: 0 });
  assert.ok(Number.isNaN(madm([]).mad));
});

test('the merge-walk MAD equals sorting the deviations, on random lists and ranges', () => {
  const next = random(7);
  for (let round = 0; round < 500; round++) {
    const length = 1 + Math.floor(next() * 40);
    // Few distinct values, so ties with the median are common.
    const values = Array.from({ length }, () => Math.floor(next() * 12));
    const sorted = sortedCopy(values);
    const from = Math.floor(next() * length);
    const slice = Array.from(sorted.subarray(from));
    const m = median(slice);
    const expected = median(slice.map((x) => Math.abs(x - m)));
    const { median: gotMedian, mad } = madmSorted(sorted, from);
    assert.equal(gotMedian, m, `median of ${slice.join(',')}`);
    assert.equal(mad, expected, `MAD of ${slice.join(',')}`);
  }
});

test('mean and population standard deviation divide by n', () => {
  assert.equal(mean([2, 4, 4, 4, 5, 5, 7, 9]), 5);
  assert.equal(populationSD([2, 4, 4, 4, 5, 5, 7, 9]), 2);
  assert.equal(populationSD([3, 3, 3]), 0);
  assert.ok(Number.isNaN(populationSD([])));
});

test('round3 rounds halves away from zero; ceil3 rounds up', () => {
  assert.equal(round3(0.8517614), 0.852);
  assert.equal(round3(0.0005), 0.001);
  assert.equal(round3(-0.0005), -0.001);
  assert.equal(round3(1), 1);
  assert.equal(ceil3(0.8604), 0.861);
  assert.equal(ceil3(0.5), 0.5);
  assert.equal(ceil3(7 / 12), 0.584);
});
