// Suricata EVE JSON: alert, flow, dns (the v2 shape of Suricata <= 7 and the v3 shape of 8.x),
// http, tls, fileinfo, anomaly, and the common fields of every other event type. The EVE
// sub-objects stay under `suricata.eve` for what ECS does not cover.
import { isoFromText, type EventDraft } from '../../core/index.ts';
import {
  ParseFailure,
  type DetectSample,
  type InputFormat,
  type LineParser,
  type ParseOutcome,
} from '../parser.ts';

type Json = Record<string, unknown>;
type Mapper = (eve: Json, draft: EventDraft) => void;

const obj = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== ''
    ? value
    : typeof value === 'number'
      ? String(value)
      : undefined;
const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

export class SuricataEveParser implements LineParser {
  parseLine(line: string): ParseOutcome {
    if (line.trim() === '') return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      return new ParseFailure(`invalid JSON: ${(error as Error).message}`);
    }
    const eve = obj(parsed);
    if (eve === undefined) return new ParseFailure('expected a JSON object per line');
    const eventType = str(eve.event_type);
    if (eventType === undefined) return new ParseFailure('no event_type');
    const timestamp = typeof eve.timestamp === 'string' ? isoFromText(eve.timestamp) : undefined;
    if (timestamp === undefined) return new ParseFailure('no usable timestamp');
    const draft: EventDraft = {
      '@timestamp': timestamp,
      event: {
        kind: 'event',
        dataset: 'suricata.eve',
        module: 'suricata',
        action: eventType,
        original: line,
      },
      suricata: { eve: vendorSection(eve) },
    };
    common(eve, draft);
    MAPPERS[eventType]?.(eve, draft);
    return draft;
  }
}

const COMMON_KEYS = new Set([
  'timestamp',
  'event_type',
  'src_ip',
  'src_port',
  'dest_ip',
  'dest_port',
  'proto',
  'app_proto',
  'community_id',
  'host',
]);

function vendorSection(eve: Json): Json {
  const out: Json = {};
  for (const key in eve) if (!COMMON_KEYS.has(key)) out[key] = eve[key];
  out.event_type = eve.event_type;
  return out;
}

function common(eve: Json, draft: EventDraft): void {
  const srcIp = str(eve.src_ip);
  if (srcIp !== undefined)
    draft.source =
      num(eve.src_port) === undefined
        ? { ip: srcIp }
        : { ip: srcIp, port: num(eve.src_port) as number };
  const destIp = str(eve.dest_ip);
  if (destIp !== undefined)
    draft.destination =
      num(eve.dest_port) === undefined
        ? { ip: destIp }
        : { ip: destIp, port: num(eve.dest_port) as number };
  const network: NonNullable<EventDraft['network']> = {};
  const proto = str(eve.proto);
  if (proto !== undefined) network.transport = proto.toLowerCase();
  const app = str(eve.app_proto);
  if (app !== undefined && app !== 'failed') network.protocol = app.toLowerCase();
  const community = str(eve.community_id);
  if (community !== undefined) network.community_id = community;
  if (Object.keys(network).length > 0) draft.network = network;
  const host = str(eve.host);
  if (host !== undefined)
    draft.observer = { name: host, type: 'ids', vendor: 'OISF', product: 'Suricata' };
  draft.event.category = ['network'];
}

const alert: Mapper = (eve, draft) => {
  const details = obj(eve.alert) ?? {};
  draft.event.kind = 'alert';
  draft.event.category = ['network', 'intrusion_detection'];
  draft.event.type = [str(details.action) === 'blocked' ? 'denied' : 'allowed'];
  const rule: NonNullable<EventDraft['rule']> = {};
  const id = str(details.signature_id);
  if (id !== undefined) rule.id = id;
  const name = str(details.signature);
  if (name !== undefined) rule.name = name;
  const category = str(details.category);
  if (category !== undefined) rule.category = category;
  const rev = str(details.rev);
  if (rev !== undefined) rule.version = rev;
  draft.rule = rule;
  const severity = num(details.severity);
  if (severity !== undefined) draft.event.severity = severity;
  if (name !== undefined) draft.message = name;
  http(eve, draft);
  tls(eve, draft);
};

const flow: Mapper = (eve, draft) => {
  const details = obj(eve.flow) ?? {};
  draft.event.type = ['connection'];
  const toServer = num(details.bytes_toserver);
  const toClient = num(details.bytes_toclient);
  if (draft.source !== undefined) {
    if (toServer !== undefined) draft.source.bytes = toServer;
    if (num(details.pkts_toserver) !== undefined) draft.source.packets = num(details.pkts_toserver);
  }
  if (draft.destination !== undefined) {
    if (toClient !== undefined) draft.destination.bytes = toClient;
    if (num(details.pkts_toclient) !== undefined)
      draft.destination.packets = num(details.pkts_toclient);
  }
  if (toServer !== undefined || toClient !== undefined)
    (draft.network ??= {}).bytes = (toServer ?? 0) + (toClient ?? 0);
  const start = typeof details.start === 'string' ? Date.parse(details.start) : Number.NaN;
  const end = typeof details.end === 'string' ? Date.parse(details.end) : Number.NaN;
  if (!Number.isNaN(start) && !Number.isNaN(end)) draft.event.duration = (end - start) * 1e6;
};

/** DNS v2 (`dns.type` query/answer, `rrname` at the top) and v3 (`dns.queries[]`, `type` request/response). */
const dns: Mapper = (eve, draft) => {
  const details = obj(eve.dns) ?? {};
  draft.event.type = ['protocol'];
  (draft.network ??= {}).protocol = 'dns';
  const type = str(details.type);
  const isAnswer = type === 'answer' || type === 'response';
  const record: NonNullable<EventDraft['dns']> = { type: isAnswer ? 'answer' : 'query' };
  draft.event.action = isAnswer ? 'dns-answer' : 'dns-query';
  const id = str(details.id);
  if (id !== undefined) record.id = id;
  const query = obj(Array.isArray(details.queries) ? details.queries[0] : undefined);
  const name = str(query?.rrname) ?? str(details.rrname);
  const rrtype = str(query?.rrtype) ?? str(details.rrtype);
  if (name !== undefined || rrtype !== undefined)
    record.question = {
      ...(name === undefined ? {} : { name }),
      ...(rrtype === undefined ? {} : { type: rrtype }),
    };
  const rcode = str(details.rcode);
  if (rcode !== undefined) record.response_code = rcode;
  const answers = Array.isArray(details.answers)
    ? details.answers.map(obj).filter((a): a is Json => a !== undefined)
    : [];
  if (answers.length > 0) {
    record.answers = answers.map((answer) => ({
      ...(str(answer.rrname) === undefined ? {} : { name: str(answer.rrname) }),
      ...(str(answer.rrtype) === undefined ? {} : { type: str(answer.rrtype) }),
      ...(str(answer.rdata) === undefined ? {} : { data: str(answer.rdata) }),
      ...(num(answer.ttl) === undefined ? {} : { ttl: num(answer.ttl) }),
    }));
  } else if (isAnswer && str(details.rdata) !== undefined) {
    record.answers = [
      { data: str(details.rdata), ...(rrtype === undefined ? {} : { type: rrtype }) },
    ];
  }
  const grouped = obj(details.grouped);
  const addresses = (value: unknown): unknown[] =>
    Array.isArray(value) ? (value as unknown[]) : [];
  const resolved = [...addresses(grouped?.A), ...addresses(grouped?.AAAA)].filter(
    (v): v is string => typeof v === 'string',
  );
  if (resolved.length > 0) record.resolved_ip = resolved;
  draft.dns = record;
};

function http(eve: Json, draft: EventDraft): void {
  const details = obj(eve.http);
  if (details === undefined) return;
  const host = str(details.hostname);
  const path = str(details.url);
  const url: NonNullable<EventDraft['url']> = {};
  if (host !== undefined) {
    url.domain = host;
    if (draft.destination !== undefined) draft.destination.domain = host;
  }
  if (path !== undefined) {
    url.original = path;
    const query = path.indexOf('?');
    url.path = query === -1 ? path : path.slice(0, query);
    if (query !== -1) url.query = path.slice(query + 1);
  }
  if (Object.keys(url).length > 0) draft.url = url;
  const request: NonNullable<NonNullable<EventDraft['http']>['request']> = {};
  const method = str(details.http_method);
  if (method !== undefined) request.method = method;
  const referrer = str(details.http_refer);
  if (referrer !== undefined) request.referrer = referrer;
  const response: NonNullable<NonNullable<EventDraft['http']>['response']> = {};
  const status = num(details.status);
  if (status !== undefined) response.status_code = status;
  const length = num(details.length);
  if (length !== undefined) response.body = { bytes: length };
  const mime = str(details.http_content_type);
  if (mime !== undefined) response.mime_type = mime;
  draft.http = {
    request,
    response,
    ...(str(details.protocol) === undefined
      ? {}
      : { version: (str(details.protocol) as string).replace(/^HTTP\//, '') }),
  };
  const agent = str(details.http_user_agent);
  if (agent !== undefined) draft.user_agent = { original: agent };
}

function tls(eve: Json, draft: EventDraft): void {
  const details = obj(eve.tls);
  if (details === undefined) return;
  const record: NonNullable<EventDraft['tls']> = {};
  const version = str(details.version);
  if (version !== undefined) {
    const match = /^(TLS|SSL)v?\s*([\d.]+)$/i.exec(version);
    if (match !== null) {
      record.version_protocol = (match[1] as string).toLowerCase();
      record.version = match[2];
    } else record.version = version;
  }
  const sni = str(details.sni);
  const ja3 = str(obj(details.ja3)?.hash);
  const ja4 = str(details.ja4);
  if (sni !== undefined || ja3 !== undefined || ja4 !== undefined) {
    record.client = {
      ...(sni === undefined ? {} : { server_name: sni }),
      ...(ja3 === undefined ? {} : { ja3 }),
      ...(ja4 === undefined ? {} : { ja4 }),
    };
    if (sni !== undefined && draft.destination !== undefined) draft.destination.domain = sni;
  }
  const server: NonNullable<NonNullable<EventDraft['tls']>['server']> = {};
  const subject = str(details.subject);
  if (subject !== undefined) server.subject = subject;
  const issuer = str(details.issuerdn);
  if (issuer !== undefined) server.issuer = issuer;
  const fingerprint = str(details.fingerprint);
  if (fingerprint !== undefined)
    server.hash = { sha1: fingerprint.replaceAll(':', '').toLowerCase() };
  const ja3s = str(obj(details.ja3s)?.hash);
  if (ja3s !== undefined) server.ja3s = ja3s;
  const notBefore =
    typeof details.notbefore === 'string' ? isoFromText(details.notbefore) : undefined;
  if (notBefore !== undefined) server.not_before = notBefore;
  const notAfter = typeof details.notafter === 'string' ? isoFromText(details.notafter) : undefined;
  if (notAfter !== undefined) server.not_after = notAfter;
  if (Object.keys(server).length > 0) record.server = server;
  draft.tls = record;
}

const fileinfo: Mapper = (eve, draft) => {
  const details = obj(eve.fileinfo) ?? {};
  draft.event.category = ['network', 'file'];
  draft.event.type = ['info'];
  const file: NonNullable<EventDraft['file']> = {};
  const name = str(details.filename);
  if (name !== undefined) {
    file.path = name;
    file.name = name.slice(name.lastIndexOf('/') + 1);
  }
  const size = num(details.size);
  if (size !== undefined) file.size = size;
  const magic = str(details.magic);
  if (magic !== undefined) file.mime_type = magic;
  const hash: NonNullable<NonNullable<EventDraft['file']>['hash']> = {};
  for (const algorithm of ['md5', 'sha1', 'sha256'] as const) {
    const value = str(details[algorithm]);
    if (value !== undefined) hash[algorithm] = value.toLowerCase();
  }
  if (Object.keys(hash).length > 0) file.hash = hash;
  draft.file = file;
  http(eve, draft);
};

const anomaly: Mapper = (eve, draft) => {
  const details = obj(eve.anomaly) ?? {};
  draft.event.type = ['info'];
  const event = str(details.event);
  if (event !== undefined) draft.message = `${str(details.type) ?? 'anomaly'}: ${event}`;
};

const MAPPERS: Readonly<Record<string, Mapper>> = {
  alert,
  flow,
  dns,
  http: (eve, draft) => {
    draft.event.category = ['network', 'web'];
    draft.event.type = ['protocol', 'access'];
    http(eve, draft);
  },
  tls: (eve, draft) => {
    draft.event.type = ['protocol'];
    tls(eve, draft);
  },
  fileinfo,
  anomaly,
};

function detect(sample: DetectSample): number {
  const first = sample.lines[0];
  if (first?.startsWith('{') !== true) return 0;
  return /"event_type"\s*:/.test(first) && /"timestamp"\s*:/.test(first) ? 1 : 0;
}

export const suricataEveFormat: InputFormat = {
  type: 'suricata-eve',
  description: 'Suricata EVE JSON (alert, flow, dns v2/v3, http, tls, fileinfo, anomaly, ...)',
  framing: 'lines',
  detect,
  create: () => new SuricataEveParser(),
};
