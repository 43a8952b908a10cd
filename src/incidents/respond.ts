// What leaves the incident service: response actions (recorded, and sent to their webhook when
// one is configured) and deadline escalations, each with its outcome in the timeline.
import type { Incident, ResponseAction, ResponseActionKind } from '../core/index.ts';
import { record } from './lifecycle.ts';

/** Where escalations, notifications and response actions go (webhooks, mail). */
export interface IncidentNotifier {
  /** Escalation of a reporting deadline; returns the channels it reached. */
  escalate(incident: Incident, kind: 'warning' | 'overdue'): Promise<string[]>;
  /** A response action: calls its configured webhook, if any. */
  act(incident: Incident, action: ResponseAction): Promise<ResponseAction['result']>;
}

const SYSTEM = 'chancery';

/** Records the action on the incident, calls the notifier for it and records the result. */
export async function respond(
  incident: Incident,
  request: { kind: ResponseActionKind; targets: readonly string[]; by: string; at: string },
  notifier: IncidentNotifier | undefined,
): Promise<void> {
  const { kind, targets, by, at } = request;
  const action: ResponseAction = {
    id: `A${incident.actions.length + 1}`,
    kind,
    targets: [...targets],
    requested_at: at,
    requested_by: by,
  };
  record(incident, by, at, 'action', `${action.id} ${kind} ${targets.join(', ')}`);
  const result = (await notifier?.act(incident, action)) ?? { status: 'recorded' as const, at };
  action.result = result;
  incident.actions.push(action);
  const status = result.http_status === undefined ? '' : ` (HTTP ${result.http_status})`;
  const detail = result.detail === undefined ? '' : `: ${result.detail}`;
  record(
    incident,
    SYSTEM,
    result.at,
    'action-result',
    `${action.id} ${result.status}${status}${detail}`,
  );
}

/** Sends one escalation of the reporting deadline and records it with the channels reached. */
export async function escalate(
  incident: Incident,
  kind: 'warning' | 'overdue',
  notifier: IncidentNotifier | undefined,
  at: string,
): Promise<void> {
  const channels = (await notifier?.escalate(incident, kind)) ?? [];
  incident.deadline.escalations.push({ kind, at, channels });
  const what = kind === 'overdue' ? 'reporting deadline passed' : 'reporting deadline near';
  const reached = channels.length > 0 ? channels.join(', ') : 'no channel configured';
  record(
    incident,
    SYSTEM,
    at,
    'escalation',
    `${what} (${incident.deadline.due ?? ''}); notified: ${reached}`,
  );
}
