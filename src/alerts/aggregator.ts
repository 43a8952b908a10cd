// Folds repeated identical matches into one alert with a count, so a rule that fires on every
// line of a noisy log raises one alert per window instead of thousands. Windows are measured in
// event time, so a hunt over last month folds the same way live detection did.
//
// An alert is emitted when it opens and again, updated, each time a match folds into it: it is
// never held back until its window closes, so live detection reports at once. Stores upsert by
// id, so the updated copies replace the first one.
import type { Alert, Observable } from '../core/index.ts';
import { alertId, dedupKey } from './alert-id.ts';

export interface AggregatorOptions {
  /** Event time within which identical matches fold into one alert; 0 never folds. Default 10 min. */
  windowMs?: number;
  /** Open alerts kept; past it the oldest is closed. Default 10,000. */
  maxOpen?: number;
  /** Event ids an alert keeps (the first ones); `count` still counts them all. Default 20. */
  maxEventIds?: number;
  /** Distinct observables an alert keeps. Default 50. */
  maxObservables?: number;
}

export interface AddResult {
  /** The alert as it now stands: a copy, safe to publish and keep. */
  alert: Alert;
  /** True when the match opened a new alert; false when it folded into an open one. */
  isNew: boolean;
}

export interface AggregatorStats {
  open: number;
  opened: number;
  folded: number;
  /** Closed early to stay within `maxOpen`. */
  evicted: number;
}

export const DEFAULT_WINDOW_MS = 10 * 60 * 1000;

interface OpenAlert {
  alert: Alert;
  /** Event time of the match that opened it: the window is anchored here, not sliding. */
  anchorMs: number;
}

export class AlertAggregator {
  private readonly windowMs: number;
  private readonly maxOpen: number;
  private readonly maxEventIds: number;
  private readonly maxObservables: number;
  /** Insertion order is opening order, so the first entry is the oldest to close. */
  private readonly open = new Map<string, OpenAlert>();
  private readonly counters = { opened: 0, folded: 0, evicted: 0 };
  private watermarkMs = Number.NEGATIVE_INFINITY;

  constructor(options: AggregatorOptions = {}) {
    this.windowMs = Math.max(0, options.windowMs ?? DEFAULT_WINDOW_MS);
    this.maxOpen = Math.max(1, options.maxOpen ?? 10_000);
    this.maxEventIds = Math.max(1, options.maxEventIds ?? 20);
    this.maxObservables = Math.max(0, options.maxObservables ?? 50);
  }

  /**
   * Folds the candidate into the open alert with the same dedup key (and the same retrospective
   * flag) when its event time lies within the window of that alert's first match, else opens a
   * new alert. A candidate without an id gets its stable id here.
   */
  add(candidate: Alert): AddResult {
    const timeMs = eventTime(candidate);
    const key = `${candidate.retrospective ? 'r' : 'l'}:${dedupKey(candidate)}`;
    this.closeExpired(timeMs);
    const current = this.open.get(key);
    if (current !== undefined && Math.abs(timeMs - current.anchorMs) < this.windowMs) {
      this.fold(current.alert, candidate);
      this.counters.folded++;
      return { alert: snapshot(current.alert), isNew: false };
    }
    // Reinserted, not updated in place: the key moves to the end of the closing order.
    this.open.delete(key);
    const alert = this.start(candidate);
    this.open.set(key, { alert, anchorMs: timeMs });
    this.counters.opened++;
    while (this.open.size > this.maxOpen) this.evictOldest();
    return { alert: snapshot(alert), isNew: true };
  }

  /**
   * Adds a detector's batch and returns each alert it touched once, in its latest state, in the
   * order they were first touched: what to publish for the batch.
   */
  addAll(candidates: readonly Alert[]): Alert[] {
    const touched = new Map<string, Alert>();
    for (const candidate of candidates) {
      const { alert } = this.add(candidate);
      // Setting an existing key keeps its place: first-touch order, latest state.
      touched.set(alert.id, alert);
    }
    return [...touched.values()];
  }

  /**
   * Closes every open alert (end of a hunt, shutdown) and returns their final states. Matches
   * added afterwards open new alerts, so a second run over the same events starts as the first
   * did and, ids being stable, updates the same alerts instead of adding to their counts.
   */
  flush(): Alert[] {
    const closed = [...this.open.values()].map((entry) => snapshot(entry.alert));
    this.open.clear();
    this.watermarkMs = Number.NEGATIVE_INFINITY;
    return closed;
  }

  stats(): AggregatorStats {
    return { open: this.open.size, ...this.counters };
  }

  private start(candidate: Alert): Alert {
    const alert = snapshot(candidate);
    alert.event_ids = uniqueBounded([], candidate.event_ids, this.maxEventIds);
    alert.observables = mergeObservables([], candidate.observables, this.maxObservables);
    if (alert.id === '') alert.id = alertId(alert);
    return alert;
  }

  private fold(alert: Alert, candidate: Alert): void {
    // The same event seen again (a file ingested twice into a running server) is not a new
    // match. Only the kept ids can be checked; beyond them a repeat counts again.
    const [only] = candidate.event_ids;
    if (candidate.event_ids.length === 1 && only !== undefined && alert.event_ids.includes(only))
      return;
    alert.count += Math.max(1, candidate.count);
    // Compared as times: detectors may write the same instant with different precision.
    if (Date.parse(candidate['@timestamp']) < Date.parse(alert['@timestamp']))
      alert['@timestamp'] = candidate['@timestamp'];
    if (Date.parse(candidate.last_seen) > Date.parse(alert.last_seen))
      alert.last_seen = candidate.last_seen;
    alert.event_ids = uniqueBounded(alert.event_ids, candidate.event_ids, this.maxEventIds);
    alert.observables = mergeObservables(
      alert.observables,
      candidate.observables,
      this.maxObservables,
    );
  }

  /**
   * Closes alerts whose window ended before the newest event time seen. Only the front of the
   * opening order is checked: it is the oldest as long as events arrive roughly in time order,
   * and anything missed is closed by the `maxOpen` bound instead. Constant time per match.
   */
  private closeExpired(timeMs: number): void {
    if (timeMs <= this.watermarkMs) return;
    this.watermarkMs = timeMs;
    for (const [key, entry] of this.open) {
      if (this.watermarkMs - entry.anchorMs < this.windowMs) break;
      this.open.delete(key);
    }
  }

  private evictOldest(): void {
    const oldest = this.open.keys().next();
    if (oldest.done === true) return;
    this.open.delete(oldest.value);
    this.counters.evicted++;
  }
}

/**
 * The match's event time. Detectors always set a valid `@timestamp`; should one not, the time it
 * was raised keeps the window arithmetic finite.
 */
function eventTime(alert: Alert): number {
  const time = Date.parse(alert['@timestamp']);
  if (Number.isFinite(time)) return time;
  const created = Date.parse(alert.created);
  return Number.isFinite(created) ? created : 0;
}

/** A copy whose mutable parts (count, times, lists) the caller may keep without seeing later folds. */
function snapshot(alert: Alert): Alert {
  return { ...alert, event_ids: [...alert.event_ids], observables: [...alert.observables] };
}

function uniqueBounded(kept: readonly string[], more: readonly string[], max: number): string[] {
  if (kept.length >= max) return [...kept];
  const result = [...kept];
  const seen = new Set(kept);
  for (const id of more) {
    if (result.length >= max) break;
    if (seen.has(id)) continue;
    seen.add(id);
    result.push(id);
  }
  return result;
}

function mergeObservables(
  kept: readonly Observable[],
  more: readonly Observable[],
  max: number,
): Observable[] {
  const result = [...kept];
  const seen = new Set(kept.map(observableKey));
  for (const observable of more) {
    if (result.length >= max) break;
    const key = observableKey(observable);
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(observable);
  }
  return result;
}

function observableKey(observable: Observable): string {
  return `${observable.type}\u0000${observable.value}\u0000${observable.role ?? ''}`;
}
