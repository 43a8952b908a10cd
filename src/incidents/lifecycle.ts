// The NIST SP 800-61 lifecycle and the audit log: every change to an incident is a timeline entry
// with who and when, appended, never edited.
import type {
  Incident,
  IncidentEvidence,
  IncidentStatus,
  IncidentTask,
  SeverityLevel,
} from '../core/index.ts';
import { INCIDENT_STATUSES } from '../core/index.ts';

export interface IncidentChanges {
  status?: IncidentStatus;
  assignee?: string;
  note?: string;
  /** A new task by title, or an existing one (by id) marked done or not. */
  task?: { title: string } | { id: string; done: boolean };
  evidence?: Omit<IncidentEvidence, 'at' | 'by'>;
  /** An analyst's severity, with the reason (kept in the timeline and on the severity). */
  override?: { level: SeverityLevel; reason: string };
  /** The authority has been notified. */
  reported?: boolean;
}

export function record(
  incident: Incident,
  by: string,
  at: string,
  kind: string,
  text: string,
): void {
  incident.timeline.push({ at, by, kind, text });
  incident.updated = at;
}

/** Applies everything but the override (grading owns that); returns what changed, as text. */
export function applyChanges(
  incident: Incident,
  changes: IncidentChanges,
  by: string,
  at: string,
): string[] {
  const done: string[] = [];
  if (changes.status !== undefined && changes.status !== incident.status) {
    if (!INCIDENT_STATUSES.includes(changes.status))
      throw new Error(`unknown status ${changes.status}`);
    record(incident, by, at, 'status', `${incident.status} → ${changes.status}`);
    incident.status = changes.status;
    done.push(`status ${changes.status}`);
  }
  if (changes.assignee !== undefined && changes.assignee !== incident.assignee) {
    record(incident, by, at, 'assignee', `assigned to ${changes.assignee}`);
    incident.assignee = changes.assignee;
    done.push(`assignee ${changes.assignee}`);
  }
  if (changes.note !== undefined && changes.note.trim() !== '') {
    incident.notes.push({ at, by, text: changes.note });
    record(incident, by, at, 'note', changes.note);
    done.push('note');
  }
  if (changes.task !== undefined) done.push(applyTask(incident, changes.task, by, at));
  if (changes.evidence !== undefined) {
    incident.evidence.push({ ...changes.evidence, at, by });
    record(incident, by, at, 'evidence', `${changes.evidence.kind} ${changes.evidence.value}`);
    done.push('evidence');
  }
  if (changes.reported === true && incident.deadline.reported_at === undefined) {
    incident.deadline.reported_at = at;
    record(incident, by, at, 'reported', 'reported to the authority');
    done.push('reported');
  }
  return done;
}

function applyTask(
  incident: Incident,
  task: NonNullable<IncidentChanges['task']>,
  by: string,
  at: string,
): string {
  if ('title' in task) {
    const created: IncidentTask = {
      id: `T${incident.tasks.length + 1}`,
      title: task.title,
      done: false,
    };
    incident.tasks.push(created);
    record(incident, by, at, 'task', `task ${created.id} added: ${task.title}`);
    return `task ${created.id}`;
  }
  const existing = incident.tasks.find((candidate) => candidate.id === task.id);
  if (existing === undefined) throw new Error(`no task ${task.id} on ${incident.id}`);
  existing.done = task.done;
  record(
    incident,
    by,
    at,
    'task',
    `task ${existing.id} ${task.done ? 'done' : 'reopened'}: ${existing.title}`,
  );
  return `task ${existing.id}`;
}

/** Seconds from identification (creation) to the first time the incident reached a status. */
export function secondsToStatus(incident: Incident, status: IncidentStatus): number | undefined {
  const entry = incident.timeline.find(
    (item) => item.kind === 'status' && item.text.endsWith(`→ ${status}`),
  );
  return entry === undefined
    ? undefined
    : (Date.parse(entry.at) - Date.parse(incident.created)) / 1000;
}
