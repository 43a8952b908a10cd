// CISA required elements 1–7: impact, recoverability, when first detected, what was affected,
// where, and whom to call. Each names the CISA category and the factor it was read from, so the
// authority sees both the form's term and our reasoning.
import type { Alert } from '../../core/index.ts';
import {
  FUNCTIONAL_IMPACT,
  INFORMATION_IMPACT,
  LOCATION,
  LOCATION_WORDS,
  RECOVERABILITY,
} from './cisa-terms.ts';
import { duration, utcMinute } from './format.ts';
import { UNKNOWN, type ReportInput, type ReportSection } from './section.ts';

const MAPPED = 'Mapped by Chancery from its severity factor';

export function impactSections(input: ReportInput): ReportSection[] {
  const { factors } = input.incident.severity;
  return [
    {
      title: 'Functional impact',
      lines: [
        FUNCTIONAL_IMPACT[factors.functional_impact],
        `${MAPPED} functional_impact = ${factors.functional_impact}.`,
      ],
    },
    {
      title: 'Information impact',
      lines: [
        INFORMATION_IMPACT[factors.information_impact],
        `${MAPPED} information_impact = ${factors.information_impact}.`,
      ],
    },
    {
      title: 'Recoverability',
      lines: [
        RECOVERABILITY[factors.recoverability],
        `${MAPPED} recoverability = ${factors.recoverability}.`,
      ],
    },
    firstDetected(input),
    affected(input),
    {
      title: 'Location of observed activity',
      lines: [
        LOCATION[factors.location],
        `Activity was observed ${LOCATION_WORDS[factors.location]}.`,
        `Sites with activity: ${String(input.incident.sites.length)}.`,
        `${MAPPED} location = ${factors.location}.`,
      ],
    },
    contact(input),
  ];
}

function firstDetected({ incident, alerts }: ReportInput): ReportSection {
  const lines = [
    `Activity first seen: ${utcMinute(incident.first_seen)} (earliest matching event)`,
  ];
  const detected = earliest(alerts.map((alert) => alert.created));
  if (detected !== undefined) lines.push(`First detected: ${utcMinute(detected)} (earliest alert)`);
  else if (incident.metrics.time_to_detect !== undefined)
    lines.push(`First detected: ${duration(incident.metrics.time_to_detect)} after first activity`);
  lines.push(
    `Identified as an incident: ${utcMinute(incident.created)}`,
    `Activity last seen: ${utcMinute(incident.last_seen)}`,
  );
  return { title: 'Time first detected', lines };
}

function affected({ incident, alerts }: ReportInput): ReportSection {
  const users = usersOf(incident.observables, alerts);
  const siteNames = new Map<string, string>();
  for (const alert of alerts)
    if (alert.site?.name !== undefined) siteNames.set(alert.site.id, alert.site.name);
  const sites = incident.sites.map((id) => {
    const name = siteNames.get(id);
    return name === undefined || name === id ? id : `${id} (${name})`;
  });
  return {
    title: 'Systems and users affected',
    lines: [
      listLine('Systems', incident.hosts),
      listLine('Users', users),
      listLine('Sites', sites),
      `Records affected: ${UNKNOWN}`,
    ],
  };
}

function contact({ incident, org }: ReportInput): ReportSection {
  const lines: string[] = [];
  if (org !== undefined) lines.push(`Organization: ${org.name}`);
  if (org?.contact !== undefined) lines.push(`Contact: ${org.contact}`);
  lines.push(`Incident handler: ${incident.assignee ?? 'not yet assigned'}`);
  return { title: 'Point of contact', lines };
}

/** Users from the alerts' observables and the incident's own, sorted and without repeats. */
function usersOf(
  observables: readonly { type: string; value: string }[],
  alerts: readonly Alert[],
): string[] {
  const users = new Set<string>();
  for (const observable of [...observables, ...alerts.flatMap((alert) => alert.observables)])
    if (observable.type === 'user') users.add(observable.value);
  return [...users].sort();
}

function listLine(label: string, values: readonly string[]): string {
  return values.length === 0
    ? `${label}: none identified`
    : `${label} (${String(values.length)}): ${values.join(', ')}`;
}

function earliest(times: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const time of times)
    if (best === undefined || Date.parse(time) < Date.parse(best)) best = time;
  return best;
}
