// Zone policy: the closed (classified) network talks to nothing outside it. A connection from a
// closed-network address to the open LAN or the internet, or into the closed network from
// outside it, is a breach whatever its size — one per pair and direction, counted.
import type { Flow, NetworkFinding } from './flow.ts';

interface Breach {
  finding: NetworkFinding;
  count: number;
}

const MAX_BREACHES = 10_000;

export class ZonePolicy {
  readonly #breaches = new Map<string, Breach>();

  observe(flow: Flow): void {
    const outward =
      flow.srcZone === 'closed' && flow.dstZone !== undefined && flow.dstZone !== 'closed';
    const inward =
      flow.dstZone === 'closed' && flow.srcZone !== undefined && flow.srcZone !== 'closed';
    if (!outward && !inward) return;
    const key = `${flow.src}\u0000${flow.dst}`;
    const known = this.#breaches.get(key);
    const time = new Date(flow.ts * 1000).toISOString();
    if (known !== undefined) {
      known.count++;
      known.finding.components.connections = known.count;
      if (time > known.finding.last_seen) known.finding.last_seen = time;
      if (time < known.finding.first_seen) known.finding.first_seen = time;
      if (flow.eventId !== undefined && known.finding.event_ids.length < 10)
        known.finding.event_ids.push(flow.eventId);
      return;
    }
    if (this.#breaches.size >= MAX_BREACHES) return;
    const where = outward
      ? `from the closed network to ${flow.dstZone === 'external' ? 'the internet' : 'the open LAN'}`
      : `into the closed network from ${flow.srcZone === 'external' ? 'the internet' : 'the open LAN'}`;
    const finding: NetworkFinding = {
      kind: 'zone-breach',
      // Nothing crosses this boundary legitimately: a breach is high severity on its own.
      score: 0.9,
      src: flow.src,
      dst: flow.dst,
      components: { connections: 1, outward: outward ? 1 : 0 },
      reasons: [
        `${flow.src} → ${flow.dst}:${flow.dstPort}/${flow.proto} ${where}${flow.failed ? ' (attempt; no handshake)' : ''}`,
      ],
      first_seen: time,
      last_seen: time,
      event_ids: flow.eventId === undefined ? [] : [flow.eventId],
    };
    if (flow.name !== undefined) finding.name = flow.name;
    if (flow.site !== undefined) finding.site = flow.site;
    this.#breaches.set(key, { finding, count: 1 });
  }

  findings(): NetworkFinding[] {
    return [...this.#breaches.values()].map((breach) => breach.finding);
  }
}
