// Events into what the analytics read. Zeek conn and Suricata flow events are connections;
// Zeek/Suricata DNS events are queries; HTTP and TLS events name the destination of their
// connection (Host, SNI), joined to it by Zeek's uid or Suricata's flow_id.
import type { EcsEvent } from '../../core/index.ts';
import type { DnsQuery, Flow, Zone } from './flow.ts';

// Zeek conn states where the handshake never completed (Zeek's conn.log documentation).
const FAILED_STATES = new Set(['S0', 'REJ', 'RSTOS0', 'RSTRH', 'SH', 'SHR', 'OTH']);

/** The connection an event describes, or undefined when it is not a connection event. */
export function flowOf(event: EcsEvent): Flow | undefined {
  const dataset = event.event.dataset;
  // open_conn: activecm/zeek-open-connections' periodic report of a connection still open.
  const isZeekConn = dataset === 'zeek.conn' || dataset === 'zeek.open_conn';
  const isEveFlow = dataset === 'suricata.eve' && event.event.action === 'flow';
  if (!isZeekConn && !isEveFlow) return undefined;
  const src = event.source?.ip;
  const dst = event.destination?.ip;
  const ts = Date.parse(event['@timestamp']) / 1000;
  if (src === undefined || dst === undefined || Number.isNaN(ts)) return undefined;
  const zeek = event.zeek as { conn?: ZeekConn; open_conn?: ZeekConn } | undefined;
  const conn = isZeekConn ? (zeek?.conn ?? zeek?.open_conn) : undefined;
  const origBytes = count(conn?.orig_ip_bytes) ?? event.source?.bytes ?? 0;
  const respBytes = count(conn?.resp_ip_bytes) ?? event.destination?.bytes ?? 0;
  const state = conn?.state ?? conn?.conn_state;
  const flow: Flow = {
    ts,
    src,
    dst,
    dstPort: event.destination?.port ?? 0,
    proto: event.network?.transport ?? '',
    origBytes,
    respBytes,
    // Logs without an ECS mapping (open_conn) keep Zeek's own `duration`, in seconds.
    duration:
      event.event.duration !== undefined
        ? event.event.duration / 1e9
        : (count(conn?.duration) ?? 0),
    failed:
      state !== undefined
        ? FAILED_STATES.has(state) && respBytes === 0
        : event.event.outcome === 'failure',
    eventId: event.event.id,
  };
  const name = event.destination?.domain;
  if (name !== undefined) flow.name = name.toLowerCase();
  if (event.site !== undefined) flow.site = event.site.id;
  const srcZone = zoneOf(event.source?.zone);
  if (srcZone !== undefined) flow.srcZone = srcZone;
  const dstZone = zoneOf(event.destination?.zone);
  if (dstZone !== undefined) flow.dstZone = dstZone;
  return flow;
}

/** The query a DNS event describes, or undefined. */
export function dnsQueryOf(event: EcsEvent): DnsQuery | undefined {
  const name = event.dns?.question?.name;
  const src = event.source?.ip;
  const ts = Date.parse(event['@timestamp']) / 1000;
  if (name === undefined || src === undefined || Number.isNaN(ts)) return undefined;
  const query: DnsQuery = {
    ts,
    src,
    query: name.toLowerCase().replace(/\.$/, ''),
    qtype: (event.dns?.question?.type ?? '').toUpperCase(),
    answers: (event.dns?.answers ?? []).flatMap((answer) =>
      typeof answer.data === 'string' ? [answer.data] : [],
    ),
    eventId: event.event.id,
  };
  if (event.site !== undefined) query.site = event.site.id;
  return query;
}

/**
 * The destination name an HTTP or TLS event gives its connection, keyed by the connection's id
 * (Zeek uid, Suricata flow_id), so the conn record can carry it.
 */
export function connectionName(event: EcsEvent): { session: string; name: string } | undefined {
  const name = event.tls?.client?.server_name ?? event.url?.domain ?? event.destination?.domain;
  const session = sessionOf(event);
  if (name === undefined || session === undefined || event.event.dataset === 'zeek.conn')
    return undefined;
  return { session, name: name.toLowerCase() };
}

/** Zeek's uid or Suricata's flow_id: what joins a connection's records. */
export function sessionOf(event: EcsEvent): string | undefined {
  const zeek = event.zeek as { session_id?: unknown } | undefined;
  if (typeof zeek?.session_id === 'string') return zeek.session_id;
  const eve = event.suricata?.eve as { flow_id?: unknown } | undefined;
  return typeof eve?.flow_id === 'string' ? `flow:${eve.flow_id}` : undefined;
}

interface ZeekConn {
  state?: string;
  conn_state?: string;
  duration?: number | string;
  orig_ip_bytes?: number | string;
  resp_ip_bytes?: number | string;
}

function zoneOf(value: unknown): Zone | undefined {
  return value === 'open' || value === 'closed' || value === 'external' ? value : undefined;
}

/**
 * A Zeek field as a number. A log without a `#types` header keeps its values as text, and
 * `"720" + "720"` must never be how bytes add up.
 */
function count(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : undefined;
}
