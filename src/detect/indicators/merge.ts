// Deduplication by normalized value: the same (type, value) from several inputs, or again from
// the same one, becomes one indicator that keeps every source once (by name and ref), the
// strictest TLP, the widest validity and sighting span.
import {
  indicatorKey,
  stricterTlp,
  type Indicator,
  type IndicatorSource,
} from '../../core/index.ts';

/** Merges a batch into one indicator per key, in first-seen order. */
export function mergeIndicators(indicators: Iterable<Indicator>): Map<string, Indicator> {
  const merged = new Map<string, Indicator>();
  for (const indicator of indicators) {
    const key = indicatorKey(indicator);
    const current = merged.get(key);
    merged.set(
      key,
      current === undefined ? structuredClone(indicator) : mergeTwo(current, indicator),
    );
  }
  return merged;
}

/** `into` updated with what `from` adds; returns `into`. */
export function mergeTwo(into: Indicator, from: Indicator): Indicator {
  into.tlp = stricterTlp(into.tlp, from.tlp);
  for (const source of from.sources) {
    const index = into.sources.findIndex((known) => sameSource(known, source));
    // A source restating an indicator replaces its earlier statement (new confidence, context).
    if (index < 0) into.sources.push(structuredClone(source));
    else into.sources[index] = structuredClone(source);
  }
  setEarliest(into, 'valid_from', from.valid_from);
  setEarliest(into, 'first_seen', from.first_seen);
  setLatest(into, 'last_seen', from.last_seen);
  // The indicator stays valid as long as any source says so; one without an end never ends.
  if (into.valid_until !== undefined)
    if (from.valid_until === undefined) delete into.valid_until;
    else setLatest(into, 'valid_until', from.valid_until);
  if (from.sightings !== undefined) into.sightings = Math.max(into.sightings ?? 0, from.sightings);
  // The plain form of a value matches wherever the AND form does: the broader one is kept.
  if (from.requires === undefined) delete into.requires;
  return into;
}

function sameSource(a: IndicatorSource, b: IndicatorSource): boolean {
  return a.name === b.name && a.ref === b.ref;
}

type TimeField = 'valid_from' | 'valid_until' | 'first_seen' | 'last_seen';

function setEarliest(indicator: Indicator, field: TimeField, time: string | undefined): void {
  const current = indicator[field];
  if (time !== undefined && (current === undefined || Date.parse(time) < Date.parse(current)))
    indicator[field] = time;
}

function setLatest(indicator: Indicator, field: TimeField, time: string | undefined): void {
  const current = indicator[field];
  if (time !== undefined && (current === undefined || Date.parse(time) > Date.parse(current)))
    indicator[field] = time;
}
