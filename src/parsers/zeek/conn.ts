// conn.log -> ECS, as Elastic's Zeek integration maps it: one event per connection with
// bytes and packets per side, duration in nanoseconds, and direction from local_orig/local_resp.
import type { EventDraft } from '../../core/index.ts';
import { flag, hasKeys, numeric, text } from './record.ts';
import { ecsMac, type LogSpec } from './spec.ts';

// Connection states in which the handshake never completed (Zeek's conn.log documentation).
const NOT_ESTABLISHED = new Set(['S0', 'REJ', 'RSTOS0', 'RSTRH', 'SH', 'SHR']);
const ESTABLISHED = new Set(['S1', 'SF', 'S2', 'S3', 'RSTO', 'RSTR']);

export const conn: LogSpec = {
  consumed: [
    'proto',
    'duration',
    'orig_bytes',
    'resp_bytes',
    'orig_pkts',
    'resp_pkts',
    'community_id',
    'orig_l2_addr',
    'resp_l2_addr',
  ],
  renames: { conn_state: 'state' },
  map(r, d) {
    d.event.category = ['network'];
    d.event.type = ['connection'];
    const duration = numeric(r.duration);
    if (duration !== undefined) d.event.duration = Math.round(duration * 1e9);
    const state = text(r.conn_state);
    if (state !== undefined) {
      if (ESTABLISHED.has(state)) d.event.outcome = 'success';
      else if (NOT_ESTABLISHED.has(state)) d.event.outcome = 'failure';
    }

    const origBytes = numeric(r.orig_bytes);
    const respBytes = numeric(r.resp_bytes);
    const origPackets = numeric(r.orig_pkts);
    const respPackets = numeric(r.resp_pkts);
    const source = d.source;
    if (source !== undefined) {
      if (origBytes !== undefined) source.bytes = origBytes;
      if (origPackets !== undefined) source.packets = origPackets;
      const mac = text(r.orig_l2_addr);
      if (mac !== undefined) source.mac = ecsMac(mac);
    }
    const destination = d.destination;
    if (destination !== undefined) {
      if (respBytes !== undefined) destination.bytes = respBytes;
      if (respPackets !== undefined) destination.packets = respPackets;
      const mac = text(r.resp_l2_addr);
      if (mac !== undefined) destination.mac = ecsMac(mac);
    }

    const network: NonNullable<EventDraft['network']> = {};
    const proto = text(r.proto);
    if (proto !== undefined) network.transport = proto;
    // `service` lists every analyzer that confirmed (e.g. "ssl,http"); the first is the protocol.
    const service = text(r.service);
    if (service !== undefined) {
      const comma = service.indexOf(',');
      network.protocol = comma === -1 ? service : service.slice(0, comma);
    }
    if (origBytes !== undefined || respBytes !== undefined)
      network.bytes = (origBytes ?? 0) + (respBytes ?? 0);
    if (origPackets !== undefined || respPackets !== undefined)
      network.packets = (origPackets ?? 0) + (respPackets ?? 0);
    const community = text(r.community_id);
    if (community !== undefined) network.community_id = community;
    const direction = directionOf(flag(r.local_orig), flag(r.local_resp));
    if (direction !== undefined) network.direction = direction;
    if (hasKeys(network)) d.network = network;
  },
};

function directionOf(
  localOrig: boolean | undefined,
  localResp: boolean | undefined,
): string | undefined {
  if (localOrig === undefined || localResp === undefined) return undefined;
  if (localOrig) return localResp ? 'internal' : 'outbound';
  return localResp ? 'inbound' : 'external';
}
