// How an event becomes a row of the events table: the indexed columns, the ECS document as JSON
// (without the id and the original, which have columns of their own) and the original record.
import { visitRawValues, type EcsEvent } from '../../core/index.ts';

export const INSERT_EVENT_SQL = `INSERT OR IGNORE INTO events
  (id, ts, dataset, site, zone, host_name, host_key, source_ip, destination_ip, user_name, doc, original)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export type EventRowValues = [
  id: string,
  ts: number,
  dataset: string,
  site: string | null,
  zone: string | null,
  hostName: string | null,
  hostKey: string | null,
  sourceIp: string | null,
  destinationIp: string | null,
  userName: string | null,
  doc: string,
  original: string,
];

/** Events on their way to the store: rows, and for each row its observed values (see below). */
export interface EventBatch {
  rows: EventRowValues[];
  observed: string[][];
}

export function toBatch(events: readonly EcsEvent[]): EventBatch {
  return { rows: events.map(toRow), observed: events.map(observedValues) };
}

/**
 * The event's matchable values as `kind NUL raw` keys, once each: what the value index records.
 * Raw, because normalizing costs more than the ingest path should pay; a hunt normalizes each
 * distinct value once.
 */
export function observedValues(event: EcsEvent): string[] {
  const keys = new Set<string>();
  visitRawValues(event, (kind, raw) => {
    if (raw.length <= MAX_OBSERVED_LENGTH) keys.add(`${kind}\u0000${raw}`);
  });
  return [...keys];
}

// Longer values (data: URLs, pasted blobs) are not indicators anyone shares.
const MAX_OBSERVED_LENGTH = 2048;

export function toRow(event: EcsEvent): EventRowValues {
  const meta = event.event;
  const { id, original } = meta;
  // Keep id and original out of the document without copying the event: JSON.stringify skips
  // undefined members.
  (meta as { id?: string }).id = undefined;
  (meta as { original?: string }).original = undefined;
  const doc = JSON.stringify(event);
  meta.id = id;
  meta.original = original;
  return [
    id,
    Date.parse(event['@timestamp']),
    meta.dataset,
    event.site?.id ?? null,
    event.network?.zone ?? null,
    event.host?.name ?? null,
    hostKey(event) ?? null,
    event.source?.ip ?? null,
    event.destination?.ip ?? null,
    event.user?.name ?? null,
    doc,
    original,
  ];
}

/**
 * The host an event is about: its host name, else its internal address (the source's unless the
 * source is on the internet), else whatever address it has.
 */
export function hostKey(event: EcsEvent): string | undefined {
  if (event.host?.name !== undefined) return event.host.name;
  const source = event.source;
  if (source?.ip !== undefined && source.zone !== 'external') return source.ip;
  const destination = event.destination;
  if (destination?.ip !== undefined && destination.zone !== 'external') return destination.ip;
  return source?.ip ?? destination?.ip;
}
