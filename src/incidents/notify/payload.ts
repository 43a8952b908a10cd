// The JSON webhook receivers get: one envelope for every kind of message, with the incident
// summarized the same way each time, so a receiver parses one shape. Fields are snake_case like
// the rest of Chancery's API, and absent values are null rather than missing, which keeps the
// shape fixed for receivers written in stricter languages.
import type { Incident, ResponseAction } from '../../core/index.ts';

export type PayloadType = 'incident.escalation' | 'incident.notification' | 'incident.action';

export interface PayloadIncident {
  id: string;
  title: string;
  status: Incident['status'];
  severity: number;
  severity_label: string;
  category: Incident['category'];
  sites: string[];
  hosts: string[];
  observables: { type: string; value: string }[];
  first_seen: string;
  last_seen: string;
  /** When the authority must be notified, or null below the reporting threshold. */
  deadline: string | null;
}

export interface WebhookPayload {
  type: PayloadType;
  /** When Chancery produced the message (ISO 8601). */
  sent_at: string;
  incident: PayloadIncident;
  /** A link to the incident in the console, or null when no console URL is configured. */
  link: string | null;
  escalation?: { kind: 'warning' | 'overdue'; due: string | null; reported_at: string | null };
  action?: { id: string; kind: ResponseAction['kind']; targets: string[]; requested_by: string };
}

export function payloadIncident(incident: Incident): PayloadIncident {
  return {
    id: incident.id,
    title: incident.title,
    status: incident.status,
    severity: incident.severity.level,
    severity_label: incident.severity.label,
    category: incident.category,
    sites: [...incident.sites],
    hosts: [...incident.hosts],
    observables: incident.observables.map(({ type, value }) => ({ type, value })),
    first_seen: incident.first_seen,
    last_seen: incident.last_seen,
    deadline: incident.deadline.due ?? null,
  };
}

/** The payload a response-action webhook receives: what to do, to what, for which incident. */
export function actionPayload(
  incident: Incident,
  action: ResponseAction,
  now: number,
  link: string | null = null,
): WebhookPayload {
  return {
    type: 'incident.action',
    sent_at: new Date(now).toISOString(),
    incident: payloadIncident(incident),
    link,
    action: {
      id: action.id,
      kind: action.kind,
      targets: [...action.targets],
      requested_by: action.requested_by,
    },
  };
}
