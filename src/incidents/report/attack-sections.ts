// CISA elements 9 and 10, "if known": the attack vector, the indicators of compromise and the
// detection measures (which rules fired). Indicators are given as seen, not defanged, because the
// authority loads them into its own tooling.
import type { Alert, IncidentObservable, ObservableType } from '../../core/index.ts';
import { ATTACK_VECTOR, STAGE_WORDS } from './cisa-terms.ts';
import { plural, utcMinute } from './format.ts';
import type { ReportInput, ReportSection } from './section.ts';

/** Hosts and users are reported as affected systems and users, not as indicators. */
const NOT_INDICATORS: ReadonlySet<ObservableType> = new Set(['host', 'user']);

const TYPE_WORDS: Readonly<Record<ObservableType, string>> = {
  ip: 'IP address',
  domain: 'Domain',
  url: 'URL',
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  email: 'Mail address',
  file: 'File name',
  host: 'Host',
  user: 'User',
  process: 'Process',
};

export function attackSections(input: ReportInput): ReportSection[] {
  return [attackVector(input), indicators(input), detection(input)];
}

function attackVector({ incident, alerts }: ReportInput): ReportSection {
  const { factors } = incident.severity;
  // Whatever the category, an incident whose alerts came from mail was delivered by mail.
  const byMail = alerts.some((alert) => alert.detector === 'mail');
  const mapped = ATTACK_VECTOR[incident.category];
  const vector = mapped === 'Unknown' && byMail ? 'Email/Phishing' : mapped;
  const lines = [
    vector,
    `Category: ${incident.category}`,
    `Stage reached: ${STAGE_WORDS[factors.stage]}`,
    `Actor: ${factors.actor === 'targeted' ? 'targeted (aimed at this organization)' : 'untargeted (commodity or bulk)'}`,
  ];
  const senders = valuesWithRole(alerts, 'email', 'sender');
  if (senders.length > 0) lines.push(`Delivered by mail from: ${senders.join(', ')}`);
  const detectors = countBy(alerts.map((alert) => alert.detector));
  if (detectors.size > 0)
    lines.push(
      `Seen by: ${[...detectors].map(([name, count]) => `${name} (${plural(count, 'alert')})`).join(', ')}`,
    );
  return { title: 'Attack vector', lines };
}

function indicators({ incident, alerts }: ReportInput): ReportSection {
  const roles = rolesByObservable(alerts);
  const rows = incident.observables
    .filter((observable) => !NOT_INDICATORS.has(observable.type))
    .map((observable) => [
      indicatorType(observable, roles),
      observable.value,
      [...(roles.get(key(observable)) ?? [])].sort().join(', '),
    ]);
  if (rows.length === 0) return { title: 'Indicators', lines: ['No indicators identified.'] };
  return {
    title: 'Indicators',
    lines: [`${plural(rows.length, 'indicator')} observed.`],
    table: { columns: ['Type', 'Value', 'Role'], rows },
  };
}

function detection({ incident, alerts }: ReportInput): ReportSection {
  if (alerts.length === 0)
    return {
      title: 'Detection measures',
      lines: [`${plural(incident.alert_ids.length, 'alert')}; rule details not included.`],
    };
  const rows = [...alerts]
    .sort((a, b) => Date.parse(a['@timestamp']) - Date.parse(b['@timestamp']))
    .map((alert) => [
      alert.rule.name,
      alert.detector,
      alert.level,
      // The Detection Rule License requires crediting Sigma rule authors wherever rules are shown.
      alert.rule.author ?? '',
      String(alert.count),
      utcMinute(alert['@timestamp']),
    ]);
  return {
    title: 'Detection measures',
    lines: [`${plural(alerts.length, 'alert')} from the rules below.`],
    table: { columns: ['Rule', 'Detector', 'Level', 'Author', 'Events', 'First event'], rows },
  };
}

function indicatorType(
  observable: IncidentObservable,
  roles: ReadonlyMap<string, ReadonlySet<string>>,
): string {
  if (observable.type === 'email' && roles.get(key(observable))?.has('sender') === true)
    return 'Mail sender';
  return TYPE_WORDS[observable.type];
}

function rolesByObservable(alerts: readonly Alert[]): Map<string, Set<string>> {
  const roles = new Map<string, Set<string>>();
  for (const observable of alerts.flatMap((alert) => alert.observables)) {
    if (observable.role === undefined) continue;
    const set = roles.get(key(observable)) ?? new Set<string>();
    set.add(observable.role);
    roles.set(key(observable), set);
  }
  return roles;
}

function valuesWithRole(alerts: readonly Alert[], type: ObservableType, role: string): string[] {
  const values = new Set<string>();
  for (const observable of alerts.flatMap((alert) => alert.observables))
    if (observable.type === type && observable.role === role) values.add(observable.value);
  return [...values].sort();
}

function key(observable: { type: string; value: string }): string {
  return `${observable.type}:${observable.value}`;
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
