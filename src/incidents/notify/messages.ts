// What escalations and notifications say: a subject that tells the reader what to do and by when,
// a plain-text body with the essentials, and the same message as a webhook payload. Incident
// titles and names come from attacker-controlled mail and traffic, so every value is put on one
// line (no header or line injection) and long lists are cut for the mail; the report has them all.
import type { Incident } from '../../core/index.ts';
import { duration, minutesUntil, utcClock, utcMinute } from '../report/format.ts';
import { payloadIncident, type WebhookPayload } from './payload.ts';

export interface MessageOptions {
  /** Base URL of the console; without it the body carries a placeholder and the payload null. */
  consoleUrl?: string;
}

export interface NotifyMessage {
  subject: string;
  text: string;
  payload: WebhookPayload;
}

const MAX_LISTED = 20;
const MAX_TITLE = 120;

/** The deadline is near (`warning`) or has passed (`overdue`) and no report has been made. */
export function escalationMessage(
  incident: Incident,
  kind: 'warning' | 'overdue',
  now: number,
  options: MessageOptions = {},
): NotifyMessage {
  const { due, reported_at: reported } = incident.deadline;
  const when = dueText(due, kind, now);
  const ask =
    kind === 'overdue'
      ? 'The report to the authority is overdue. Report now and record it in Chancery.'
      : 'The report to the authority is due soon and has not been made.';
  return {
    subject: `${prefix(incident)}: report to the authority ${when}`,
    text: [ask, '', ...essentials(incident), '', `Open: ${link(incident, options)}`, ''].join('\n'),
    payload: {
      type: 'incident.escalation',
      sent_at: new Date(now).toISOString(),
      incident: payloadIncident(incident),
      link: consoleLink(incident, options),
      escalation: { kind, due: due ?? null, reported_at: reported ?? null },
    },
  };
}

/** A new or regraded incident, for the people and systems that follow incidents. */
export function notificationMessage(
  incident: Incident,
  options: MessageOptions & { now?: number } = {},
): NotifyMessage {
  const now = options.now ?? Date.now();
  const sites = incident.sites.length === 1 ? '1 site' : `${String(incident.sites.length)} sites`;
  return {
    subject: `${prefix(incident)} ${incident.category} at ${sites}: ${title(incident)}`,
    text: [...essentials(incident), '', `Open: ${link(incident, options)}`, ''].join('\n'),
    payload: {
      type: 'incident.notification',
      sent_at: new Date(now).toISOString(),
      incident: payloadIncident(incident),
      link: consoleLink(incident, options),
    },
  };
}

function prefix(incident: Incident): string {
  const { level, label } = incident.severity;
  return `[Chancery] ${incident.id} level ${String(level)} (${label})`;
}

function dueText(due: string | undefined, kind: 'warning' | 'overdue', now: number): string {
  if (due === undefined) return '(no deadline set)';
  const minutes = minutesUntil(due, now);
  return kind === 'overdue' || minutes <= 0
    ? `overdue since ${utcClock(due, now)} (${duration(-minutes * 60)} ago)`
    : `due ${utcClock(due, now)} (in ${duration(minutes * 60)})`;
}

function essentials(incident: Incident): string[] {
  const { severity, deadline } = incident;
  const lines = [
    `${incident.id}: ${title(incident)}`,
    `Level ${String(severity.level)} (${severity.label}), category ${incident.category}, status ${incident.status}`,
  ];
  if (deadline.reported_at !== undefined)
    lines.push(`Reported to the authority: ${utcMinute(deadline.reported_at)}`);
  else if (deadline.due !== undefined)
    lines.push(`Report to the authority due: ${utcMinute(deadline.due)}`);
  lines.push(
    '',
    list('Sites', incident.sites),
    list('Hosts', incident.hosts),
    `First seen: ${utcMinute(incident.first_seen)}, last seen: ${utcMinute(incident.last_seen)}`,
  );
  if (severity.reasons.length > 0)
    lines.push('', 'Why this level:', ...severity.reasons.map((reason) => `- ${oneLine(reason)}`));
  return lines;
}

function list(label: string, values: readonly string[]): string {
  if (values.length === 0) return `${label}: none`;
  const shown = values.slice(0, MAX_LISTED).map(oneLine).join(', ');
  const more = values.length > MAX_LISTED ? ` and ${String(values.length - MAX_LISTED)} more` : '';
  return `${label} (${String(values.length)}): ${shown}${more}`;
}

function title(incident: Incident): string {
  const text = oneLine(incident.title);
  return text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1)}…` : text;
}

/** Control characters and line breaks become spaces, so a value cannot add lines or headers. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}

function consoleLink(incident: Incident, { consoleUrl }: MessageOptions): string | null {
  if (consoleUrl === undefined || consoleUrl === '') return null;
  return `${consoleUrl.replace(/\/+$/, '')}/incidents/${encodeURIComponent(incident.id)}`;
}

function link(incident: Incident, options: MessageOptions): string {
  return consoleLink(incident, options) ?? `<console URL>/incidents/${incident.id}`;
}
