// The incident: what analysts act on. Alerts that share a host, a site or observables within a
// window are one incident; incidents at several sites that share observables are linked into a
// campaign incident. Each carries its severity on a 0–5 scale modelled on the CISA National
// Cyber Incident Scoring System, the factors and reasons that set it, its NIST SP 800-61
// lifecycle, the response taken, its reporting deadline, and an append-only timeline.
import type { ObservableType } from './alert.ts';

/** NIST SP 800-61 phases as states, in the order an incident normally moves through them. */
export const INCIDENT_STATUSES = [
  'new',
  'triage',
  'contained',
  'eradicated',
  'recovered',
  'closed',
] as const;

export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** 0 baseline, 1 low, 2 medium, 3 high, 4 severe, 5 emergency (NCISS). */
export type SeverityLevel = 0 | 1 | 2 | 3 | 4 | 5;

export const SEVERITY_LABELS = [
  'baseline',
  'low',
  'medium',
  'high',
  'severe',
  'emergency',
] as const;

export type SeverityLabel = (typeof SEVERITY_LABELS)[number];

/** What kind of incident it is, for reports (CISA attack vectors, in our words). */
export type IncidentCategory =
  | 'spam'
  | 'phishing'
  | 'targeted-mail'
  | 'malware'
  | 'command-and-control'
  | 'exfiltration'
  | 'closed-network-breach'
  | 'known-bad-indicator'
  | 'suspicious-activity';

/** The NCISS-style factors the grade is computed from; each names its value and why. */
export interface SeverityFactors {
  /** None, low, medium, high: how much the organization's work is hampered. */
  functional_impact: 'none' | 'low' | 'medium' | 'high';
  /** None, suspected, privacy, proprietary, classified: what information is at risk. */
  information_impact: 'none' | 'suspected' | 'privacy' | 'proprietary' | 'classified';
  /** Regular, supplemented, extended, not recoverable. */
  recoverability: 'regular' | 'supplemented' | 'extended' | 'not-recoverable';
  /** Where activity was observed: the closed (classified) network weighs most. */
  location: 'external' | 'open-lan' | 'several-sites' | 'closed-network';
  /** How far the attack got. */
  stage: 'delivery' | 'execution' | 'command-and-control' | 'exfiltration';
  /** Untargeted (commodity, bulk) or targeted (spear-phishing, purpose-made backdoor). */
  actor: 'untargeted' | 'targeted';
  /** Sites with activity. */
  sites: number;
}

export interface Severity {
  level: SeverityLevel;
  label: SeverityLabel;
  /** The weighted score (0..100) the level was read from. */
  score: number;
  factors: SeverityFactors;
  /** Sentences saying what set each factor and the level. */
  reasons: string[];
  /** Set when an analyst overrode the computed level; the computed one stays in `computed`. */
  override?: { level: SeverityLevel; reason: string; by: string; at: string };
  computed?: { level: SeverityLevel; score: number };
}

export interface IncidentObservable {
  type: ObservableType;
  value: string;
}

export interface IncidentTask {
  id: string;
  title: string;
  done: boolean;
  assignee?: string;
}

export interface IncidentNote {
  at: string;
  by: string;
  text: string;
}

export interface IncidentEvidence {
  at: string;
  by: string;
  kind: 'observable' | 'file' | 'event' | 'link';
  value: string;
  /** For files: SHA-256 of the content as given. */
  sha256?: string;
  description?: string;
}

export type ResponseActionKind =
  'isolate-host' | 'block-domain' | 'block-ip' | 'reset-credentials' | 'disinfect-and-verify';

export interface ResponseAction {
  id: string;
  kind: ResponseActionKind;
  /** Host, domain, IP or user names the action is for. */
  targets: string[];
  requested_at: string;
  requested_by: string;
  /** What the configured webhook answered, when one is configured for this kind. */
  result?: {
    status: 'done' | 'failed' | 'recorded';
    at: string;
    http_status?: number;
    detail?: string;
  };
}

export interface ReportingDeadline {
  /** When the authority must be notified, ISO 8601 (absent below the reporting threshold). */
  due?: string;
  /** When it was reported (an analyst says so, or a notification to the authority succeeded). */
  reported_at?: string;
  /** Escalations sent as the deadline neared or passed: `warning` and `overdue`, once each. */
  escalations: { kind: 'warning' | 'overdue'; at: string; channels: string[] }[];
}

/** Durations in seconds; absent until the moment they measure to has come. */
export interface IncidentMetrics {
  /** From the first event to the first alert (the earliest alert's `created`). */
  time_to_detect?: number;
  /** From identification (incident creation) to reporting to the authority. */
  time_to_report?: number;
  /** From identification to the status `contained`. */
  time_to_contain?: number;
}

/** One line of the audit log: who changed what, when. Never edited, only appended. */
export interface TimelineEntry {
  at: string;
  by: string;
  /** `created`, `alerts-added`, `status`, `severity`, `override`, `assignee`, `note`, `task`,
   * `evidence`, `action`, `action-result`, `linked`, `escalation`, `reported`, `notification`. */
  kind: string;
  text: string;
}

export interface Incident {
  /** `INC-` and 12 hex digits, stable for the incident's first alert. */
  id: string;
  title: string;
  status: IncidentStatus;
  severity: Severity;
  category: IncidentCategory;
  /** Site ids, sorted. */
  sites: string[];
  /** Host names and internal IP addresses, sorted. */
  hosts: string[];
  observables: IncidentObservable[];
  alert_ids: string[];
  /** Set on member incidents: the campaign incident they belong to. */
  campaign_id?: string;
  /** Set on a campaign incident: its member incidents. */
  members?: string[];
  /** Event time of the earliest and latest alert. */
  first_seen: string;
  last_seen: string;
  /** When Chancery identified it (wall clock). */
  created: string;
  updated: string;
  assignee?: string;
  tasks: IncidentTask[];
  notes: IncidentNote[];
  evidence: IncidentEvidence[];
  actions: ResponseAction[];
  deadline: ReportingDeadline;
  metrics: IncidentMetrics;
  timeline: TimelineEntry[];
}
