// Alert identity. The dedup key says which matches are "the same" (and so fold into one alert);
// the alert id names one alert for good, so a re-run or a re-ingest updates it instead of adding
// a duplicate.
import { createHash } from 'node:crypto';
import type { Alert } from '../core/index.ts';

/** The parts of an alert its identity is made of. */
export type AlertIdentity = Pick<Alert, 'detector' | 'rule' | 'site' | 'host' | 'matched'>;

/**
 * 40 hex digits of SHA-1 over the detector, the rule id, the site id, the host and the matched
 * `field=value` pairs (sorted, so the order a detector lists them in does not matter). Two matches
 * with the same key are the same finding about the same thing; the rule's title, level or tags do
 * not take part, so editing a rule's metadata does not split its alerts.
 */
export function dedupKey(alert: AlertIdentity): string {
  const matched = alert.matched
    .map((m): [string, string] => [m.field, m.value])
    .sort(([fieldA, valueA], [fieldB, valueB]) =>
      fieldA === fieldB ? compare(valueA, valueB) : compare(fieldA, fieldB),
    );
  // JSON keeps the parts apart: no value can forge a separator and merge with its neighbour.
  const canonical = JSON.stringify([
    alert.detector,
    alert.rule.id,
    alert.site?.id ?? null,
    alert.host ?? null,
    matched,
  ]);
  return sha1Hex(canonical);
}

/**
 * `<12 hex digits of epoch ms><20 hex digits of SHA-1(detector, rule id, dedup key, first event id,
 * retrospective)>`: 32 characters, shaped like event ids (core/event-id.ts) and, like them, led
 * by time. The first event is the one that opened the alert, so the same detection of the same
 * events always gets the same id; `retrospective` keeps a hunt's alert apart from the live alert
 * about the same events.
 */
export function alertId(
  alert: AlertIdentity & Pick<Alert, '@timestamp' | 'event_ids' | 'retrospective'>,
): string {
  const epochMs = Date.parse(alert['@timestamp']);
  const time = (Number.isFinite(epochMs) ? Math.max(0, Math.trunc(epochMs)) : 0)
    .toString(16)
    .padStart(12, '0');
  const parts = [
    alert.detector,
    alert.rule.id,
    dedupKey(alert),
    alert.event_ids[0] ?? '',
    alert.retrospective ? 'retrospective' : 'live',
  ];
  return time + sha1Hex(parts.join('\u0000')).slice(0, 20);
}

function sha1Hex(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
