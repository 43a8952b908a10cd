// Beacon scoring on synthetic traffic whose answer is known: a metronome, a jittered or lossy
// beacon, a host that sleeps at night, random traffic; plus eligibility, the 86,400 cap, the
// config checks and the threat buckets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  beaconScore,
  beaconThreat,
  bucketed,
  isStrobe,
  longConnectionThreat,
  MAX_TIMESTAMPS,
  severityOf,
  type BeaconScore,
} from './score.ts';
import { random } from '../../../../test/support/random.ts';

const T0 = 1_750_000_000;
const DAY = 86_400;
const WINDOW = { start: T0, end: T0 + DAY };

/** A connection every `interval` seconds over [from, to), each sending `size` bytes. */
function metronome(interval: number, from = T0, to = T0 + DAY, size = 512): number[][] {
  const timestamps: number[] = [];
  for (let t = from; t < to; t += interval) timestamps.push(t);
  return [timestamps, timestamps.map(() => size)];
}

function scored(timestamps: number[], bytes: number[], window = WINDOW): BeaconScore {
  const result = beaconScore({ timestamps, bytes, window });
  assert.ok(result, 'expected the pair to be eligible');
  return result;
}

function subScores(result: BeaconScore): number[] {
  return [result.timestamp, result.dataSize, result.histogram, result.duration];
}

test('a perfect 60 s beacon all day scores 1 on every sub-score', () => {
  const [timestamps = [], bytes = []] = metronome(60);
  const result = scored(timestamps, bytes);
  assert.deepEqual(subScores(result), [1, 1, 1, 1]);
  assert.equal(result.score, 1);
  assert.equal(result.intervalMode, 60);
  assert.equal(result.intervalMedian, 60);
  assert.equal(result.mad, 0);
  assert.equal(result.skew, 0);
  assert.equal(result.connections, 1440);
  assert.deepEqual(result.histogramBins, new Array<number>(24).fill(60));
  assert.equal(result.longestRun, 24);
  assert.equal(result.strobe, false);
});

test('input order and fractional seconds do not matter', () => {
  const [timestamps = [], bytes = []] = metronome(300);
  const next = random(3);
  const shuffled = timestamps.map((t) => ({ t: t + next() * 0.9, size: 512, key: next() }));
  shuffled.sort((a, b) => a.key - b.key);
  const result = scored(
    shuffled.map((c) => c.t),
    shuffled.map((c) => c.size),
  );
  assert.deepEqual(result, scored(timestamps, bytes));
});

test('±20% uniform jitter still scores high', () => {
  const next = random(11);
  const timestamps: number[] = [];
  for (let t = T0; t < T0 + DAY; t += 60 * (0.8 + 0.4 * next())) timestamps.push(t);
  const bytes = timestamps.map(() => 480 + Math.floor(next() * 64));
  const result = scored(timestamps, bytes);
  assert.ok(result.timestamp > 0.8, `timestamp ${result.timestamp}`);
  assert.ok(result.dataSize > 0.8, `data size ${result.dataSize}`);
  assert.ok(result.score > 0.9, `score ${result.score}`);
});

test('a host switched off at night keeps a full histogram score through the bimodal fit', () => {
  // On 08:00-20:00 only: 12 full bins, 12 empty. The CV of such bars is 1, so only the
  // two-level fit can recognise the shape.
  const [timestamps = [], bytes = []] = metronome(60, T0 + 8 * 3600, T0 + 20 * 3600);
  const result = scored(timestamps, bytes);
  assert.equal(result.histogram, 1);
  assert.equal(result.longestRun, 12);
  assert.equal(result.coverage, 0.5);
  assert.equal(result.duration, 1, 'twelve consecutive hours are the ideal consistency');
  assert.ok(result.score > 0.95, `score ${result.score}`);
});

test('the same host seen for fewer than 11 hours gets no bimodal credit', () => {
  const [timestamps = [], bytes = []] = metronome(60, T0 + 8 * 3600, T0 + 18 * 3600);
  const result = scored(timestamps, bytes);
  assert.equal(result.histogram, 0);
  // A lower bimodal minimum (>= 6) lets ten hours through.
  const relaxed = beaconScore(
    { timestamps, bytes, window: WINDOW },
    { histogramBimodalMinHoursSeen: 10 },
  );
  assert.equal(relaxed?.histogram, 1);
  // Below 6 the setting falls back to 11.
  const reset = beaconScore(
    { timestamps, bytes, window: WINDOW },
    { histogramBimodalMinHoursSeen: 3 },
  );
  assert.equal(reset?.histogram, 0);
});

test('missed beacons (20% dropped at random) keep the score high', () => {
  const next = random(42);
  const [all = []] = metronome(120);
  const timestamps = all.filter(() => next() >= 0.2);
  const result = scored(
    timestamps,
    timestamps.map(() => 512),
  );
  assert.ok(timestamps.length < all.length * 0.85);
  assert.equal(result.intervalMode, 120);
  assert.ok(result.timestamp > 0.9, `timestamp ${result.timestamp}`);
  assert.ok(result.score > 0.9, `score ${result.score}`);
});

/** Poisson arrivals (exponential gaps of mean `mean` s) over [from, to), log-normal sizes. */
function poisson(seed: number, mean: number, from: number, to: number): number[][] {
  const next = random(seed);
  const timestamps: number[] = [];
  const bytes: number[] = [];
  for (let t = from - Math.log(1 - next()) * mean; t < to; t -= Math.log(1 - next()) * mean) {
    timestamps.push(t);
    const normal = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    bytes.push(Math.round(200 * Math.exp(1.5 * normal)));
  }
  return [timestamps, bytes];
}

test('random (Poisson) traffic during a working session scores low', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const [timestamps = [], bytes = []] = poisson(seed, 60, T0 + 9 * 3600, T0 + 15 * 3600);
    const result = scored(timestamps, bytes);
    assert.ok(result.score < 0.5, `seed ${seed}: score ${result.score}`);
    assert.ok(result.timestamp < 0.7, `seed ${seed}: timestamp ${result.timestamp}`);
    assert.equal(severityOf(beaconThreat(result.score)), 'none');
  }
});

test('random traffic all day: irregular timing, and no more than a low threat', () => {
  // RITA's duration and histogram scores reward a steady hourly rate, which a constant-rate
  // random process has, so its beacon score lands near 0.7; the timestamp and data-size scores
  // are what give it away, and the threat buckets keep it under medium.
  for (const seed of [1, 2, 3, 4, 5]) {
    const [timestamps = [], bytes = []] = poisson(seed, 300, T0, T0 + DAY);
    const result = scored(timestamps, bytes);
    assert.ok(result.timestamp < 0.7, `seed ${seed}: timestamp ${result.timestamp}`);
    assert.ok(result.dataSize < 0.6, `seed ${seed}: data size ${result.dataSize}`);
    assert.ok(result.score < 0.75, `seed ${seed}: score ${result.score}`);
    assert.ok(beaconThreat(result.score) < 0.6, `seed ${seed}: threat`);
  }
});

test('fewer than 4 distinct seconds is not eligible', () => {
  const timestamps = [T0, T0 + 0.2, T0 + 60, T0 + 60.5, T0 + 120, T0 + 120.9];
  assert.equal(
    beaconScore({ timestamps, bytes: timestamps.map(() => 1), window: WINDOW }),
    undefined,
  );
  assert.equal(beaconScore({ timestamps: [], bytes: [], window: WINDOW }), undefined);
  const four = [...timestamps, T0 + 180];
  assert.equal(
    scored(
      four,
      four.map(() => 1),
    ).uniqueTimestamps,
    4,
  );
});

test('simultaneous connections: zero gaps count for the mode, not for the statistics', () => {
  // Bursts of three connections at the same second every 10 minutes.
  const timestamps = metronome(600)[0]!.flatMap((t) => [t, t, t]);
  const result = scored(
    timestamps,
    timestamps.map(() => 90),
  );
  assert.equal(result.intervalMode, 0);
  assert.equal(result.intervalMedian, 600);
  assert.equal(result.timestamp, 1);
});

test('empty payloads: a median size under 1 gives no MAD credit', () => {
  const [timestamps = []] = metronome(60);
  const result = scored(
    timestamps,
    timestamps.map(() => 0),
  );
  assert.equal(result.dataSize, 0.5);
});

test('more than 86,400 connections: the latest 86,400 are scored and it is a strobe', () => {
  // 20,000 early connections with wild sizes, then 86,400 regular ones: only the latter count,
  // so sizes must follow their timestamps through the cap.
  const next = random(5);
  const timestamps: number[] = [];
  const bytes: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    timestamps.push(T0 - DAY + i * 4 + Math.floor(next() * 3));
    bytes.push(Math.floor(next() * 100_000));
  }
  for (let i = 0; i < MAX_TIMESTAMPS; i++) {
    timestamps.push(T0 + i);
    bytes.push(60);
  }
  const result = scored(timestamps, bytes);
  assert.equal(result.connections, 106_400);
  assert.equal(result.uniqueTimestamps, MAX_TIMESTAMPS);
  assert.equal(result.strobe, true);
  assert.equal(result.dataSize, 1);
  assert.equal(result.timestamp, 1);
  assert.equal(isStrobe(86_399), false);
});

test('the cap keeps the later connections of the cut-off second', () => {
  // Two connections at the cut-off second, one with a wild size, listed first: the cap leaves
  // room for one of them, and it is the later one in input order.
  const timestamps = [T0 - 1, T0 - 1];
  const bytes = [1_000_000, 60];
  for (let i = 0; i < MAX_TIMESTAMPS - 1; i++) {
    timestamps.push(T0 + i);
    bytes.push(60);
  }
  assert.equal(scored(timestamps, bytes).dataSize, 1);
});

test('mismatched lists and invalid weights are rejected', () => {
  assert.throws(
    () => beaconScore({ timestamps: [1, 2, 3, 4], bytes: [1], window: WINDOW }),
    RangeError,
  );
  const [timestamps = [], bytes = []] = metronome(60);
  const input = { timestamps, bytes, window: WINDOW };
  const weights = { timestamp: 0.5, dataSize: 0.5, histogram: 0.5, duration: 0 };
  assert.throws(() => beaconScore(input, { weights }), /sum to 1/);
  const negative = { timestamp: 1.5, dataSize: -0.5, histogram: 0, duration: 0 };
  assert.throws(() => beaconScore(input, { weights: negative }), /between 0 and 1/);
  const tenths = { timestamp: 0.1, dataSize: 0.2, histogram: 0.3, duration: 0.4 };
  assert.equal(beaconScore(input, { weights: tenths })?.score, 1);
});

test('bucketed: 0 below base, then 0.2 / 0.4 / 0.6 / 0.8 at the edges, linear between', () => {
  const buckets = { base: 50, low: 70, medium: 90, high: 100 };
  assert.equal(bucketed(49.999, buckets), 0);
  assert.equal(bucketed(50, buckets), 0.2);
  assert.equal(bucketed(60, buckets), 0.30000000000000004);
  assert.equal(bucketed(70, buckets), 0.4);
  assert.equal(bucketed(90, buckets), 0.6);
  assert.equal(bucketed(95, buckets), 0.7);
  assert.equal(bucketed(100, buckets), 0.8);
  assert.equal(bucketed(1e9, buckets), 0.8);
  assert.equal(bucketed(NaN, buckets), 0);
});

test('beacon and long-connection threats use their own buckets', () => {
  assert.equal(beaconThreat(0.49), 0);
  assert.equal(beaconThreat(0.5), 0.2);
  assert.ok(Math.abs(beaconThreat(0.963) - 0.726) < 1e-9);
  assert.equal(beaconThreat(1), 0.8);
  assert.equal(longConnectionThreat(3599), 0);
  assert.equal(longConnectionThreat(3600), 0.2);
  assert.equal(longConnectionThreat(14_400), 0.4);
  assert.equal(longConnectionThreat(28_800), 0.6);
  assert.equal(longConnectionThreat(43_200), 0.8);
  assert.equal(longConnectionThreat(270_036), 0.8);
});

test('severity: above 0.8 is critical, the other edges are inclusive', () => {
  assert.equal(severityOf(0.9), 'critical');
  assert.equal(severityOf(0.8), 'high');
  assert.equal(severityOf(0.6), 'high');
  assert.equal(severityOf(0.59), 'medium');
  assert.equal(severityOf(0.4), 'medium');
  assert.equal(severityOf(0.2), 'low');
  assert.equal(severityOf(0.19), 'none');
  assert.equal(severityOf(-0.1), 'none');
});
