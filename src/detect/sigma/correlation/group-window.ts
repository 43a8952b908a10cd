// One group's sliding window for one correlation rule: the hits of the last `timespan`, in time
// order, with the aggregate the rule's type asks for. An entry exactly `timespan` older than the
// newest is outside the window (windows are half-open: (newest - timespan, newest]).
import type { EcsEvent } from '../../../core/index.ts';
import type { CorrelationType } from '../rule/model.ts';

export interface WindowEntry {
  timeMs: number;
  /** Index of the referenced rule the hit came from (temporal types). */
  rule: number;
  /** The counted field's value (value_* types). */
  value: unknown;
  event: EcsEvent;
}

/** Entries kept per group at most; older ones are dropped first (and counted). */
export const MAX_ENTRIES = 10_000;

export class GroupWindow {
  readonly entries: WindowEntry[] = [];
  /** Every hit that entered this window since it opened (entries may have been dropped). */
  total = 0;
  dropped = 0;

  constructor(readonly timespanMs: number) {}

  get firstMs(): number {
    return this.entries[0]?.timeMs ?? Number.NaN;
  }

  get lastMs(): number {
    return this.entries.at(-1)?.timeMs ?? Number.NaN;
  }

  /** False when the entry is older than the window allows (a late arrival); it is not kept. */
  add(entry: WindowEntry): boolean {
    const newest = this.entries.at(-1)?.timeMs ?? entry.timeMs;
    if (entry.timeMs <= Math.max(newest, entry.timeMs) - this.timespanMs) return false;
    // Sorted insert from the end: live telemetry is nearly in order, so this is usually O(1).
    let at = this.entries.length;
    while (at > 0 && (this.entries[at - 1]?.timeMs ?? 0) > entry.timeMs) at--;
    this.entries.splice(at, 0, entry);
    this.total++;
    this.expire(this.lastMs);
    if (this.entries.length > MAX_ENTRIES) {
      this.entries.shift();
      this.dropped++;
    }
    return true;
  }

  /** Drops entries outside the window that ends at `nowMs`. */
  expire(nowMs: number): void {
    let cut = 0;
    while (cut < this.entries.length && (this.entries[cut]?.timeMs ?? 0) <= nowMs - this.timespanMs)
      cut++;
    if (cut > 0) this.entries.splice(0, cut);
  }

  aggregate(type: CorrelationType, ruleCount: number): number {
    switch (type) {
      case 'event_count':
        return this.entries.length;
      case 'value_count':
        return new Set(this.entries.map((e) => valueKey(e.value)).filter((k) => k !== undefined))
          .size;
      case 'value_sum':
        return numbers(this.entries).reduce((a, b) => a + b, 0);
      case 'value_avg': {
        const values = numbers(this.entries);
        return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
      }
      case 'temporal':
        return new Set(this.entries.map((e) => e.rule)).size;
      case 'temporal_ordered':
        return orderedPrefix(this.entries, ruleCount);
    }
  }
}

/** How many of the rules 0, 1, 2, ... were seen in that order (each after the previous). */
function orderedPrefix(entries: readonly WindowEntry[], ruleCount: number): number {
  let next = 0;
  for (const entry of entries) {
    if (entry.rule === next) next++;
    if (next === ruleCount) break;
  }
  return next;
}

function valueKey(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function numbers(entries: readonly WindowEntry[]): number[] {
  const out: number[] = [];
  for (const { value } of entries) {
    const number =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && value.trim() !== ''
          ? Number(value)
          : Number.NaN;
    if (Number.isFinite(number)) out.push(number);
  }
  return out;
}
