// Network analytics alerts: beacons, long connections, DNS tunnels and strobes are command and
// control; an upload is exfiltration; a zone breach is closed-network activity (outward it is
// exfiltration); a scan shows code running on the scanning host. Pairs carry the destination's
// country and prevalence, which the factors use for watch-listed countries and rare destinations.
import type { Alert } from '../../core/index.ts';
import { baseSignal, type AlertSignal, type Stage } from './signal.ts';

const PREFIX = 'chancery-network-';

const KINDS: Readonly<Record<string, { stage: Stage; category: AlertSignal['category'] }>> = {
  beacon: { stage: 'command-and-control', category: 'command-and-control' },
  'long-connection': { stage: 'command-and-control', category: 'command-and-control' },
  'dns-tunnel': { stage: 'command-and-control', category: 'command-and-control' },
  strobe: { stage: 'command-and-control', category: 'command-and-control' },
  upload: { stage: 'exfiltration', category: 'exfiltration' },
  scan: { stage: 'execution', category: 'suspicious-activity' },
  'zone-breach': { stage: 'exfiltration', category: 'closed-network-breach' },
};

export function readNetwork(alert: Alert): AlertSignal {
  const kind = alert.rule.id.startsWith(PREFIX) ? alert.rule.id.slice(PREFIX.length) : '';
  const known = KINDS[kind];
  const signal = baseSignal(alert, known?.category ?? 'suspicious-activity');
  if (known !== undefined) signal.stage = known.stage;
  const details = alert.details ?? {};
  const components = record(details.components);
  if (kind === 'zone-breach') {
    const outward = components.outward === 1;
    // Into the closed network from outside is someone reaching in: control, not yet theft.
    if (!outward) signal.stage = 'command-and-control';
    signal.closed = `traffic crossed the closed network's boundary ${outward ? 'outward' : 'inward'}`;
  }
  signal.rareDestination = 'rare' in components;
  const destination = record(details.destination);
  const addresses = Array.isArray(destination.addresses)
    ? destination.addresses.filter((value): value is string => typeof value === 'string')
    : alert.observables
        .filter((o) => o.role === 'destination' && o.type === 'ip')
        .map((o) => o.value);
  signal.destination.addresses = addresses;
  const country = typeof destination.country === 'string' ? destination.country : watched(details);
  if (country !== undefined) signal.destination.country = country;
  return signal;
}

/** The analyzer's own watch-country modifier, when the pair has no country field. */
function watched(details: Record<string, unknown>): string | undefined {
  const reasons = Array.isArray(details.reasons) ? details.reasons : [];
  for (const reason of reasons) {
    const match =
      typeof reason === 'string' ? /in a watched country \(([A-Z]{2})\)/.exec(reason) : null;
    if (match?.[1] !== undefined) return match[1];
  }
  return undefined;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
