// ECS mappings per EVE event_type, following Elastic's Suricata integration. An alert carries
// the app-layer record of its transaction (http, tls, dns, fileinfo), mapped the same way.
import type { EventDraft } from '../../core/index.ts';
import { mapDns } from './dns.ts';
import { eveMicros, isoFromEve } from './time.ts';
import { hasKeys, isAddress, num, obj, str, type Json } from './values.ts';

type Mapper = (eve: Json, draft: EventDraft) => void;

const alert: Mapper = (eve, d) => {
  const details = obj(eve.alert) ?? {};
  d.event.kind = 'alert';
  d.event.category = ['network', 'intrusion_detection'];
  d.event.type = [details.action === 'blocked' ? 'denied' : 'allowed'];
  const rule: NonNullable<EventDraft['rule']> = {};
  const id = str(details.signature_id);
  if (id !== undefined) rule.id = id;
  const name = str(details.signature);
  if (name !== undefined) {
    rule.name = name;
    d.message = name;
  }
  const category = str(details.category);
  if (category !== undefined) rule.category = category;
  const rev = str(details.rev);
  if (rev !== undefined) rule.version = rev;
  if (hasKeys(rule)) d.rule = rule;
  const severity = num(details.severity);
  if (severity !== undefined) d.event.severity = severity;
  // The transaction's app-layer record describes the alert; its status is not the alert's outcome.
  if (eve.http !== undefined) mapHttp(eve, d, false);
  if (eve.tls !== undefined) mapTls(eve, d);
  if (eve.dns !== undefined) mapDns(eve, d, false);
  if (eve.fileinfo !== undefined) mapFile(eve, d);
};

/** flow: both directions of a connection, the conn.log of Suricata. */
const flow: Mapper = (eve, d) => {
  d.event.type = ['connection'];
  const details = obj(eve.flow);
  if (details === undefined) return;
  const toServer = num(details.bytes_toserver);
  const toClient = num(details.bytes_toclient);
  const packetsToServer = num(details.pkts_toserver);
  const packetsToClient = num(details.pkts_toclient);
  if (d.source !== undefined) {
    if (toServer !== undefined) d.source.bytes = toServer;
    if (packetsToServer !== undefined) d.source.packets = packetsToServer;
  }
  if (d.destination !== undefined) {
    if (toClient !== undefined) d.destination.bytes = toClient;
    if (packetsToClient !== undefined) d.destination.packets = packetsToClient;
  }
  addTotals(d, toServer, toClient, packetsToServer, packetsToClient);
  addDuration(d, details);
};

/** netflow: one direction of a connection per record (src -> dest). */
const netflow: Mapper = (eve, d) => {
  d.event.type = ['connection'];
  const details = obj(eve.netflow);
  if (details === undefined) return;
  const bytes = num(details.bytes);
  const packets = num(details.pkts);
  if (d.source !== undefined) {
    if (bytes !== undefined) d.source.bytes = bytes;
    if (packets !== undefined) d.source.packets = packets;
  }
  addTotals(d, bytes, undefined, packets, undefined);
  addDuration(d, details);
};

function addTotals(
  d: EventDraft,
  bytesOut: number | undefined,
  bytesIn: number | undefined,
  packetsOut: number | undefined,
  packetsIn: number | undefined,
): void {
  if (bytesOut === undefined && bytesIn === undefined && packetsOut === undefined) return;
  const network = (d.network ??= {});
  if (bytesOut !== undefined || bytesIn !== undefined)
    network.bytes = (bytesOut ?? 0) + (bytesIn ?? 0);
  if (packetsOut !== undefined || packetsIn !== undefined)
    network.packets = (packetsOut ?? 0) + (packetsIn ?? 0);
}

function addDuration(d: EventDraft, details: Json): void {
  const start = typeof details.start === 'string' ? eveMicros(details.start) : undefined;
  const end = typeof details.end === 'string' ? eveMicros(details.end) : undefined;
  if (start !== undefined && end !== undefined && end >= start) {
    d.event.duration = (end - start) * 1000;
  }
}

function mapHttp(eve: Json, d: EventDraft, withOutcome: boolean): void {
  const details = obj(eve.http);
  if (details === undefined) return;
  const url: NonNullable<EventDraft['url']> = {};
  const host = str(details.hostname);
  if (host !== undefined) {
    url.domain = host;
    if (d.destination !== undefined && !isAddress(host)) d.destination.domain = host;
  }
  const original = str(details.url);
  if (original !== undefined) {
    url.original = original;
    const mark = original.indexOf('?');
    url.path = mark === -1 ? original : original.slice(0, mark);
    if (mark !== -1) url.query = original.slice(mark + 1);
  }
  const port = num(details.http_port) ?? d.destination?.port;
  if (port !== undefined) url.port = port;
  if (host !== undefined && original?.charCodeAt(0) === 47 /* / */)
    url.full = `http://${host}${port === undefined || port === 80 ? '' : `:${port}`}${original}`;
  if (hasKeys(url)) d.url = url;

  const request: NonNullable<NonNullable<EventDraft['http']>['request']> = {};
  const method = str(details.http_method);
  if (method !== undefined) request.method = method;
  const referrer = str(details.http_refer);
  if (referrer !== undefined) request.referrer = referrer;
  const response: NonNullable<NonNullable<EventDraft['http']>['response']> = {};
  const status = num(details.status);
  if (status !== undefined) {
    response.status_code = status;
    if (withOutcome) d.event.outcome = status < 400 ? 'success' : 'failure';
  }
  const length = num(details.length);
  if (length !== undefined) response.body = { bytes: length };
  const mime = str(details.http_content_type);
  if (mime !== undefined) response.mime_type = mime;
  const http: NonNullable<EventDraft['http']> = {};
  if (hasKeys(request)) http.request = request;
  if (hasKeys(response)) http.response = response;
  const protocol = str(details.protocol);
  if (protocol !== undefined)
    http.version = protocol.startsWith('HTTP/') ? protocol.slice(5) : protocol;
  if (hasKeys(http)) d.http = http;
  const agent = str(details.http_user_agent);
  if (agent !== undefined) d.user_agent = { original: agent };
}

const tlsVersions = new Map<string, { protocol?: string; version: string }>();

/** `TLS 1.2` -> tls 1.2, `TLSv1` -> tls 1.0, `SSLv3` -> ssl 3.0; anything else as written. */
function tlsVersion(written: string): { protocol?: string; version: string } {
  let parsed = tlsVersions.get(written);
  if (parsed === undefined) {
    const match = /^(TLS|SSL|DTLS)\s?v?(\d)(?:\.(\d))?$/.exec(written);
    parsed =
      match === null
        ? { version: written }
        : {
            protocol: (match[1] as string).toLowerCase(),
            version: `${match[2]}.${match[3] ?? '0'}`,
          };
    if (tlsVersions.size < 64) tlsVersions.set(written, parsed);
  }
  return parsed;
}

function mapTls(eve: Json, d: EventDraft): void {
  const details = obj(eve.tls);
  if (details === undefined) return;
  const tls: NonNullable<EventDraft['tls']> = {};
  const version = str(details.version);
  if (version !== undefined) {
    const parsed = tlsVersion(version);
    tls.version = parsed.version;
    if (parsed.protocol !== undefined) tls.version_protocol = parsed.protocol;
  }
  const sni = str(details.sni);
  const ja3 = str(obj(details.ja3)?.hash);
  const ja4 = str(details.ja4);
  if (sni !== undefined || ja3 !== undefined || ja4 !== undefined) {
    const client: NonNullable<typeof tls.client> = {};
    if (sni !== undefined) {
      client.server_name = sni;
      if (d.destination !== undefined) d.destination.domain = sni;
    }
    if (ja3 !== undefined) client.ja3 = ja3;
    if (ja4 !== undefined) client.ja4 = ja4;
    tls.client = client;
  }
  const server: NonNullable<typeof tls.server> = {};
  let hasServer = false;
  const subject = str(details.subject);
  if (subject !== undefined) {
    server.subject = subject;
    hasServer = true;
  }
  const issuer = str(details.issuerdn);
  if (issuer !== undefined) {
    server.issuer = issuer;
    hasServer = true;
  }
  const fingerprint = str(details.fingerprint);
  if (fingerprint !== undefined) {
    server.hash = { sha1: fingerprint.replaceAll(':', '').toLowerCase() };
    hasServer = true;
  }
  const ja3s = str(obj(details.ja3s)?.hash);
  if (ja3s !== undefined) {
    server.ja3s = ja3s;
    hasServer = true;
  }
  const notBefore =
    typeof details.notbefore === 'string' ? isoFromEve(details.notbefore) : undefined;
  if (notBefore !== undefined) {
    server.not_before = notBefore;
    hasServer = true;
  }
  const notAfter = typeof details.notafter === 'string' ? isoFromEve(details.notafter) : undefined;
  if (notAfter !== undefined) {
    server.not_after = notAfter;
    hasServer = true;
  }
  const serial = str(details.serial);
  if (serial !== undefined) {
    server.x509 = { serial_number: serial.replaceAll(':', '') };
    hasServer = true;
  }
  if (hasServer) tls.server = server;
  if (hasKeys(tls)) d.tls = tls;
}

function mapFile(eve: Json, d: EventDraft): void {
  const details = obj(eve.fileinfo);
  if (details === undefined) return;
  const file: NonNullable<EventDraft['file']> = {};
  const name = str(details.filename);
  if (name !== undefined) {
    // The name as the protocol carried it: a URL path for HTTP, a share path for SMB.
    const cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    const base = cut === -1 ? name : name.slice(cut + 1);
    if (base !== '') file.name = base;
    const dot = base.lastIndexOf('.');
    if (dot > 0 && dot < base.length - 1) file.extension = base.slice(dot + 1).toLowerCase();
  }
  const size = num(details.size);
  if (size !== undefined) file.size = size;
  const md5 = str(details.md5);
  const sha1 = str(details.sha1);
  const sha256 = str(details.sha256);
  if (md5 !== undefined || sha1 !== undefined || sha256 !== undefined) {
    const hash: NonNullable<typeof file.hash> = {};
    if (md5 !== undefined) hash.md5 = md5.toLowerCase();
    if (sha1 !== undefined) hash.sha1 = sha1.toLowerCase();
    if (sha256 !== undefined) hash.sha256 = sha256.toLowerCase();
    file.hash = hash;
  }
  if (hasKeys(file)) d.file = file;
}

export const EVENT_TYPES: ReadonlyMap<string, Mapper> = new Map<string, Mapper>([
  ['alert', alert],
  ['flow', flow],
  ['netflow', netflow],
  [
    'dns',
    (eve, d) => {
      d.event.type = ['protocol'];
      mapDns(eve, d, true);
    },
  ],
  [
    'http',
    (eve, d) => {
      d.event.category = ['network', 'web'];
      d.event.type = ['access', 'protocol'];
      mapHttp(eve, d, true);
    },
  ],
  [
    'tls',
    (eve, d) => {
      d.event.type = ['protocol'];
      mapTls(eve, d);
    },
  ],
  [
    'fileinfo',
    (eve, d) => {
      d.event.category = ['network', 'file'];
      d.event.type = ['info'];
      mapFile(eve, d);
      if (eve.http !== undefined) mapHttp(eve, d, false);
    },
  ],
  [
    'anomaly',
    (eve, d) => {
      d.event.type = ['info'];
      const details = obj(eve.anomaly) ?? {};
      const event = str(details.event);
      if (event !== undefined) d.message = `${str(details.type) ?? 'anomaly'}: ${event}`;
    },
  ],
  [
    'stats',
    (_eve, d) => {
      // Engine counters, not traffic.
      d.event.kind = 'metric';
      delete d.event.category;
    },
  ],
]);
