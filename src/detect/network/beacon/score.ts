// The beacon score of one source -> destination pair, RITA v5's published statistics (reference
// notes 1.1-1.6): a weighted mean of four sub-scores in [0, 1], each answering one question.
// - timestamp: are the gaps between connections regular? (Bowley skew and MADM of the intervals)
// - data size: does every connection send about the same amount? (same statistics on bytes)
// - histogram: is the traffic spread evenly, or in two steady levels (a host off at night), over
//   the 24 hourly bins of the window?
// - duration: does the pair span the window, or stay active for many consecutive hours?
// Scoring runs for about a million pairs a day, so each list is sorted once into scratch buffers
// reused across calls (the function is synchronous, so they are never shared), and the statistics
// read ranges of those buffers instead of copies: O(n log n) per pair and a handful of small
// allocations for the result.
import { durationScore, histogramScore } from './shape.ts';
import { dispersion, round3, type Dispersion } from './statistics.ts';

/** The weight of each sub-score in the beacon score; each in [0, 1], together exactly 1. */
export interface BeaconWeights {
  timestamp: number;
  dataSize: number;
  histogram: number;
  duration: number;
}

/** RITA's tunables (default_config.hjson `scoring.beacon`), under the same meaning. */
export interface BeaconConfig {
  weights: BeaconWeights;
  /** Share of the tallest hourly bar that makes two bars "the same level" in the bimodal fit. */
  histogramModeSensitivity: number;
  /** Non-empty hourly bins needed before the bimodal fit counts; values below 6 mean 11. */
  histogramBimodalMinHoursSeen: number;
  /** Bars the bimodal fit forgives as outliers. */
  histogramBimodalOutlierRemoval: number;
  /** Non-empty hourly bins needed before the duration score counts. */
  durationMinHoursSeen: number;
  /** Consecutive active hours that earn a full consistency score. */
  durationConsistencyIdealHoursSeen: number;
}

export const DEFAULT_BEACON_WEIGHTS: Readonly<BeaconWeights> = Object.freeze({
  timestamp: 0.25,
  dataSize: 0.25,
  histogram: 0.25,
  duration: 0.25,
});
export const DEFAULT_HISTOGRAM_MODE_SENSITIVITY = 0.05;
export const DEFAULT_HISTOGRAM_BIMODAL_MIN_HOURS_SEEN = 11;
/** Below this, RITA resets the bimodal minimum to its default: a fit over so few bars is luck. */
export const HISTOGRAM_BIMODAL_MIN_HOURS_FLOOR = 6;
export const DEFAULT_HISTOGRAM_BIMODAL_OUTLIER_REMOVAL = 1;
export const DEFAULT_DURATION_MIN_HOURS_SEEN = 6;
export const DEFAULT_DURATION_CONSISTENCY_IDEAL_HOURS_SEEN = 12;

export const DEFAULT_BEACON_CONFIG: Readonly<BeaconConfig> = Object.freeze({
  weights: DEFAULT_BEACON_WEIGHTS,
  histogramModeSensitivity: DEFAULT_HISTOGRAM_MODE_SENSITIVITY,
  histogramBimodalMinHoursSeen: DEFAULT_HISTOGRAM_BIMODAL_MIN_HOURS_SEEN,
  histogramBimodalOutlierRemoval: DEFAULT_HISTOGRAM_BIMODAL_OUTLIER_REMOVAL,
  durationMinHoursSeen: DEFAULT_DURATION_MIN_HOURS_SEEN,
  durationConsistencyIdealHoursSeen: DEFAULT_DURATION_CONSISTENCY_IDEAL_HOURS_SEEN,
});

/** Fewer distinct connection times than this say nothing about regularity. */
export const MIN_UNIQUE_TIMESTAMPS = 4;
/** Timestamps (and sizes) kept per pair; RITA stores at most this many, one a second for a day. */
export const MAX_TIMESTAMPS = 86_400;
/** A pair with at least this many connections in the window is a strobe, not a beacon. */
export const STROBE_CONNECTIONS = 86_400;
export { HISTOGRAM_BINS } from './shape.ts';

/** What `beaconScore` reads: one pair's connections in the analysis window. */
export interface BeaconInput {
  /**
   * Connection start times, epoch seconds, any order; fractions are dropped (RITA works in whole
   * seconds). RITA takes the pair's connections from the start of the hour the window starts in,
   * so a few may precede `window.start`: they count for the interval statistics and fall in the
   * first histogram bin.
   */
  timestamps: ArrayLike<number>;
  /** Bytes the source sent per connection, IP headers included (Zeek orig_ip_bytes); same order. */
  bytes: ArrayLike<number>;
  /**
   * The dataset window, epoch seconds: `max(min_ts, max_ts - 24 h)` to `max_ts` over all the
   * connections kept by the import filter (not only this pair's).
   */
  window: { start: number; end: number };
}

/** The beacon score of one pair and what it is made of. */
export interface BeaconScore {
  /** Weighted mean of the four sub-scores, 3 decimals. */
  score: number;
  timestamp: number;
  dataSize: number;
  histogram: number;
  duration: number;
  /** Connections given (before the 86,400 cap). */
  connections: number;
  /** Distinct whole-second start times among those scored. */
  uniqueTimestamps: number;
  /** The most frequent interval in seconds, zero gaps (simultaneous connections) included. */
  intervalMode: number;
  /** Median of the non-zero intervals, seconds. */
  intervalMedian: number;
  /** Bowley skew of the non-zero intervals after the guard; 0 is symmetric. */
  skew: number;
  /** Median absolute deviation of the non-zero intervals, seconds. */
  mad: number;
  /** Connections per hourly bin of the window. */
  histogramBins: number[];
  /** Longest run of non-empty bins, wrapping from the last hour to the first. */
  longestRun: number;
  /** Share of the window between the pair's first and last connection, rounded up, at most 1. */
  coverage: number;
  /** At least 86,400 connections: report a strobe instead of a beacon. */
  strobe: boolean;
}

/** Thresholds of a bucketed score: where NONE, LOW, MEDIUM and HIGH are reached. */
export interface Buckets {
  base: number;
  low: number;
  medium: number;
  high: number;
}

/** RITA's category scores (config/config.go). */
export const SCORE_NONE = 0.2;
export const SCORE_LOW = 0.4;
export const SCORE_MEDIUM = 0.6;
export const SCORE_HIGH = 0.8;

export const BEACON_BUCKETS: Readonly<Buckets> = Object.freeze({
  base: 50,
  low: 70,
  medium: 90,
  high: 100,
});
/** Cumulative seconds of the pair's connections in the window: 1 h, 4 h, 8 h, 12 h. */
export const LONG_CONNECTION_BUCKETS: Readonly<Buckets> = Object.freeze({
  base: 3600,
  low: 14_400,
  medium: 28_800,
  high: 43_200,
});

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'none';

/**
 * Maps a measure onto RITA's threat scale: 0 below `base`, then linear within each bucket from
 * 0.2 (at `base`) to 0.4, 0.6 and 0.8 (at `high` and above).
 */
export function bucketed(value: number, { base, low, medium, high }: Buckets): number {
  if (!(value >= base)) return 0;
  if (value < low) return SCORE_NONE + ((value - base) / (low - base)) * 0.2;
  if (value < medium) return SCORE_LOW + ((value - low) / (medium - low)) * 0.2;
  return SCORE_MEDIUM + ((Math.min(value, high) - medium) / (high - medium)) * 0.2;
}

/** The threat score of a beacon score: 0.5 is where it starts to count, 0.9 is already high. */
export function beaconThreat(score: number): number {
  return bucketed(score * 100, BEACON_BUCKETS);
}

/** The threat score of a pair's cumulative connection time in the window (open ones included). */
export function longConnectionThreat(totalSeconds: number): number {
  return bucketed(totalSeconds, LONG_CONNECTION_BUCKETS);
}

/** RITA's severity of a final score (the greatest threat plus modifiers). */
export function severityOf(finalScore: number): Severity {
  if (finalScore > 0.8) return 'critical';
  if (finalScore >= 0.6) return 'high';
  if (finalScore >= 0.4) return 'medium';
  if (finalScore >= 0.2) return 'low';
  return 'none';
}

/** Whether a pair's connection count makes it a strobe. */
export function isStrobe(connections: number): boolean {
  return connections >= STROBE_CONNECTIONS;
}

/**
 * The beacon score of one pair, or `undefined` when it has fewer than 4 distinct whole-second
 * timestamps. Only the latest 86,400 connections are scored; throws a RangeError when the two
 * lists differ in length or the config is invalid.
 */
export function beaconScore(
  input: BeaconInput,
  config: Partial<BeaconConfig> = DEFAULT_BEACON_CONFIG,
): BeaconScore | undefined {
  const { timestamps, bytes, window } = input;
  const connections = timestamps.length;
  if (bytes.length !== connections) {
    throw new RangeError(
      `beaconScore: ${connections} timestamps but ${bytes.length} byte counts; they go in pairs`,
    );
  }
  const settings = resolve(config);
  const n = Math.min(connections, MAX_TIMESTAMPS);
  if (n < MIN_UNIQUE_TIMESTAMPS) return undefined;

  const ts = latestTimestamps(timestamps);
  const uniqueTimestamps = countUnique(ts);
  if (uniqueTimestamps < MIN_UNIQUE_TIMESTAMPS) return undefined;

  const intervals = sortedIntervals(ts);
  const sizes = bytesOfLatest(timestamps, bytes, ts);
  const timing = timestampScore(intervals);
  const dataSize = dataSizeScore(sizes);
  const shape = histogramScore(ts, window, settings);
  const span = durationScore(ts, window, shape, settings);

  const { weights } = settings;
  return {
    score: round3(
      weights.timestamp * timing.score +
        weights.dataSize * dataSize +
        weights.histogram * shape.score +
        weights.duration * span.score,
    ),
    timestamp: timing.score,
    dataSize,
    histogram: shape.score,
    duration: span.score,
    connections,
    uniqueTimestamps,
    intervalMode: timing.mode,
    intervalMedian: timing.median,
    skew: timing.skew,
    mad: timing.mad,
    histogramBins: Array.from(shape.bins),
    longestRun: shape.longestRun,
    coverage: span.coverage,
    strobe: isStrobe(connections),
  };
}

// ---- configuration ----

const resolved = new WeakMap<object, Readonly<BeaconConfig>>();

/** Defaults filled in and checked once per config object. */
function resolve(config: Partial<BeaconConfig>): Readonly<BeaconConfig> {
  const cached = resolved.get(config);
  if (cached !== undefined) return cached;
  const full: BeaconConfig = { ...DEFAULT_BEACON_CONFIG, ...config };
  const w = full.weights;
  const parts = [w.timestamp, w.dataSize, w.histogram, w.duration];
  if (parts.some((x) => !(x >= 0 && x <= 1))) {
    throw new RangeError('beacon weights must each be between 0 and 1');
  }
  // RITA demands an exact sum; a float tolerance lets 0.1 + 0.2 + 0.3 + 0.4 through.
  if (Math.abs(parts.reduce((a, b) => a + b, 0) - 1) > 1e-9) {
    throw new RangeError('beacon weights must sum to 1');
  }
  if (full.histogramBimodalMinHoursSeen < HISTOGRAM_BIMODAL_MIN_HOURS_FLOOR) {
    full.histogramBimodalMinHoursSeen = DEFAULT_HISTOGRAM_BIMODAL_MIN_HOURS_SEEN;
  }
  const frozen = Object.freeze(full);
  resolved.set(config, frozen);
  return frozen;
}

// ---- scratch buffers, grown on demand and reused by every call ----

let tsBuffer: Float64Array = new Float64Array(1024);
let intervalBuffer: Float64Array = new Float64Array(1024);
let sizeBuffer: Float64Array = new Float64Array(1024);

function grown(buffer: Float64Array, size: number): Float64Array {
  if (buffer.length >= size) return buffer;
  let length = buffer.length;
  while (length < size) length *= 2;
  return new Float64Array(Math.min(length, Math.max(size, MAX_TIMESTAMPS)));
}

/** The whole-second timestamps, sorted, the latest 86,400 only. */
function latestTimestamps(timestamps: ArrayLike<number>): Float64Array {
  const total = timestamps.length;
  tsBuffer = grown(tsBuffer, total);
  const all = tsBuffer.subarray(0, total);
  for (let i = 0; i < total; i++) all[i] = Math.floor(timestamps[i] ?? NaN);
  all.sort();
  return total > MAX_TIMESTAMPS ? all.subarray(total - MAX_TIMESTAMPS) : all;
}

function countUnique(sorted: Float64Array): number {
  let unique = sorted.length > 0 ? 1 : 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) unique++;
  return unique;
}

/** Gaps between consecutive sorted timestamps, sorted; zero gaps come first. */
function sortedIntervals(ts: Float64Array): Float64Array {
  const count = ts.length - 1;
  intervalBuffer = grown(intervalBuffer, count);
  const intervals = intervalBuffer.subarray(0, count);
  for (let i = 0; i < count; i++) intervals[i] = (ts[i + 1] ?? NaN) - (ts[i] ?? NaN);
  return intervals.sort();
}

/**
 * The byte counts of the connections scored, sorted. When the cap cut the list, the kept ones
 * are those after the earliest kept timestamp plus as many at that second as the cap left room
 * for (the later in input order), so no index sort is needed.
 */
function bytesOfLatest(
  timestamps: ArrayLike<number>,
  bytes: ArrayLike<number>,
  kept: Float64Array,
): Float64Array {
  const total = bytes.length;
  const count = kept.length;
  sizeBuffer = grown(sizeBuffer, count);
  const sizes = sizeBuffer.subarray(0, count);
  if (count === total) {
    for (let i = 0; i < total; i++) sizes[i] = bytes[i] ?? NaN;
    return sizes.sort();
  }
  const cutoff = kept[0] ?? NaN;
  let atCutoff = 0;
  while (atCutoff < count && kept[atCutoff] === cutoff) atCutoff++;
  let j = 0;
  for (let i = total - 1; i >= 0 && j < count; i--) {
    const t = Math.floor(timestamps[i] ?? NaN);
    if (t > cutoff || (t === cutoff && atCutoff-- > 0)) sizes[j++] = bytes[i] ?? NaN;
  }
  return sizes.sort();
}

// ---- sub-scores ----

/** The timestamp score, from the non-zero intervals; the mode counts every interval. */
function timestampScore(intervals: Float64Array): Dispersion & { mode: number } {
  let from = 0;
  while (from < intervals.length && intervals[from] === 0) from++;
  return { ...dispersion(intervals, from, 1), mode: modeOf(intervals) };
}

/** The most frequent value of a sorted list; the smallest among equally frequent ones. */
function modeOf(sorted: Float64Array): number {
  let mode = NaN;
  let best = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    if (j - i > best) {
      best = j - i;
      mode = sorted[i] ?? NaN;
    }
    i = j;
  }
  return mode;
}

/** The data-size score, from the sorted byte counts (RITA needs at least 3). */
function dataSizeScore(sizes: Float64Array): number {
  return sizes.length < 3 ? 0 : dispersion(sizes, 0, 0).score;
}
