// What an incident report says, independent of how it is rendered: the elements the CISA Federal
// Incident Notification Guidelines require, in their order, then severity, response times and the
// audit log. HTML and PDF render the same sections, so the two never disagree.
import type { Alert, Incident } from '../../core/index.ts';
import { attackSections } from './attack-sections.ts';
import { impactSections } from './impact-sections.ts';
import { responseSections } from './response-sections.ts';
import { utcMinute } from './format.ts';
import type { ReportInput, ReportOrg, ReportSection } from './section.ts';

export type { ReportInput, ReportOrg, ReportSection, ReportTable } from './section.ts';
export { UNKNOWN } from './section.ts';

export function reportContent(
  incident: Incident,
  alerts: readonly Alert[] = [],
  org?: ReportOrg,
): ReportSection[] {
  const input: ReportInput = org === undefined ? { incident, alerts } : { incident, alerts, org };
  return [
    summary(input),
    ...impactSections(input),
    ...attackSections(input),
    ...responseSections(input),
  ];
}

/** The document title renderers put on the first page and in metadata. */
export function reportTitle(incident: Incident): string {
  return `Incident report ${incident.id}`;
}

function summary({ incident, org }: ReportInput): ReportSection {
  const { severity, deadline } = incident;
  const lines = [
    `Incident: ${incident.id}`,
    `Title: ${incident.title}`,
    ...(org === undefined ? [] : [`Organization: ${org.name}`]),
    `Status: ${incident.status}`,
    `Severity: level ${severity.level} (${severity.label})`,
    `Category: ${incident.category}`,
    `Identified: ${utcMinute(incident.created)}`,
  ];
  if (incident.campaign_id !== undefined) lines.push(`Part of campaign: ${incident.campaign_id}`);
  if (incident.members !== undefined && incident.members.length > 0)
    lines.push(`Campaign of ${incident.members.length} incidents: ${incident.members.join(', ')}`);
  if (deadline.due !== undefined)
    lines.push(`Report to the authority due: ${utcMinute(deadline.due)}`);
  if (deadline.reported_at !== undefined)
    lines.push(`Reported to the authority: ${utcMinute(deadline.reported_at)}`);
  return { title: 'Summary', lines };
}
