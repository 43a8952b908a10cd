// The robust statistics the beacon score is made of, as RITA v5 defines them (reference notes
// 1.2): quartiles as the medians of the lower and upper halves, MADM, Bowley skew with RITA's
// guard, population SD, and the 3-decimal rounding its scores are reported in. Most functions
// take an already sorted array and a [from, to) range, so the scorer sorts each list once and
// reuses it without copying; the range lets it skip the zero intervals at the front.

/** Q1, Q2 (the median) and Q3 of a list. */
export interface Quartiles {
  q1: number;
  q2: number;
  q3: number;
}

/** The sorted copy of `values` the range functions below expect. */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** Median of `sorted[from..to)`; NaN when the range is empty. */
export function medianSorted(sorted: ArrayLike<number>, from = 0, to = sorted.length): number {
  const n = to - from;
  if (n <= 0) return NaN;
  const mid = from + (n >> 1);
  // `?? NaN` only satisfies the index check: the range was checked above.
  return n % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** Median of any list (sorts a copy). */
export function median(values: ArrayLike<number>): number {
  return medianSorted(sortedCopy(values));
}

/**
 * Quartiles of `sorted[from..to)`: Q1 and Q3 are the medians of the lower and upper halves, the
 * middle element excluded from both when the count is odd (montanaflynn/stats `Quartile`, which
 * RITA uses). A single value is its own three quartiles; an empty range gives NaN.
 */
export function quartilesSorted(
  sorted: ArrayLike<number>,
  from = 0,
  to = sorted.length,
): Quartiles {
  const n = to - from;
  if (n <= 0) return { q1: NaN, q2: NaN, q3: NaN };
  const q2 = medianSorted(sorted, from, to);
  if (n === 1) return { q1: q2, q2, q3: q2 };
  const half = n >> 1;
  return {
    q1: medianSorted(sorted, from, from + half),
    q2,
    q3: medianSorted(sorted, to - half, to),
  };
}

/** Quartiles of any list (sorts a copy). */
export function quartiles(values: ArrayLike<number>): Quartiles {
  return quartilesSorted(sortedCopy(values));
}

/** Below this spread (seconds, bytes) the skew of a tight distribution is noise, not shape. */
export const BOWLEY_MIN_IQR = 10;

/**
 * Bowley (quartile) skew (Q1 + Q3 - 2·Q2) / (Q3 - Q1), in [-1, 1]. Forced to 0 unless the
 * interquartile range is at least 10 and the median differs from both Q1 and Q3: RITA added the
 * guard (rita-legacy PR #792) because a jitter of a few seconds, or a median sitting on a
 * quartile, otherwise reads as maximal skew and sinks a perfect beacon.
 */
export function bowleySkew({ q1, q2, q3 }: Quartiles): number {
  const iqr = q3 - q1;
  if (!(iqr >= BOWLEY_MIN_IQR) || q2 === q1 || q2 === q3) return 0;
  return (q1 + q3 - 2 * q2) / iqr;
}

/** A median with the median absolute deviation around it. */
export interface Madm {
  median: number;
  mad: number;
}

/**
 * Median absolute deviation around the median of `sorted[from..to)`, in O(n) without a second
 * array: the deviations left of the median, read leftwards, and those right of it, read
 * rightwards, are two ascending runs, so their k-th smallest comes from a merge walk.
 */
export function madmSorted(sorted: ArrayLike<number>, from = 0, to = sorted.length): Madm {
  const n = to - from;
  if (n <= 0) return { median: NaN, mad: NaN };
  const m = medianSorted(sorted, from, to);
  // First index of the right run (values >= m); the left run is [from, split) walked downwards.
  let split = from + (n >> 1);
  while (split > from && (sorted[split - 1] ?? NaN) >= m) split--;
  let left = split - 1;
  let right = split;
  const kth = (k: number): number => {
    let value = NaN;
    for (let i = 0; i <= k; i++) {
      const l = left >= from ? m - (sorted[left] ?? NaN) : Infinity;
      const r = right < to ? (sorted[right] ?? NaN) - m : Infinity;
      if (l <= r) {
        value = l;
        left--;
      } else {
        value = r;
        right++;
      }
    }
    return value;
  };
  const half = n >> 1;
  if (n % 2 === 1) return { median: m, mad: kth(half) };
  // Even count: the mean of the two middle deviations; the walk continues from where it stopped.
  const lower = kth(half - 1);
  return { median: m, mad: (lower + kth(0)) / 2 };
}

/** Median and MAD of any list (sorts a copy). */
export function madm(values: ArrayLike<number>): Madm {
  return madmSorted(sortedCopy(values));
}

/** Arithmetic mean; NaN for an empty list. */
export function mean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] ?? NaN;
  return sum / n;
}

/** Population standard deviation (divides by n, as RITA's histogram CV does); NaN when empty. */
export function populationSD(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  const mu = mean(values);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] ?? NaN) - mu;
    sum += d * d;
  }
  return Math.sqrt(sum / n);
}

/** Rounds to 3 decimals, halves away from zero (Go's `math.Round`, which RITA's scores use). */
export function round3(value: number): number {
  return (Math.sign(value) * Math.round(Math.abs(value) * 1000)) / 1000;
}

/** Rounds up to 3 decimals, as RITA's coverage and consistency scores do. */
export function ceil3(value: number): number {
  return Math.ceil(value * 1000) / 1000;
}

export interface Dispersion {
  score: number;
  median: number;
  mad: number;
  skew: number;
}

/**
 * RITA's statistical score of a sorted list's range: the mean of 1 - |Bowley skew| and the
 * MADM score (median - MAD) / median, the latter `whenTiny` for medians below 1 (a list of
 * simultaneous connections is perfectly regular; a list of empty payloads says nothing).
 */
export function dispersion(sorted: Float64Array, from: number, whenTiny: number): Dispersion {
  const skew = bowleySkew(quartilesSorted(sorted, from, sorted.length));
  const { median, mad } = madmSorted(sorted, from, sorted.length);
  let madScore = median >= 1 ? (median - mad) / median : whenTiny;
  if (!(madScore >= 0)) madScore = 0;
  return { score: round3((1 - Math.abs(skew) + madScore) / 2), median, mad, skew };
}
