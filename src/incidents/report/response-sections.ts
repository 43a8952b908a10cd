// CISA element 11 (mitigation), then what the authority asks next: how severe and why, how fast
// we detected, reported and contained, and the audit log behind every statement above.
import type { Incident, ResponseAction } from '../../core/index.ts';
import { duration, plural, utcMinute, utcSecond } from './format.ts';
import type { ReportInput, ReportSection } from './section.ts';

export function responseSections({ incident }: ReportInput): ReportSection[] {
  return [mitigation(incident), severity(incident), responseTimes(incident), timeline(incident)];
}

function mitigation(incident: Incident): ReportSection {
  const done = incident.tasks.filter((task) => task.done).length;
  const lines = [`Status: ${incident.status} (NIST SP 800-61 phase)`];
  if (incident.tasks.length > 0)
    lines.push(`Tasks: ${String(done)} of ${plural(incident.tasks.length, 'task')} done`);
  if (incident.actions.length === 0) {
    lines.push('No response actions recorded.');
    return { title: 'Mitigation', lines };
  }
  return {
    title: 'Mitigation',
    lines,
    table: {
      columns: ['Action', 'Targets', 'Requested', 'Result'],
      rows: incident.actions.map((action) => [
        action.kind,
        action.targets.join(', '),
        `${utcMinute(action.requested_at)} by ${action.requested_by}`,
        actionResult(action),
      ]),
    },
  };
}

function actionResult(action: ResponseAction): string {
  const { result } = action;
  if (result === undefined) return 'pending';
  const http = result.http_status === undefined ? '' : ` (HTTP ${String(result.http_status)})`;
  const detail = result.detail === undefined ? '' : `: ${result.detail}`;
  return `${result.status} ${utcMinute(result.at)}${http}${detail}`;
}

function severity(incident: Incident): ReportSection {
  const { severity: grade } = incident;
  const lines = [
    `Level ${String(grade.level)} (${grade.label}), score ${String(grade.score)} of 100, on the CISA NCISS scale`,
  ];
  if (grade.override !== undefined) {
    const { override, computed } = grade;
    lines.push(
      `Set by ${override.by} at ${utcMinute(override.at)}: ${override.reason}`,
      ...(computed === undefined
        ? []
        : [`Computed: level ${String(computed.level)}, score ${String(computed.score)}`]),
    );
  }
  const { factors } = grade;
  lines.push(
    `Factors: functional impact ${factors.functional_impact}, information impact ${factors.information_impact}, ` +
      `recoverability ${factors.recoverability}, location ${factors.location}, stage ${factors.stage}, ` +
      `actor ${factors.actor}, ${plural(factors.sites, 'site')}`,
    ...grade.reasons,
  );
  return { title: 'Severity', lines };
}

function responseTimes(incident: Incident): ReportSection {
  const { metrics, deadline } = incident;
  const measured = (seconds: number | undefined): string =>
    seconds === undefined ? 'not yet' : duration(seconds);
  const lines = [
    `Time to detect: ${measured(metrics.time_to_detect)} (first event to first alert)`,
    `Time to report: ${measured(metrics.time_to_report)} (identification to report to the authority)`,
    `Time to contain: ${measured(metrics.time_to_contain)} (identification to contained)`,
  ];
  if (deadline.due !== undefined) lines.push(`Reporting deadline: ${utcMinute(deadline.due)}`);
  for (const escalation of deadline.escalations)
    lines.push(
      `Escalation (${escalation.kind}) sent ${utcMinute(escalation.at)} via ${escalation.channels.join(', ')}`,
    );
  return { title: 'Response times', lines };
}

function timeline(incident: Incident): ReportSection {
  return {
    title: 'Timeline',
    // The log is append-only, so its order is already the order things happened.
    lines: [`${plural(incident.timeline.length, 'entry', 'entries')} from the audit log.`],
    table: {
      columns: ['When (UTC)', 'Who', 'What', 'Detail'],
      rows: incident.timeline.map((entry) => [
        utcSecond(entry.at),
        entry.by,
        entry.kind,
        entry.text,
      ]),
    },
  };
}
