// The shape of a pair's activity over the window: the hourly histogram's evenness (or two steady
// levels, a host switched off at night) and how long the pair stays active, RITA v5's histogram
// and duration sub-scores (reference notes 1.4-1.5).
import type { BeaconConfig, BeaconInput } from './score.ts';
import { ceil3, mean, populationSD, round3 } from './statistics.ts';

/** Bins of the activity histogram: hourly over a 24 h window. */
export const HISTOGRAM_BINS = 24;

// Reused across calls: scoring is synchronous, so the buffer is never shared.
const binBuffer = new Float64Array(HISTOGRAM_BINS);

export interface Shape {
  score: number;
  bins: Float64Array;
  /** Non-empty bins. */
  bars: number;
  longestRun: number;
}

/** Counts per bin, then the better of the evenness (CV) and the two-level (bimodal) fit. */
export function histogramScore(
  ts: Float64Array,
  window: BeaconInput['window'],
  settings: Readonly<BeaconConfig>,
): Shape {
  const bins = fillBins(ts, window);
  let bars = 0;
  let tallest = 0;
  for (const count of bins) {
    if (count > 0) bars++;
    if (count > tallest) tallest = count;
  }
  const cv = populationSD(bins) / mean(bins);
  const cvScore = cv > 1 || !(cv >= 0) ? 0 : round3(1 - cv);
  const score = Math.max(cvScore, bimodalFit(bins, tallest, bars, settings));
  return { score, bins, bars, longestRun: longestRun(bins) };
}

/**
 * Connections per equal bin of [start, end]. Connections before the start (the hour the window
 * starts in) fall in the first bin and any after the end in the last, as in RITA: its golden
 * missing_host score (histogram 1.0) needs exactly that.
 */
function fillBins(ts: Float64Array, { start, end }: BeaconInput['window']): Float64Array {
  binBuffer.fill(0);
  const width = (end - start) / HISTOGRAM_BINS;
  const last = HISTOGRAM_BINS - 1;
  for (const t of ts) {
    const bin = width > 0 ? Math.floor((t - start) / width) : 0;
    const at = bin < 0 ? 0 : bin > last ? last : bin;
    binBuffer[at] = (binBuffer[at] ?? 0) + 1;
  }
  return binBuffer;
}

/**
 * How well the bars sit at two levels: bars are grouped by height in steps of the tallest bar
 * times the mode sensitivity; the two most common heights, over the bars minus the forgiven
 * outliers, give the fit. A host that is on all day and off all night scores 1.
 */
function bimodalFit(
  bins: Float64Array,
  tallest: number,
  bars: number,
  settings: Readonly<BeaconConfig>,
): number {
  if (bars < settings.histogramBimodalMinHoursSeen) return 0;
  const step = Math.ceil(tallest * settings.histogramModeSensitivity);
  // At most 24 distinct heights: a small map beats sorting.
  const heights = new Map<number, number>();
  for (const count of bins) {
    if (count === 0) continue;
    const height = Math.floor(count / step) * step;
    heights.set(height, (heights.get(height) ?? 0) + 1);
  }
  let first = 0;
  let second = 0;
  for (const seen of heights.values()) {
    if (seen > first) {
      second = first;
      first = seen;
    } else if (seen > second) second = seen;
  }
  const forgiven = Math.max(bars - settings.histogramBimodalOutlierRemoval, 1);
  return Math.min(round3((first + second) / forgiven), 1);
}

/** Longest run of non-empty bins, wrapping around midnight; all 24 when none is empty. */
function longestRun(bins: Float64Array): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < 2 * bins.length; i++) {
    if ((bins[i % bins.length] ?? NaN) > 0) {
      run++;
      if (run > best) best = run;
    } else run = 0;
  }
  return Math.min(best, bins.length);
}

/**
 * The better of coverage (share of the window between the first and last connection) and
 * consistency (longest active run over the ideal); 0 when too few hours saw traffic.
 */
export function durationScore(
  ts: Float64Array,
  { start, end }: BeaconInput['window'],
  shape: Shape,
  settings: Readonly<BeaconConfig>,
): { score: number; coverage: number } {
  const length = end - start;
  const coverage =
    length > 0 ? Math.min(ceil3(((ts[ts.length - 1] ?? NaN) - (ts[0] ?? NaN)) / length), 1) : 1;
  if (shape.bars < settings.durationMinHoursSeen) return { score: 0, coverage };
  const consistency = Math.min(
    ceil3(shape.longestRun / settings.durationConsistencyIdealHoursSeen),
    1,
  );
  return { score: Math.max(coverage, consistency), coverage };
}
