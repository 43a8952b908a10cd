// Zeek record → ECS, per log type, following the field choices of Elastic's Zeek integration.
// What ECS has no field for stays under `zeek.<log>` with Zeek's own names; logs without a
// mapping here are kept whole under `zeek.<log>` so nothing is lost.
import {
  isoFromEpochSeconds,
  isoFromText,
  type EndpointFields,
  type EventDraft,
} from '../../core/index.ts';
import { bool, list, num, pick, str, type ZeekRecord } from './record.ts';

type Mapper = (record: ZeekRecord, draft: EventDraft) => void;

/**
 * Builds the event for one record of log `path`. Logs without a `ts` column (loaded_scripts,
 * packet_filter) take `fallbackTime`, the `#open` time of their file; without either the
 * result is undefined.
 */
export function mapZeekRecord(
  path: string,
  record: ZeekRecord,
  original: string,
  fallbackTime?: string,
): EventDraft | undefined {
  const ts = record.ts;
  const timestamp =
    typeof ts === 'number'
      ? isoFromEpochSeconds(ts)
      : typeof ts === 'string'
        ? isoFromText(ts)
        : fallbackTime;
  if (timestamp === undefined) return undefined;
  const draft: EventDraft = {
    '@timestamp': timestamp,
    event: { kind: 'event', dataset: `zeek.${path}`, module: 'zeek', original },
  };
  const source = endpoint(str(record, 'id.orig_h'), num(record, 'id.orig_p'));
  const destination = endpoint(str(record, 'id.resp_h'), num(record, 'id.resp_p'));
  if (source !== undefined) draft.source = source;
  if (destination !== undefined) draft.destination = destination;
  const node = str(record, '_node_name');
  if (node !== undefined) draft.observer = { name: node, type: 'sensor', product: 'zeek' };
  const zeek: Record<string, unknown> = {};
  const uid = str(record, 'uid');
  if (uid !== undefined) zeek.session_id = uid;
  draft.zeek = zeek;
  (MAPPERS[path] ?? mapGeneric(path))(record, draft);
  if (Object.keys(zeek).length === 0) delete draft.zeek;
  return draft;
}

function endpoint(ip: string | undefined, port: number | undefined): EndpointFields | undefined {
  if (ip === undefined) return undefined;
  return port === undefined ? { ip } : { ip, port };
}

function section(
  draft: EventDraft,
  name: string,
  values: Record<string, unknown> | undefined,
): void {
  if (values !== undefined) (draft.zeek as Record<string, unknown>)[name] = values;
}

const GENERIC_SKIP = new Set([
  'ts',
  'uid',
  'id.orig_h',
  'id.orig_p',
  'id.resp_h',
  'id.resp_p',
  '_node_name',
  '_path',
  '_write_ts',
]);

function mapGeneric(path: string): Mapper {
  return (record, draft) => {
    const fields: Record<string, unknown> = {};
    for (const key in record)
      if (!GENERIC_SKIP.has(key) && record[key] !== undefined) fields[key] = record[key];
    section(draft, path, fields);
  };
}

const CONN_EXTRA = [
  'conn_state',
  'history',
  'local_orig',
  'local_resp',
  'missed_bytes',
  'orig_ip_bytes',
  'resp_ip_bytes',
  'tunnel_parents',
  'ip_proto',
  'community_id',
];

const mapConn: Mapper = (record, draft) => {
  draft.event.category = ['network'];
  draft.event.type = ['connection'];
  const duration = num(record, 'duration');
  if (duration !== undefined) draft.event.duration = Math.round(duration * 1e9);
  addBytes(draft.source, num(record, 'orig_bytes'), num(record, 'orig_pkts'));
  addBytes(draft.destination, num(record, 'resp_bytes'), num(record, 'resp_pkts'));
  const network: NonNullable<EventDraft['network']> = {};
  const proto = str(record, 'proto');
  if (proto !== undefined) network.transport = proto;
  const service = str(record, 'service');
  if (service !== undefined && service !== '') network.protocol = service.split(',')[0];
  const ipBytes = (num(record, 'orig_ip_bytes') ?? 0) + (num(record, 'resp_ip_bytes') ?? 0);
  if (ipBytes > 0) network.bytes = ipBytes;
  const packets = (num(record, 'orig_pkts') ?? 0) + (num(record, 'resp_pkts') ?? 0);
  if (packets > 0) network.packets = packets;
  const community = str(record, 'community_id');
  if (community !== undefined) network.community_id = community;
  draft.network = network;
  const state = str(record, 'conn_state');
  if (state !== undefined)
    draft.event.outcome =
      state === 'SF' || state === 'S1' || state === 'S2' || state === 'S3' ? 'success' : 'failure';
  section(draft, 'conn', pick(record, CONN_EXTRA));
};

function addBytes(
  target: EndpointFields | undefined,
  bytes: number | undefined,
  packets: number | undefined,
): void {
  if (target === undefined) return;
  if (bytes !== undefined) target.bytes = bytes;
  if (packets !== undefined) target.packets = packets;
}

const DNS_EXTRA = [
  'rtt',
  'qclass',
  'qtype',
  'rcode',
  'AA',
  'TC',
  'RD',
  'RA',
  'Z',
  'rejected',
  'opcode',
  'opcode_name',
  'auth',
  'addl',
  'TTLs',
];
const DNS_FLAGS = ['AA', 'TC', 'RD', 'RA'] as const;

const mapDns: Mapper = (record, draft) => {
  draft.event.category = ['network'];
  draft.event.type = ['protocol'];
  draft.event.action = 'dns-query';
  const proto = str(record, 'proto');
  draft.network = proto === undefined ? { protocol: 'dns' } : { transport: proto, protocol: 'dns' };
  const dns: NonNullable<EventDraft['dns']> = { type: 'query' };
  const transId = num(record, 'trans_id');
  if (transId !== undefined) dns.id = String(transId);
  const question: NonNullable<NonNullable<EventDraft['dns']>['question']> = {};
  const query = str(record, 'query');
  if (query !== undefined) question.name = query;
  const qtype = str(record, 'qtype_name');
  if (qtype !== undefined) question.type = qtype;
  const qclass = str(record, 'qclass_name');
  if (qclass !== undefined) question.class = qclass;
  dns.question = question;
  const rcode = str(record, 'rcode_name');
  if (rcode !== undefined) dns.response_code = rcode;
  const flags = DNS_FLAGS.filter((flag) => bool(record, flag) === true);
  if (flags.length > 0) dns.header_flags = flags;
  const answers = list(record, 'answers');
  if (answers !== undefined && answers.length > 0) {
    const ttls = record.TTLs;
    dns.answers = answers.map((data, index) => {
      const ttl = Array.isArray(ttls) ? Number(ttls[index]) : undefined;
      return ttl === undefined || Number.isNaN(ttl) ? { data } : { data, ttl };
    });
    const resolved = answers.filter((answer) =>
      /^[0-9.]+$|^[0-9a-fA-F:]+:[0-9a-fA-F:.]*$/.test(answer),
    );
    if (resolved.length > 0) dns.resolved_ip = resolved;
  }
  draft.dns = dns;
  section(draft, 'dns', pick(record, DNS_EXTRA));
};

const HTTP_EXTRA = [
  'trans_depth',
  'status_msg',
  'info_code',
  'info_msg',
  'tags',
  'username',
  'proxied',
  'origin',
  'orig_fuids',
  'orig_filenames',
  'orig_mime_types',
  'resp_fuids',
  'resp_filenames',
  'resp_mime_types',
];

const mapHttp: Mapper = (record, draft) => {
  draft.event.category = ['network', 'web'];
  draft.event.type = ['protocol', 'access'];
  draft.network = { transport: 'tcp', protocol: 'http' };
  const host = str(record, 'host');
  const uri = str(record, 'uri');
  const url: NonNullable<EventDraft['url']> = {};
  if (host !== undefined && host !== '') {
    url.domain = host;
    if (draft.destination !== undefined) draft.destination.domain = host;
  }
  if (uri !== undefined) {
    url.original = uri;
    const query = uri.indexOf('?');
    url.path = query === -1 ? uri : uri.slice(0, query);
    if (query !== -1) url.query = uri.slice(query + 1);
  }
  if (url.domain !== undefined && uri !== undefined && uri.startsWith('/')) {
    const port = draft.destination?.port;
    url.full = `http://${url.domain}${port === undefined || port === 80 ? '' : `:${port}`}${uri}`;
  }
  draft.url = url;
  const http: NonNullable<EventDraft['http']> = {};
  const request: NonNullable<NonNullable<EventDraft['http']>['request']> = {};
  const method = str(record, 'method');
  if (method !== undefined) request.method = method;
  const referrer = str(record, 'referrer');
  if (referrer !== undefined) request.referrer = referrer;
  const requestBytes = num(record, 'request_body_len');
  if (requestBytes !== undefined) request.body = { bytes: requestBytes };
  http.request = request;
  const response: NonNullable<NonNullable<EventDraft['http']>['response']> = {};
  const status = num(record, 'status_code');
  if (status !== undefined) response.status_code = status;
  const responseBytes = num(record, 'response_body_len');
  if (responseBytes !== undefined) response.body = { bytes: responseBytes };
  http.response = response;
  const version = str(record, 'version');
  if (version !== undefined) http.version = version;
  draft.http = http;
  const agent = str(record, 'user_agent');
  if (agent !== undefined) draft.user_agent = { original: agent };
  if (status !== undefined) draft.event.outcome = status < 400 ? 'success' : 'failure';
  const extra: Record<string, unknown> | undefined = pick(record, HTTP_EXTRA);
  // The cleartext password Zeek may log is evidence, not something to spread: keep only that it was seen.
  section(draft, 'http', record.password === undefined ? extra : { ...extra, password_seen: true });
};

const SSL_EXTRA = [
  'ssl_history',
  'last_alert',
  'cert_chain_fps',
  'client_cert_chain_fps',
  'cert_chain_fuids',
  'client_cert_chain_fuids',
  'sni_matches_cert',
  'validation_status',
  'ja4',
  'ja4s',
];

const mapSsl: Mapper = (record, draft) => {
  draft.event.category = ['network'];
  draft.event.type = ['protocol'];
  draft.network = { transport: 'tcp', protocol: 'tls' };
  const tls: NonNullable<EventDraft['tls']> = {};
  const version = str(record, 'version');
  if (version !== undefined) {
    const match = /^(TLS|SSL|DTLS)v?(\d)(\d)?$/i.exec(version);
    if (match !== null) {
      tls.version_protocol = (match[1] as string).toLowerCase();
      tls.version = match[3] === undefined ? match[2] : `${match[2]}.${match[3]}`;
    } else {
      tls.version = version;
    }
  }
  const cipher = str(record, 'cipher');
  if (cipher !== undefined) tls.cipher = cipher;
  const curve = str(record, 'curve');
  if (curve !== undefined) tls.curve = curve;
  const established = bool(record, 'established');
  if (established !== undefined) tls.established = established;
  const resumed = bool(record, 'resumed');
  if (resumed !== undefined) tls.resumed = resumed;
  const next = str(record, 'next_protocol');
  if (next !== undefined) tls.next_protocol = next;
  const client: NonNullable<NonNullable<EventDraft['tls']>['client']> = {};
  const sni = str(record, 'server_name');
  if (sni !== undefined) {
    client.server_name = sni;
    if (draft.destination !== undefined) draft.destination.domain = sni;
  }
  const ja3 = str(record, 'ja3');
  if (ja3 !== undefined) client.ja3 = ja3;
  if (Object.keys(client).length > 0) tls.client = client;
  const server: NonNullable<NonNullable<EventDraft['tls']>['server']> = {};
  const subject = str(record, 'subject');
  if (subject !== undefined) server.subject = subject;
  const issuer = str(record, 'issuer');
  if (issuer !== undefined) server.issuer = issuer;
  const ja3s = str(record, 'ja3s');
  if (ja3s !== undefined) server.ja3s = ja3s;
  if (Object.keys(server).length > 0) tls.server = server;
  draft.tls = tls;
  section(draft, 'ssl', pick(record, SSL_EXTRA));
};

const FILES_EXTRA = [
  'fuid',
  'source',
  'depth',
  'analyzers',
  'duration',
  'local_orig',
  'is_orig',
  'seen_bytes',
  'missing_bytes',
  'overflow_bytes',
  'timedout',
  'parent_fuid',
  'extracted',
  'extracted_cutoff',
  'extracted_size',
  'conn_uids',
  'tx_hosts',
  'rx_hosts',
];

const mapFiles: Mapper = (record, draft) => {
  draft.event.category = ['file'];
  draft.event.type = ['info'];
  // Zeek < 5.1 names the hosts in tx_hosts/rx_hosts instead of id.*.
  if (draft.source === undefined) {
    const sender = list(record, 'tx_hosts')?.[0];
    if (sender !== undefined) draft.source = { ip: sender };
  }
  if (draft.destination === undefined) {
    const receiver = list(record, 'rx_hosts')?.[0];
    if (receiver !== undefined) draft.destination = { ip: receiver };
  }
  const file: NonNullable<EventDraft['file']> = {};
  const name = str(record, 'filename');
  if (name !== undefined) file.name = name;
  const mime = str(record, 'mime_type');
  if (mime !== undefined) file.mime_type = mime;
  const size = num(record, 'total_bytes') ?? num(record, 'seen_bytes');
  if (size !== undefined) file.size = size;
  const hash: NonNullable<NonNullable<EventDraft['file']>['hash']> = {};
  for (const algorithm of ['md5', 'sha1', 'sha256'] as const) {
    const value = str(record, algorithm);
    if (value !== undefined) hash[algorithm] = value.toLowerCase();
  }
  if (Object.keys(hash).length > 0) file.hash = hash;
  draft.file = file;
  section(draft, 'files', pick(record, FILES_EXTRA));
};

const mapX509: Mapper = (record, draft) => {
  draft.event.category = ['network'];
  draft.event.type = ['info'];
  const x509: Record<string, unknown> = {};
  const copy = (from: string, to: string): void => {
    const value = record[from];
    if (value !== undefined) x509[to] = value;
  };
  copy('certificate.version', 'version_number');
  copy('certificate.serial', 'serial_number');
  copy('certificate.key_alg', 'public_key_algorithm');
  copy('certificate.sig_alg', 'signature_algorithm');
  copy('certificate.key_length', 'public_key_size');
  copy('certificate.curve', 'public_key_curve');
  copy('san.dns', 'alternative_names');
  const subject = str(record, 'certificate.subject');
  if (subject !== undefined) x509.subject = { distinguished_name: subject };
  const issuer = str(record, 'certificate.issuer');
  if (issuer !== undefined) x509.issuer = { distinguished_name: issuer };
  const notBefore = num(record, 'certificate.not_valid_before');
  if (notBefore !== undefined) x509.not_before = isoFromEpochSeconds(notBefore);
  const notAfter = num(record, 'certificate.not_valid_after');
  if (notAfter !== undefined) x509.not_after = isoFromEpochSeconds(notAfter);
  draft.tls = { server: { x509 } };
  section(
    draft,
    'x509',
    pick(record, [
      'id',
      'fingerprint',
      'san.uri',
      'san.email',
      'san.ip',
      'basic_constraints.ca',
      'basic_constraints.path_len',
      'host_cert',
      'client_cert',
    ]),
  );
};

const mapNotice: Mapper = (record, draft) => {
  draft.event.kind = 'alert';
  draft.event.category = ['intrusion_detection'];
  draft.event.type = ['info'];
  if (draft.source === undefined) {
    const src = str(record, 'src');
    if (src !== undefined) draft.source = { ip: src };
  }
  if (draft.destination === undefined) {
    const dst = str(record, 'dst');
    if (dst !== undefined) draft.destination = endpoint(dst, num(record, 'p'));
  }
  const note = str(record, 'note');
  if (note !== undefined) {
    draft.rule = { name: note };
    draft.event.action = note;
  }
  const message = str(record, 'msg');
  if (message !== undefined) draft.message = message;
  section(
    draft,
    'notice',
    pick(record, [
      'sub',
      'fuid',
      'file_mime_type',
      'file_desc',
      'proto',
      'n',
      'peer_descr',
      'actions',
      'email_dest',
      'suppress_for',
      'remote_location.country_code',
    ]),
  );
};

const mapWeird: Mapper = (record, draft) => {
  draft.event.category = ['network'];
  draft.event.type = ['info'];
  const name = str(record, 'name');
  if (name !== undefined) draft.event.action = name;
  section(draft, 'weird', pick(record, ['name', 'addl', 'notice', 'peer', 'source']));
};

const MAPPERS: Readonly<Record<string, Mapper>> = {
  conn: mapConn,
  dns: mapDns,
  http: mapHttp,
  ssl: mapSsl,
  files: mapFiles,
  x509: mapX509,
  notice: mapNotice,
  weird: mapWeird,
};
