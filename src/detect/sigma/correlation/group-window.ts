// One group's sliding window for one correlation rule: the hits of the last `timespan`, in time
// order, with the aggregate the rule's type asks for kept up to date as hits enter and leave (so
// a hit costs the same whether the window holds ten entries or ten thousand). An entry exactly
// `timespan` older than the newest is outside the window: windows are (newest - timespan, newest].
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
  private items: WindowEntry[] = [];
  /** Index of the first live entry: expiring moves it instead of shifting the array. */
  private head = 0;
  /** Every hit that entered this window since it opened (entries may have been dropped). */
  total = 0;
  dropped = 0;
  private readonly distinct = new Map<string, number>();
  private readonly perRule = new Map<number, number>();
  private sum = 0;
  private numbers = 0;

  constructor(readonly timespanMs: number) {}

  get entries(): readonly WindowEntry[] {
    return this.head === 0 ? this.items : this.items.slice(this.head);
  }

  get size(): number {
    return this.items.length - this.head;
  }

  get firstMs(): number {
    return this.items[this.head]?.timeMs ?? Number.NaN;
  }

  get lastMs(): number {
    return this.items.at(-1)?.timeMs ?? Number.NaN;
  }

  /** False when the entry is older than the window allows (a late arrival); it is not kept. */
  add(entry: WindowEntry): boolean {
    const newest = this.size === 0 ? entry.timeMs : Math.max(this.lastMs, entry.timeMs);
    if (entry.timeMs <= newest - this.timespanMs) return false;
    // Sorted insert from the end: live telemetry is nearly in order, so this is usually O(1).
    let at = this.items.length;
    while (at > this.head && (this.items[at - 1]?.timeMs ?? 0) > entry.timeMs) at--;
    if (at === this.items.length) this.items.push(entry);
    else this.items.splice(at, 0, entry);
    this.count(entry, 1);
    this.total++;
    this.expire(newest);
    if (this.size > MAX_ENTRIES) {
      this.remove();
      this.dropped++;
    }
    return true;
  }

  /** Drops entries outside the window that ends at `nowMs`. */
  expire(nowMs: number): void {
    while (this.size > 0 && this.firstMs <= nowMs - this.timespanMs) this.remove();
  }

  aggregate(type: CorrelationType, ruleCount: number): number {
    switch (type) {
      case 'event_count':
        return this.size;
      case 'value_count':
        return this.distinct.size;
      case 'value_sum':
        return this.sum;
      case 'value_avg':
        return this.numbers === 0 ? 0 : this.sum / this.numbers;
      case 'temporal':
        return this.perRule.size;
      case 'temporal_ordered':
        return this.perRule.has(0) ? this.orderedPrefix(ruleCount) : 0;
    }
  }

  private remove(): void {
    const entry = this.items[this.head];
    if (entry === undefined) return;
    this.count(entry, -1);
    this.head++;
    // Compact now and then, so a long-lived group does not keep every entry it ever had.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  private count(entry: WindowEntry, delta: 1 | -1): void {
    bump(this.perRule, entry.rule, delta);
    const key = valueKey(entry.value);
    if (key !== undefined) bump(this.distinct, key, delta);
    const number = numeric(entry.value);
    if (number !== undefined) {
      this.sum += delta * number;
      this.numbers += delta;
    }
  }

  /** How many of the rules 0, 1, 2, ... were seen in that order (each after the previous). */
  private orderedPrefix(ruleCount: number): number {
    let next = 0;
    for (let i = this.head; i < this.items.length && next < ruleCount; i++)
      if (this.items[i]?.rule === next) next++;
    return next;
  }
}

function bump<K>(map: Map<K, number>, key: K, delta: number): void {
  const count = (map.get(key) ?? 0) + delta;
  if (count <= 0) map.delete(key);
  else map.set(key, count);
}

function valueKey(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function numeric(value: unknown): number | undefined {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : Number.NaN;
  return Number.isFinite(number) ? number : undefined;
}
