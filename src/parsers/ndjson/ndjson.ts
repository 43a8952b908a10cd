// Generic NDJSON, and ECS documents as other shippers write them: any JSON object per line with a
// timestamp. ECS fields already present are kept when their type fits (a wrong-typed one is left
// out, the line stays in event.original); the pipeline adds id, site and zone.
import { isoFromEpochSeconds, type EventDraft } from '../../core/index.ts';
import {
  ParseFailure,
  type DetectSample,
  type InputFormat,
  type LineParser,
  type ParseOutcome,
} from '../parser.ts';
import { readJsonObject } from '../fields.ts';
import { isoTime } from '../windows/time.ts';

export class NdjsonParser implements LineParser {
  parseLine(line: string): ParseOutcome {
    const record = readJsonObject(line);
    if (record === undefined || record instanceof ParseFailure) return record;
    const timestamp = timeOf(record);
    if (timestamp === undefined)
      return new ParseFailure('no timestamp field (@timestamp, timestamp, time or ts)');
    // The parsed object becomes the event: copying every field would cost as much as parsing.
    record.event = eventSection(record, line);
    record['@timestamp'] = timestamp;
    for (const key in record) {
      const kind = TYPED_FIELDS.get(key);
      if (kind === undefined) continue;
      const value = record[key];
      if (kind === OBJECT) {
        if (isObject(value)) record[key] = withoutPipelineFields(key, value);
        else Reflect.deleteProperty(record, key);
      } else if (kind === STRING) {
        if (typeof value === 'number' || typeof value === 'boolean') record[key] = String(value);
        else if (typeof value !== 'string') Reflect.deleteProperty(record, key);
      } else if (kind === STRINGS) {
        const strings = stringList(value);
        if (strings === undefined) Reflect.deleteProperty(record, key);
        else if (strings !== value) record[key] = strings;
      } else Reflect.deleteProperty(record, key);
    }
    return record as unknown as EventDraft;
  }
}

export const ndjsonFormat: InputFormat = {
  type: 'ndjson',
  description: 'Generic NDJSON / ECS documents (one JSON object with a timestamp per line)',
  framing: 'lines',
  detect,
  create: () => new NdjsonParser(),
};

type Json = Record<string, unknown>;

const TIME_FIELDS = ['@timestamp', 'timestamp', 'time', 'ts'] as const;
const KINDS = new Set<string>(['event', 'alert', 'metric', 'state', 'pipeline_error', 'signal']);
const OUTCOMES = new Set<string>(['success', 'failure', 'unknown']);

const OBJECT = 1;
const STRING = 2;
const STRINGS = 3;
const OWNED = 4;

/** The ECS fields Chancery's stages read, by the JSON type they must have. */
const TYPED_FIELDS = new Map<string, 1 | 2 | 3 | 4>([
  // Decided by the pipeline from its own site registry.
  ['site', OWNED],
  ['message', STRING],
  ['tags', STRINGS],
  ['labels', OBJECT],
  ['source', OBJECT],
  ['destination', OBJECT],
  ['client', OBJECT],
  ['server', OBJECT],
  ['network', OBJECT],
  ['dns', OBJECT],
  ['url', OBJECT],
  ['http', OBJECT],
  ['user_agent', OBJECT],
  ['tls', OBJECT],
  ['file', OBJECT],
  ['process', OBJECT],
  ['registry', OBJECT],
  ['user', OBJECT],
  ['host', OBJECT],
  ['email', OBJECT],
  ['log', OBJECT],
  ['rule', OBJECT],
  ['observer', OBJECT],
  ['zeek', OBJECT],
  ['suricata', OBJECT],
  ['winlog', OBJECT],
]);

/** Site and zone are the pipeline's, decided from its own registry: input never sets them. */
const ENDPOINTS = new Set(['source', 'destination', 'client', 'server', 'network']);

function withoutPipelineFields(key: string, value: Json): Json {
  if (ENDPOINTS.has(key) && ('zone' in value || 'site' in value)) {
    const copy: Json = {};
    for (const field in value) if (field !== 'zone' && field !== 'site') copy[field] = value[field];
    return copy;
  }
  return value;
}

/** The record's `event` section, typed, with id, ingested and original left to the pipeline. */
function eventSection(record: Json, line: string): Json {
  const given = isObject(record.event) ? record.event : undefined;
  const stream = isObject(record.data_stream) ? record.data_stream : undefined;
  const kind = given?.kind;
  const event: Json = {
    kind: typeof kind === 'string' && KINDS.has(kind) ? kind : 'event',
    dataset: nonEmpty(given?.dataset) ?? nonEmpty(stream?.dataset) ?? 'ndjson.generic',
    module: nonEmpty(given?.module) ?? 'ndjson',
    original: line,
  };
  if (given === undefined) return event;
  for (const key in given) {
    if (key in event || key === 'id' || key === 'ingested' || key === '__proto__') continue;
    const value = given[key];
    switch (key) {
      case 'category':
      case 'type': {
        const strings = stringList(value);
        if (strings !== undefined) event[key] = strings;
        break;
      }
      case 'outcome':
        if (typeof value === 'string' && OUTCOMES.has(value)) event[key] = value;
        break;
      case 'severity':
      case 'duration':
      case 'risk_score':
        if (typeof value === 'number' && Number.isFinite(value)) event[key] = value;
        break;
      case 'code':
      case 'action':
      case 'provider':
      case 'created':
      case 'reason':
        if (typeof value === 'string') event[key] = value;
        else if (typeof value === 'number') event[key] = String(value);
        break;
      default:
        event[key] = value;
    }
  }
  return event;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A string or a list of strings as a list; undefined for anything else. */
function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return undefined;
  const strings = value.filter((item): item is string => typeof item === 'string');
  return strings.length === value.length ? value : strings.length > 0 ? strings : undefined;
}

/** The first of @timestamp, timestamp, time and ts that reads as a time (ISO or epoch). */
function timeOf(record: Json): string | undefined {
  for (const field of TIME_FIELDS) {
    const value = record[field];
    let iso: string | undefined;
    if (typeof value === 'string') iso = isoTime(value);
    // Epoch seconds, or milliseconds from twelve digits on (as core's isoFromText reads text).
    else if (typeof value === 'number' && value >= 0)
      iso = isoFromEpochSeconds(value >= 1e11 ? value / 1000 : value);
    if (iso !== undefined) return iso;
  }
  return undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Low confidence (0.3) for JSON-object lines, so that the specific JSON formats win; 0.9 for ECS
 * documents (`@timestamp` and `event.dataset`). Sample lines may be cut short: those count as
 * JSON objects of unknown content; one stray line in five is tolerated.
 */
function detect(sample: DetectSample): number {
  let objects = 0;
  let others = 0;
  let ecs = 0;
  for (const line of sample.lines) {
    if (line.charCodeAt(0) !== 123 /* { */) {
      others++;
      continue;
    }
    objects++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = undefined;
    }
    if (
      isObject(parsed) &&
      typeof parsed['@timestamp'] === 'string' &&
      isObject(parsed.event) &&
      typeof parsed.event.dataset === 'string'
    )
      ecs++;
    if (objects === 5) break;
  }
  if (objects === 0 || others * 4 > objects) return 0;
  return ecs > 0 && ecs * 2 >= objects ? 0.9 : 0.3;
}
