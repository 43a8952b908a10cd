// The retro-hunt: stored history searched for indicators through the value index. The distinct
// stored values are compared first, then only the minutes in which a matching value was seen are
// read, and each event read there is confirmed by the matcher live detection uses. STIX patterns
// match no single value and so need a scan of every event in the period.
import { eventValues, normalizeValue, type Alert, type EcsEvent } from '../../core/index.ts';
import type { EventStore, ValueIndex } from '../../storage/ports.ts';
import type { IndicatorIndex } from './indicator-index.ts';
import { intelAlert } from './intel-alerts.ts';

export interface IntelHuntReport {
  indicators: number;
  since: string;
  /** Distinct stored values compared, and how many matched. */
  values: number;
  valuesMatched: number;
  /** Minutes of history that held a matching value, and the events read from them. */
  minutes: number;
  eventsRead: number;
  /** Events read by the full scan STIX patterns need (0 without patterns). */
  eventsScanned: number;
  matches: number;
  heldBack: number;
  alerts: number;
  /** Events indexed that were stored before the value index existed. */
  backlog: number;
  seconds: number;
}

/** Alerts go out in batches: a hunt over many short runs of minutes finds a few in each. */
const ALERT_BATCH = 1000;

export async function retroHunt(
  index: IndicatorIndex,
  stores: { values: ValueIndex; events: EventStore },
  range: { since: number; until: number },
  onAlerts: (alerts: Alert[]) => Promise<void>,
  now: () => number,
): Promise<IntelHuntReport> {
  const { since, until } = range;
  const report: IntelHuntReport = {
    indicators: index.size,
    since: new Date(since).toISOString(),
    values: 0,
    valuesMatched: 0,
    minutes: 0,
    eventsRead: 0,
    eventsScanned: 0,
    matches: 0,
    heldBack: 0,
    alerts: 0,
    backlog: 0,
    seconds: 0,
  };
  // Stored values that match, by id (their raw text is what the event documents hold).
  const matched = new Map<number, string>();
  const scratch: number[] = [];
  report.values = await stores.values.forEachValue((observed) => {
    const normalized = normalizeValue(observed.kind, observed.value);
    if (normalized === undefined) return;
    scratch.length = 0;
    if (index.matchValue(normalized.type, normalized.value, scratch).length > 0)
      matched.set(observed.id, observed.value);
  });
  report.valuesMatched = matched.size;
  const emit = async (events: readonly EcsEvent[], patternsOnly: boolean): Promise<void> => {
    const alerts: Alert[] = [];
    const at = new Date(now());
    for (const event of events) {
      for (const hit of index.match(eventValues(event))) {
        if (patternsOnly !== (hit.entry.indicator.type === 'pattern')) continue;
        report.matches++;
        if (hit.entry.heldBack) report.heldBack++;
        else alerts.push(intelAlert(event, hit, { retrospective: true, now: at }));
      }
    }
    pending.push(...alerts);
    if (pending.length >= ALERT_BATCH) await drain();
  };
  const pending: Alert[] = [];
  const drain = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending.splice(0, pending.length);
    report.alerts += batch.length;
    await onAlerts(batch);
  };
  if (matched.size > 0) {
    const minutes = await stores.values.minutesOf([...matched.keys()], since, until);
    report.minutes = minutes.size;
    for (const [from, to, ids] of runs(minutes)) {
      const events = await stores.values.eventsContaining(
        ids.map((id) => matched.get(id) ?? ''),
        Math.max(from, since),
        Math.min(to, until),
      );
      report.eventsRead += events.length;
      await emit(events, false);
    }
  }
  if (index.entries.some((entry) => entry.indicator.type === 'pattern')) {
    let cursor: string | undefined;
    do {
      const page = await stores.events.query({
        since,
        until,
        limit: 5000,
        order: 'asc',
        ...(cursor === undefined ? {} : { cursor }),
      });
      report.eventsScanned += page.events.length;
      await emit(page.events, true);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
  }
  await drain();
  return report;
}

/**
 * Minutes (ascending) to [from, to) runs of consecutive minutes in which the same values were
 * seen: each run is one narrow scan for just those values. A value seen every minute makes one
 * long run; rare ones make short runs of their own.
 */
function runs(minutes: ReadonlyMap<number, readonly number[]>): [number, number, number[]][] {
  const out: [number, number, number[]][] = [];
  let signature = '';
  for (const [minute, ids] of minutes) {
    const sorted = [...ids].sort((a, b) => a - b);
    const key = sorted.join(',');
    const last = out.at(-1);
    if (last !== undefined && last[1] === minute && key === signature) last[1] = minute + 60_000;
    else out.push([minute, minute + 60_000, sorted]);
    signature = key;
  }
  return out;
}
