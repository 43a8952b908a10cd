// Network analytics into the common alert stream: each alerting pair (beacon, long connection)
// and each finding (DNS tunnel, upload, scan, strobe, zone breach) with its score components
// and the observables incidents link by: source host and site, destination address and name.
import type { Alert, AlertLevel, Observable } from '../../core/index.ts';
import type { NetworkFinding } from './flow.ts';
import type { ScoredPair } from './scored-pair.ts';

interface AlertOptions {
  retrospective: boolean;
  now: Date;
}

const TAGS: Readonly<Record<string, string[]>> = {
  beacon: ['attack.command-and-control', 'attack.t1071'],
  'long-connection': ['attack.command-and-control', 'attack.t1071'],
  'dns-tunnel': ['attack.command-and-control', 'attack.t1071.004'],
  upload: ['attack.exfiltration', 'attack.t1048'],
  scan: ['attack.discovery', 'attack.t1046'],
  strobe: ['attack.command-and-control'],
  'zone-breach': ['attack.exfiltration', 'attack.lateral-movement'],
};

const TITLES: Readonly<Record<string, string>> = {
  beacon: 'Beaconing to a rare destination',
  'long-connection': 'Long-lived connection to a rare destination',
  'dns-tunnel': 'DNS tunnelling',
  upload: 'Upload far above the host’s normal',
  scan: 'Scan from an internal host',
  strobe: 'Connection strobe',
  'zone-breach': 'Closed-network traffic crossed its boundary',
};

export function pairAlert(pair: ScoredPair, options: AlertOptions): Alert | undefined {
  if (!pair.alert) return undefined;
  const kind =
    (pair.components.beacon ?? 0) >= (pair.components.long_connection ?? 0)
      ? 'beacon'
      : 'long-connection';
  const observables: Observable[] = [{ type: 'ip', value: pair.src, role: 'source' }];
  for (const address of pair.destination.addresses)
    observables.push({ type: 'ip', value: address, role: 'destination' });
  if (pair.kind === 'name')
    observables.push({ type: 'domain', value: pair.dst, role: 'destination' });
  return build(kind, pair.severity, options, {
    src: pair.src,
    dst: pair.dst,
    first: pair.window.start,
    last: pair.window.end,
    count: pair.connections,
    eventIds: pair.event_ids,
    observables,
    ...(pair.site === undefined ? {} : { site: pair.site }),
    details: {
      score: pair.score,
      components: pair.components,
      reasons: pair.reasons,
      beacon: pair.beacon,
      prevalence: pair.prevalence,
      first_seen: pair.first_seen,
      destination: pair.destination,
    },
  });
}

export function findingAlert(
  finding: NetworkFinding,
  threshold: number,
  options: AlertOptions,
): Alert | undefined {
  if (finding.score < threshold && finding.kind !== 'zone-breach') return undefined;
  const observables: Observable[] = [{ type: 'ip', value: finding.src, role: 'source' }];
  if (finding.kind === 'dns-tunnel')
    observables.push({ type: 'domain', value: finding.dst, role: 'query' });
  else observables.push({ type: 'ip', value: finding.dst, role: 'destination' });
  if (finding.name !== undefined)
    observables.push({ type: 'domain', value: finding.name, role: 'destination' });
  return build(finding.kind, severity(finding.score), options, {
    src: finding.src,
    dst: finding.dst,
    first: finding.first_seen,
    last: finding.last_seen,
    count: finding.event_ids.length || 1,
    eventIds: finding.event_ids,
    observables,
    ...(finding.site === undefined ? {} : { site: finding.site }),
    details: {
      score: finding.score,
      components: finding.components,
      reasons: finding.reasons,
      ...(finding.kind === 'dns-tunnel'
        ? {}
        : { destination: { addresses: [finding.dst], ...finding.destination } }),
    },
  });
}

interface AlertParts {
  src: string;
  dst: string;
  site?: string;
  first: string;
  last: string;
  count: number;
  eventIds: string[];
  observables: Observable[];
  details: Record<string, unknown>;
}

function build(kind: string, level: string, options: AlertOptions, parts: AlertParts): Alert {
  const alert: Alert = {
    id: '',
    detector: 'network',
    rule: {
      id: `chancery-network-${kind}`,
      name: TITLES[kind] ?? kind,
      author: 'Chancery',
      description:
        'Network analytics over Zeek and Suricata telemetry (beacon statistics after RITA v5).',
      source: 'chancery/network',
    },
    level: levelOf(level),
    tags: TAGS[kind] ?? [],
    '@timestamp': parts.first,
    last_seen: parts.last,
    count: Math.max(1, parts.count),
    host: parts.src,
    event_ids: parts.eventIds,
    // One alert per pair and kind: a re-analysis updates it rather than adding another.
    matched: [
      { field: 'source.ip', value: parts.src },
      { field: 'destination', value: parts.dst },
    ],
    observables: parts.observables,
    retrospective: options.retrospective,
    created: options.now.toISOString(),
    details: parts.details,
  };
  if (parts.site !== undefined) alert.site = { id: parts.site };
  return alert;
}

function severity(score: number): string {
  if (score > 0.8) return 'critical';
  if (score >= 0.6) return 'high';
  if (score >= 0.4) return 'medium';
  return score >= 0.2 ? 'low' : 'informational';
}

function levelOf(severityName: string): AlertLevel {
  switch (severityName) {
    case 'critical':
    case 'high':
    case 'medium':
    case 'low':
      return severityName;
    default:
      return 'informational';
  }
}
