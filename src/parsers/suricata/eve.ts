// Suricata EVE JSON: one event per line, whatever its event_type. The fields every event shares
// (addresses, ports, protocols, sensor) are mapped here; alert, flow, netflow, dns, http, tls,
// fileinfo, anomaly and stats have their own mappings (event-types.ts). Everything but those
// shared fields stays under `suricata.eve` as Suricata wrote it, for what ECS does not cover.
import type { EventDraft } from '../../core/index.ts';
import { ParseFailure, type LineFormat, type LineParser, type ParseOutcome } from '../parser.ts';
import { detectJsonLines, readJsonObject } from '../fields.ts';
import { EVENT_TYPES } from './event-types.ts';
import { isoFromEve } from './time.ts';
import { num, obj, str, type Json } from './values.ts';

/** Mapped to ECS for every event type, so not repeated under `suricata.eve`. */
const SHARED_KEYS = new Set([
  'timestamp',
  'src_ip',
  'src_port',
  'dest_ip',
  'dest_port',
  'proto',
  'app_proto',
  'community_id',
  'host',
]);

export class SuricataEveParser implements LineParser {
  parseLine(line: string): ParseOutcome {
    const eve = readJsonObject(line);
    if (eve === undefined || eve instanceof ParseFailure) return eve;
    const eventType = str(eve.event_type);
    if (eventType === undefined) return new ParseFailure('no event_type');
    const timestamp = typeof eve.timestamp === 'string' ? isoFromEve(eve.timestamp) : undefined;
    if (timestamp === undefined) return new ParseFailure('no usable timestamp');
    const draft: EventDraft = {
      '@timestamp': timestamp,
      event: {
        kind: 'event',
        category: ['network'],
        action: eventType,
        dataset: 'suricata.eve',
        module: 'suricata',
        original: line,
      },
      suricata: { eve: vendorSection(eve, line) },
    };
    shared(eve, draft);
    EVENT_TYPES.get(eventType)?.(eve, draft);
    return draft;
  }
}

function vendorSection(eve: Json, line: string): Json {
  const out: Json = {};
  // `__proto__` (an own key after JSON.parse) would set the copy's prototype instead.
  for (const key in eve) if (!SHARED_KEYS.has(key) && key !== '__proto__') out[key] = eve[key];
  // flow_id is a 64-bit integer: JSON.parse rounds the large ones, and it is what joins an
  // alert to its flow, so it is kept as its exact digits.
  const flowId = eve.flow_id;
  if (typeof flowId === 'number') out.flow_id = exactInteger(flowId, line, '"flow_id":');
  return out;
}

function exactInteger(value: number, line: string, key: string): string {
  if (Number.isSafeInteger(value)) return String(value);
  const at = line.indexOf(key);
  if (at === -1) return String(value);
  let i = at + key.length;
  while (line.charCodeAt(i) === 32) i++;
  let end = i;
  while (end < line.length && line.charCodeAt(end) >= 48 && line.charCodeAt(end) <= 57) end++;
  return end > i ? line.slice(i, end) : String(value);
}

function shared(eve: Json, draft: EventDraft): void {
  const srcIp = str(eve.src_ip);
  if (srcIp !== undefined) {
    const port = num(eve.src_port);
    draft.source = port === undefined ? { ip: srcIp } : { ip: srcIp, port };
  }
  const destIp = str(eve.dest_ip);
  if (destIp !== undefined) {
    const port = num(eve.dest_port);
    draft.destination = port === undefined ? { ip: destIp } : { ip: destIp, port };
  }
  const proto = str(eve.proto);
  const app = str(eve.app_proto);
  const community = str(eve.community_id);
  if (proto !== undefined || app !== undefined || community !== undefined) {
    const network: NonNullable<EventDraft['network']> = {};
    if (proto !== undefined) network.transport = proto.toLowerCase();
    // `failed` means no parser recognised the traffic: no protocol to report.
    if (app !== undefined && app !== 'failed') network.protocol = app.toLowerCase();
    if (community !== undefined) network.community_id = community;
    draft.network = network;
  }
  const host = str(eve.host);
  if (host !== undefined)
    draft.observer = { name: host, type: 'ids', vendor: 'OISF', product: 'Suricata' };
}

const EVE_KEYS = /"event_type"\s*:/;
const TIME_KEYS = /"timestamp"\s*:/;

function isEve(line: string): boolean {
  if (line.charCodeAt(0) !== 123) return false;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    // Detection samples are cut to a few KiB: judge a cut line by its text.
    return EVE_KEYS.test(line) && TIME_KEYS.test(line);
  }
  const eve = obj(value);
  return eve !== undefined && typeof eve.event_type === 'string' && 'timestamp' in eve;
}

export const suricataEveFormat: LineFormat = {
  type: 'suricata-eve',
  description: 'Suricata EVE JSON (alert, flow, dns v2/v3, http, tls, fileinfo, anomaly, ...)',
  framing: 'lines',
  detect: (sample) => detectJsonLines(sample, isEve),
  create: () => new SuricataEveParser(),
};
