// The summary shape of an incident that `chancery incidents list --json` prints and the API
// serves: what a dashboard row or another tool needs, without the timeline.
import type { Incident, IncidentObservable } from '../core/index.ts';

export interface IncidentSummary {
  id: string;
  title: string;
  status: string;
  severity: number;
  severity_label: string;
  category: string;
  sites: string[];
  hosts: string[];
  observables: IncidentObservable[];
  alert_ids: string[];
  /** The campaign incident it belongs to; a campaign incident names itself. */
  campaign_id: string | null;
  first_seen: string;
  last_seen: string;
  reasons: string[];
  members?: string[];
  report_due?: string;
  reported_at?: string;
}

export function incidentSummary(incident: Incident): IncidentSummary {
  return {
    id: incident.id,
    title: incident.title,
    status: incident.status,
    severity: incident.severity.level,
    severity_label: incident.severity.label,
    category: incident.category,
    sites: incident.sites,
    hosts: incident.hosts,
    observables: incident.observables,
    alert_ids: incident.alert_ids,
    campaign_id: incident.campaign_id ?? (incident.members === undefined ? null : incident.id),
    first_seen: incident.first_seen,
    last_seen: incident.last_seen,
    reasons: incident.severity.reasons,
    ...(incident.members === undefined ? {} : { members: incident.members }),
    ...(incident.deadline.due === undefined ? {} : { report_due: incident.deadline.due }),
    ...(incident.deadline.reported_at === undefined
      ? {}
      : { reported_at: incident.deadline.reported_at }),
  };
}
