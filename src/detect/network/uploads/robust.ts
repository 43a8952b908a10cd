// Robust summary of a host's hourly upload totals: median and MAD ignore the odd busy hour, so
// one earlier burst does not raise the bar for the next; the 95th percentile catches hosts
// whose normal is bursty (a nightly backup), which a median of mostly idle hours would miss.

/** Median, median absolute deviation and 95th percentile of some values. */
export interface RobustStats {
  median: number;
  mad: number;
  p95: number;
}

/** Stats of `values[0..count)`; `scratch` (at least `count` long) is overwritten. */
export function robustStats(
  values: Float64Array,
  count: number,
  scratch: Float64Array,
): RobustStats {
  if (count === 0) return { median: 0, mad: 0, p95: 0 };
  const sorted = scratch.subarray(0, count);
  sorted.set(values.subarray(0, count));
  sorted.sort();
  const median = middle(sorted);
  const p95 = sorted[Math.min(count - 1, Math.ceil(0.95 * count) - 1)] ?? 0;
  for (let i = 0; i < count; i++) sorted[i] = Math.abs((sorted[i] ?? 0) - median);
  sorted.sort();
  return { median, mad: middle(sorted), p95 };
}

function middle(sorted: Float64Array): number {
  const n = sorted.length;
  const half = n >> 1;
  return n % 2 === 1 ? (sorted[half] ?? 0) : ((sorted[half - 1] ?? 0) + (sorted[half] ?? 0)) / 2;
}
