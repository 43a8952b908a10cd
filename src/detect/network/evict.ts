// Bounded maps for the network detectors. Moving an entry to the end of a Map on every event
// (the usual LRU trick) costs a delete and a set per query; instead entries carry their last
// time seen and, when a map outgrows its cap, the oldest tenth goes in one sort. That is
// O(log n) amortized per insert and nothing per hit.

/** Anything that remembers when it was last seen (epoch seconds). */
export interface Recent {
  lastSeen: number;
}

/**
 * Drop the least recently seen entries of `map` once it holds more than `cap`, down to 90 % of
 * `cap`, so the sort runs once per cap/10 inserts. Returns how many were dropped.
 */
export function evictOldest<K, V extends Recent>(map: Map<K, V>, cap: number): number {
  if (map.size <= cap) return 0;
  const keep = Math.floor(cap * 0.9);
  const drop = map.size - keep;
  const times = new Float64Array(map.size);
  let i = 0;
  for (const value of map.values()) times[i++] = value.lastSeen;
  times.sort();
  // Everything seen before the cut goes; ties at the cut go in map order until `drop` is met.
  const cut = times[drop - 1] ?? Infinity;
  let dropped = 0;
  for (const [key, value] of map) {
    if (dropped >= drop) break;
    if (value.lastSeen <= cut) {
      map.delete(key);
      dropped++;
    }
  }
  return dropped;
}
