// Generic NDJSON, and ECS documents as other shippers write them: any JSON object per line with a
// timestamp. ECS fields already present are kept; the pipeline adds id, site and zone.
import { isoFromText, type EventDraft, type EventKind } from '../../core/index.ts';
import {
  ParseFailure,
  type DetectSample,
  type InputFormat,
  type LineParser,
  type ParseOutcome,
} from '../parser.ts';
import { readJsonObject } from '../fields.ts';

type Json = Record<string, unknown>;
const TIME_FIELDS = ['@timestamp', 'timestamp', 'time', 'ts'] as const;
const PIPELINE_OWNED = new Set(['id', 'ingested', 'original']);
const isObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const KINDS = new Set<EventKind>(['event', 'alert', 'metric', 'state', 'pipeline_error', 'signal']);

export class NdjsonParser implements LineParser {
  parseLine(line: string): ParseOutcome {
    const record = readJsonObject(line);
    if (record === undefined || record instanceof ParseFailure) return record;
    const timestamp = timeOf(record);
    if (timestamp === undefined)
      return new ParseFailure('no timestamp field (@timestamp, timestamp, time or ts)');
    const given = isObject(record.event) ? (record.event as Json) : {};
    const module =
      typeof given.module === 'string' && given.module !== '' ? given.module : 'ndjson';
    const dataset =
      typeof given.dataset === 'string' && given.dataset !== ''
        ? given.dataset
        : `${module}.generic`;
    const kind =
      typeof given.kind === 'string' && KINDS.has(given.kind as EventKind)
        ? (given.kind as EventKind)
        : 'event';
    const event: Json = { kind, dataset, module, original: line };
    for (const key in given) {
      // id, ingested and original belong to the pipeline; the input never sets them.
      if (PIPELINE_OWNED.has(key) || key in event) continue;
      const value = given[key];
      event[key] =
        (key === 'category' || key === 'type') && typeof value === 'string' ? [value] : value;
    }
    if (event.category !== undefined && !Array.isArray(event.category)) event.category = undefined;
    if (event.type !== undefined && !Array.isArray(event.type)) event.type = undefined;
    const draft: Json = {};
    for (const key in record) if (key !== 'event' && key !== 'site') draft[key] = record[key];
    draft['@timestamp'] = timestamp;
    draft.event = event;
    return draft as unknown as EventDraft;
  }
}

function timeOf(record: Json): string | undefined {
  for (const field of TIME_FIELDS) {
    const value = record[field];
    if (typeof value === 'string') return isoFromText(value);
    if (typeof value === 'number') return isoFromText(String(value));
  }
  return undefined;
}

function detect(sample: DetectSample): number {
  const lines = sample.lines.slice(0, 5);
  if (lines.length === 0 || !lines.every((line) => line.startsWith('{'))) return 0;
  return /"@timestamp"/.test(lines[0] as string) && /"dataset"/.test(lines[0] as string)
    ? 0.9
    : 0.3;
}

export const ndjsonFormat: InputFormat = {
  type: 'ndjson',
  description: 'Generic NDJSON / ECS documents (one JSON object with a timestamp per line)',
  framing: 'lines',
  detect,
  create: () => new NdjsonParser(),
};
