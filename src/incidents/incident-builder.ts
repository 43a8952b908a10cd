// Folding alerts into an incident's summary: sites, hosts, observables, alert ids and time span.
// Everything here is derived from the alerts, so folding the same alert twice changes nothing.
import { createHash } from 'node:crypto';
import {
  alertLevelRank,
  isPublicAddress,
  type Alert,
  type Incident,
  type IncidentObservable,
} from '../core/index.ts';

/** Incident observables kept: enough to block and report, bounded for a campaign of thousands. */
const MAX_OBSERVABLES = 200;

/** `INC-` and 12 hex digits of SHA-1 over the alert that opened it: stable across re-analysis. */
export function incidentId(firstAlertId: string, prefix = 'INC'): string {
  return `${prefix}-${createHash('sha1').update(firstAlertId).digest('hex').slice(0, 12)}`;
}

/** Adds the alerts' sites, hosts, observables and ids to the incident; true when anything changed. */
export function foldAlerts(incident: Incident, alerts: readonly Alert[]): boolean {
  const before = JSON.stringify([
    incident.sites,
    incident.hosts,
    incident.observables,
    incident.alert_ids,
    incident.first_seen,
    incident.last_seen,
  ]);
  const sites = new Set(incident.sites);
  const hosts = new Set(incident.hosts);
  const ids = new Set(incident.alert_ids);
  const observables = new Map(incident.observables.map((o) => [`${o.type}:${o.value}`, o]));
  for (const alert of alerts) {
    ids.add(alert.id);
    for (const site of sitesOf(alert)) sites.add(site);
    for (const host of hostsOf(alert)) hosts.add(host);
    for (const observable of alert.observables) {
      if (observables.size >= MAX_OBSERVABLES) break;
      if (observable.role === 'recipient' || observable.type === 'host') continue;
      const key = `${observable.type}:${observable.value}`;
      if (!observables.has(key))
        observables.set(key, { type: observable.type, value: observable.value });
    }
    if (Date.parse(alert['@timestamp']) < Date.parse(incident.first_seen))
      incident.first_seen = alert['@timestamp'];
    if (Date.parse(alert.last_seen) > Date.parse(incident.last_seen))
      incident.last_seen = alert.last_seen;
  }
  incident.sites = [...sites].sort();
  incident.hosts = [...hosts].sort();
  incident.alert_ids = [...ids];
  incident.observables = sortObservables([...observables.values()]);
  return (
    before !==
    JSON.stringify([
      incident.sites,
      incident.hosts,
      incident.observables,
      incident.alert_ids,
      incident.first_seen,
      incident.last_seen,
    ])
  );
}

/** Sites an alert concerns: its own, and for mail the sites of its recipients. */
export function sitesOf(alert: Alert): string[] {
  const sites = new Set<string>();
  if (alert.site !== undefined) sites.add(alert.site.id);
  const recipientSites = alert.details?.recipient_sites;
  if (Array.isArray(recipientSites))
    for (const site of recipientSites) if (typeof site === 'string') sites.add(site);
  return [...sites];
}

/** Hosts an alert concerns: its host (name or internal address), and the event's own host name. */
export function hostsOf(alert: Alert): string[] {
  const hosts = new Set<string>();
  if (alert.host !== undefined && alert.host !== '' && !isPublicAddress(alert.host))
    hosts.add(alert.host);
  const name = alert.event?.host?.name;
  if (name !== undefined) hosts.add(name);
  return [...hosts];
}

const TYPE_ORDER = [
  'ip',
  'domain',
  'url',
  'sha256',
  'sha1',
  'md5',
  'email',
  'file',
  'user',
  'process',
  'host',
];

function sortObservables(observables: IncidentObservable[]): IncidentObservable[] {
  return observables.sort(
    (a, b) =>
      TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) ||
      (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
}

/** A new incident with nothing in it yet: no alerts, baseline severity, status `new`. */
export function blankIncident(
  id: string,
  title: string,
  span: Pick<Incident, 'first_seen' | 'last_seen'>,
  at: string,
): Incident {
  return {
    id,
    title,
    status: 'new',
    severity: { level: 0, label: 'baseline', score: 0, factors: emptyFactors(), reasons: [] },
    category: 'suspicious-activity',
    sites: [],
    hosts: [],
    observables: [],
    alert_ids: [],
    first_seen: span.first_seen,
    last_seen: span.last_seen,
    created: at,
    updated: at,
    tasks: [],
    notes: [],
    evidence: [],
    actions: [],
    deadline: { escalations: [] },
    metrics: {},
    timeline: [],
  };
}

function emptyFactors(): Incident['severity']['factors'] {
  return {
    functional_impact: 'none',
    information_impact: 'none',
    recoverability: 'regular',
    location: 'external',
    stage: 'delivery',
    actor: 'untargeted',
    sites: 0,
  };
}

/** The title: the most severe alert's rule, where it happened; a campaign says so. */
export function titleOf(incident: Incident, alerts: readonly Alert[]): string {
  const top = [...alerts].sort((a, b) => alertLevelRank(b.level) - alertLevelRank(a.level))[0];
  const where =
    incident.hosts.length === 1
      ? ` on ${incident.hosts[0] ?? ''}`
      : incident.hosts.length > 1
        ? ` on ${incident.hosts.length} hosts`
        : '';
  const sites =
    incident.sites.length > 1
      ? ` at ${incident.sites.length} sites`
      : incident.sites.length === 1
        ? ` at ${incident.sites[0] ?? ''}`
        : '';
  const what = top?.rule.name ?? incident.title;
  if (incident.members !== undefined)
    return `Campaign at ${incident.sites.length} sites, ${incident.hosts.length} hosts: ${what}`;
  return `${what}${where}${sites}`;
}
