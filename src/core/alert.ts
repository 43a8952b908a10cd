// The common alert: what every detector (Sigma, mail, network analytics, indicators) emits and
// what incidents are built from. One shape for all, so correlation never branches on the detector.
import type { EcsEvent } from './event.ts';

/** Sigma's levels, least severe first: the order is what `level >= high` filters compare. */
export const ALERT_LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;

export type AlertLevel = (typeof ALERT_LEVELS)[number];

export const DETECTORS = ['sigma', 'mail', 'network', 'intel'] as const;

export type Detector = (typeof DETECTORS)[number];

/** 0 (informational) to 4 (critical), so stores can index and compare levels as numbers. */
export function alertLevelRank(level: AlertLevel): number {
  return ALERT_LEVELS.indexOf(level);
}

export type ObservableType =
  | 'ip'
  | 'domain'
  | 'url'
  | 'md5'
  | 'sha1'
  | 'sha256'
  | 'email'
  | 'file'
  | 'host'
  | 'user'
  | 'process';

/** Something an analyst can pivot on or block: an address, a name, a hash. */
export interface Observable {
  type: ObservableType;
  value: string;
  /** How it figured in the alert, e.g. `source`, `destination`, `sender`, `attachment`. */
  role?: string;
}

/** A field that made the rule match, and its value in the event. */
export interface MatchedField {
  field: string;
  value: string;
}

export interface AlertRule {
  id: string;
  name: string;
  /** Shown with every alert: the Detection Rule License requires crediting Sigma rule authors. */
  author?: string;
  description?: string;
  references?: string[];
  /** Where the rule came from (file path, feed name). */
  source?: string;
}

export interface Alert {
  /** Stable id: the same detection of the same events always gets the same id. */
  id: string;
  detector: Detector;
  rule: AlertRule;
  level: AlertLevel;
  /** ATT&CK and other tags as the rule gives them, e.g. `attack.t1059.001`. */
  tags: string[];
  /** Time of the first (earliest) matching event. */
  '@timestamp': string;
  /** Time of the last matching event folded into this alert. */
  last_seen: string;
  /** Matching events folded into this alert (identical matches within the aggregation window). */
  count: number;
  site?: { id: string; name?: string };
  host?: string;
  /**
   * Ids of the matching events in the order they were folded in; only the first 20 (the
   * aggregator's default bound) when more were: `count` counts them all.
   */
  event_ids: string[];
  /** The first matching event, whole. */
  event?: EcsEvent;
  matched: MatchedField[];
  observables: Observable[];
  /** True when found by searching stored history (a hunt), not as telemetry arrived. */
  retrospective: boolean;
  /** When Chancery raised it (wall clock). */
  created: string;
  /** Detector-specific explanation: score components, reasons, correlation group. */
  details?: Record<string, unknown>;
}
