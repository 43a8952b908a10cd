// The `counts` of an ImportResult: tallies by kind and outcome, merged across inputs.

export function addCount(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}
