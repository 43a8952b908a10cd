// Reporting deadlines: per severity level, the time from identification within which the
// authority must be notified (CISA's federal guideline: one hour for level 3 and above), and the
// escalations sent as it nears and passes.
import type { Incident } from '../core/index.ts';
import { record } from './lifecycle.ts';

export interface DeadlinePolicy {
  /** Minutes from identification, by severity level ('0'..'5'); levels absent have no deadline. */
  minutes: Readonly<Record<string, number>>;
  /** Escalate this many minutes before the deadline. */
  warningMinutes: number;
}

export const DEFAULT_DEADLINES: DeadlinePolicy = {
  minutes: { '3': 60, '4': 60, '5': 60 },
  warningMinutes: 15,
};

/** Sets (or brings forward, when the level rose) the deadline; true when it changed. */
export function setDeadline(incident: Incident, policy: DeadlinePolicy, at: string): boolean {
  const minutes = policy.minutes[String(incident.severity.level)];
  if (minutes === undefined || incident.deadline.reported_at !== undefined) return false;
  const due = new Date(Date.parse(incident.created) + minutes * 60_000).toISOString();
  if (incident.deadline.due !== undefined && Date.parse(incident.deadline.due) <= Date.parse(due))
    return false;
  incident.deadline.due = due;
  record(
    incident,
    'chancery',
    at,
    'deadline',
    `report to the authority due ${due} (level ${incident.severity.level}: ${minutes} min from identification)`,
  );
  return true;
}

/** The escalation due now, if any: `overdue` once past the deadline, `warning` once within it. */
export function escalationDue(
  incident: Incident,
  policy: DeadlinePolicy,
  now: number,
): 'warning' | 'overdue' | undefined {
  const { due, reported_at: reported, escalations } = incident.deadline;
  if (due === undefined || reported !== undefined || incident.status === 'closed') return undefined;
  const sent = new Set(escalations.map((escalation) => escalation.kind));
  const dueMs = Date.parse(due);
  if (now >= dueMs) return sent.has('overdue') ? undefined : 'overdue';
  if (now >= dueMs - policy.warningMinutes * 60_000)
    return sent.has('warning') ? undefined : 'warning';
  return undefined;
}
