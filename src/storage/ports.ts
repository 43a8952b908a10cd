// Storage ports: what the rest of Chancery may ask of storage. Adapters (embedded SQLite today;
// PostgreSQL and ClickHouse later) implement these and must pass the contract suites in
// storage/contracts/. Callers never see SQL or an adapter type.
import type {
  Alert,
  AlertLevel,
  Detector,
  EcsEvent,
  Incident,
  IncidentCategory,
  IncidentStatus,
  Indicator,
  IndicatorType,
  Site,
  ValueKind,
} from '../core/index.ts';
import type { MailVerdict } from '../detect/mail/analysis.ts';
import type { ContactHistory } from '../detect/mail/sender/first-contact.ts';
import type { Verdict } from '../detect/mail/verdict/grade.ts';
import type { ScoredPair } from '../detect/network/scored-pair.ts';

export interface AppendResult {
  /** Events stored for the first time. */
  inserted: number;
  /** Events whose id was already stored (re-ingested input). */
  duplicates: number;
}

/** `field=value`, `field!=value`; `*` in a value matches any run of characters. */
export interface FieldFilter {
  field: string;
  op: '=' | '!=';
  value: string;
}

export interface EventQuery {
  site?: string;
  /**
   * The event's own host: its host.name, else its internal address (the source's unless the source
   * is on the internet). To find traffic with any address use a `source.ip` / `destination.ip` filter.
   */
  host?: string;
  /** Inclusive lower bound, epoch ms. */
  since?: number;
  /** Exclusive upper bound, epoch ms. */
  until?: number;
  where?: readonly FieldFilter[];
  limit: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
  /** Newest first (default) or oldest first. */
  order?: 'desc' | 'asc';
}

export interface EventPage {
  events: EcsEvent[];
  /** Present when more events match: pass it back as `cursor`. */
  nextCursor?: string;
}

export interface DatasetCount {
  dataset: string;
  count: number;
}

export interface EventStore {
  /** Store events atomically: when the promise resolves, the batch survives a crash. */
  append(events: readonly EcsEvent[]): Promise<AppendResult>;
  query(query: EventQuery): Promise<EventPage>;
  get(id: string): Promise<EcsEvent | undefined>;
  countByDataset(): Promise<DatasetCount[]>;
}

/** A record that could not be ingested, kept so nothing is silently lost (the dead-letter store). */
export interface Reject {
  /** File path, `stdin`, `http:<token name>`, `syslog-udp:<peer>`, ... */
  source: string;
  /** 1-based line (or message) number in the source; 0 for a whole-file problem. */
  line: number;
  reason: string;
  /** The raw text, cut to the configured limit. */
  raw: string;
  /** Size of the raw record before cutting. */
  rawBytes: number;
  format?: string;
  receivedAt: string;
}

export interface StoredReject extends Reject {
  id: number;
}

export interface RejectQuery {
  source?: string;
  limit: number;
  cursor?: string;
}

export interface RejectStore {
  /** Returns how many were new (the same source, line and raw text is kept once). */
  add(rejects: readonly Reject[]): Promise<number>;
  list(query: RejectQuery): Promise<{ rejects: StoredReject[]; nextCursor?: string }>;
  count(): Promise<number>;
}

export interface SiteStore {
  /** Replace the whole registry (an import is the registry's new truth). */
  replaceAll(sites: readonly Site[]): Promise<void>;
  list(): Promise<Site[]>;
}

export interface AlertFilter {
  /** Inclusive lower bound on the alert's `@timestamp` (its first event), epoch ms. */
  since?: number;
  /** Exclusive upper bound on `@timestamp`, epoch ms. */
  until?: number;
  /** Minimum level: `high` returns high and critical alerts. */
  level?: AlertLevel;
  detector?: Detector;
  ruleId?: string;
  site?: string;
  host?: string;
  retrospective?: boolean;
}

export interface AlertQuery extends AlertFilter {
  limit: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
  /** Newest first (default) or oldest first, by `@timestamp`. */
  order?: 'desc' | 'asc';
}

export interface AlertPage {
  alerts: Alert[];
  /** Present when more alerts match: pass it back as `cursor`. */
  nextCursor?: string;
}

export interface UpsertResult {
  /** Alerts stored for the first time. */
  inserted: number;
  /** Stored alerts that changed (folded matches, refreshed rule metadata). */
  updated: number;
  /** Alerts already stored as given, or older snapshots of what is stored (a re-run). */
  unchanged: number;
}

/** Alerts per rule: what fires, how often, how badly. */
export interface RuleAlertCount {
  detector: Detector;
  ruleId: string;
  ruleName: string;
  /** The highest level among the rule's alerts. */
  level: AlertLevel;
  alerts: number;
  /** Matching events, folded ones included (the sum of the alerts' counts). */
  events: number;
  lastSeen: string;
}

export interface AlertStore {
  /**
   * Inserts new alerts and updates stored ones by id (count, last_seen, event_ids and the rest of
   * the alert; `created` stays that of the first write). An alert's state only moves forward: one
   * with a lower count than the stored alert is an older snapshot and changes nothing, so
   * re-running a detection never shrinks or duplicates an alert. Atomic per call.
   */
  upsert(alerts: readonly Alert[]): Promise<UpsertResult>;
  query(query: AlertQuery): Promise<AlertPage>;
  get(id: string): Promise<Alert | undefined>;
  /** Most alerts first. */
  countByRule(filter?: AlertFilter): Promise<RuleAlertCount[]>;
}

export interface MailVerdictQuery {
  /** Inclusive lower bound on the message date, epoch ms. */
  since?: number;
  /** Exclusive upper bound on the message date, epoch ms. */
  until?: number;
  /** Only these verdicts. */
  verdicts?: readonly Verdict[];
  site?: string;
  limit: number;
  cursor?: string;
}

export interface MailVerdictPage {
  verdicts: MailVerdict[];
  nextCursor?: string;
}

/** Mail verdicts by stored email event, and the organization's history of who wrote to whom. */
export interface MailStore {
  /** Inserts or replaces verdicts by event id (a re-analysis replaces the earlier verdict). */
  putVerdicts(verdicts: readonly MailVerdict[]): Promise<number>;
  /** Newest message first. */
  verdicts(query: MailVerdictQuery): Promise<MailVerdictPage>;
  getVerdict(eventId: string): Promise<MailVerdict | undefined>;
  /** Sets or clears the campaign of each listed event. */
  setCampaigns(assignments: ReadonlyMap<string, string | undefined>): Promise<void>;
  /** Synchronous on purpose: the analyzer asks it once per message while grading. */
  contacts: ContactHistory;
}

export interface ScoredPairQuery {
  /** Only pairs scoring at least this (0..1). */
  minScore?: number;
  site?: string;
  /** Only pairs that are alerts. */
  alerts?: boolean;
  limit: number;
  cursor?: string;
}

export interface ScoredPairPage {
  pairs: ScoredPair[];
  nextCursor?: string;
}

/** The latest score of each (source, destination) pair, and when destinations were first seen. */
export interface NetworkStore {
  /** Inserts or replaces pairs by (src, kind, dst). */
  putPairs(pairs: readonly ScoredPair[]): Promise<number>;
  /** Highest score first. */
  pairs(query: ScoredPairQuery): Promise<ScoredPairPage>;
  /** Destination → epoch seconds of its first sighting. */
  firstSeen(): Promise<Map<string, number>>;
  /** Keeps the earlier of the stored and the given first sighting of each destination. */
  recordFirstSeen(firstSeen: ReadonlyMap<string, number>): Promise<void>;
}

export type Role = 'admin' | 'analyst' | 'viewer' | 'ingest';

export interface Token {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  revokedAt?: string;
  lastUsedAt?: string;
}

export interface TokenStore {
  /** Creates a token and returns its secret: the only time the secret exists outside the caller. */
  create(name: string, role: Role): Promise<{ token: Token; secret: string }>;
  /** The live token a secret belongs to, or undefined (unknown, malformed or revoked). */
  verify(secret: string): Promise<Token | undefined>;
  revoke(id: string): Promise<boolean>;
  list(): Promise<Token[]>;
}

/** Everything storage provides, opened together by the composition root. */
/** An indicator as stored: the indicator and the bookkeeping around it. */
export interface StoredIndicator {
  id: number;
  indicator: Indicator;
  /** Warninglists that name it: it is held back from alerting unless `forced`. */
  warninglists: string[];
  /** Alert on it even though a warninglist names it (an analyst's decision). */
  forced: boolean;
  /** First stored and last changed, ISO 8601. */
  added: string;
  updated: string;
}

export type IndicatorRecord = Omit<StoredIndicator, 'id'>;

export interface IndicatorQuery {
  type?: IndicatorType;
  /** Part of the value, case-insensitive. */
  search?: string;
  /** A source name, exactly. */
  source?: string;
  limit: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
}

export interface IndicatorCount {
  type: IndicatorType;
  count: number;
}

export interface IntelStore {
  /** The stored indicators among these keys (`indicatorKey`: type NUL value). */
  getMany(keys: readonly string[]): Promise<Map<string, StoredIndicator>>;
  /** Inserts new and replaces changed indicators (by type and value), atomically. */
  put(records: readonly IndicatorRecord[]): Promise<{ inserted: number; updated: number }>;
  get(id: number): Promise<StoredIndicator | undefined>;
  /** Newest change first. */
  query(query: IndicatorQuery): Promise<{ indicators: StoredIndicator[]; nextCursor?: string }>;
  /** Every stored indicator in id order, for building the matcher; returns how many. */
  forEach(visit: (record: StoredIndicator) => void): Promise<number>;
  countByType(): Promise<IndicatorCount[]>;
  /** Changes whenever the stored set does (another process imported): cheap to ask per batch. */
  version(): Promise<string>;
}

/** A distinct value stored events carried, as they carried it. */
export interface ObservedValue {
  id: number;
  kind: ValueKind;
  value: string;
}

/** The index of the values stored events carry, and the minutes they were seen in, which
 * retro-hunts search instead of every event. */
export interface ValueIndex {
  /** Indexes events stored before the index existed; returns how many it read. */
  catchUp(): Promise<number>;
  /** Calls `visit` for every distinct value ever stored; returns how many. */
  forEachValue(visit: (value: ObservedValue) => void): Promise<number>;
  /**
   * The minutes (epoch ms of their start) within [since, until) in which any of the values was
   * seen, ascending, each with the ids of those values seen in it.
   */
  minutesOf(ids: readonly number[], since: number, until: number): Promise<Map<number, number[]>>;
  /**
   * Stored events in [since, until) whose document holds any of the raw values: a coarse filter
   * (a value may occur in an unrelated field), so the caller confirms each event.
   */
  eventsContaining(raws: readonly string[], since: number, until: number): Promise<EcsEvent[]>;
}

export interface IncidentQuery {
  /** A status, or `open` for every status but closed. */
  status?: IncidentStatus | 'open';
  /** Minimum severity level (0..5). */
  severity?: number;
  category?: IncidentCategory;
  site?: string;
  /** Members of this campaign incident. */
  campaign?: string;
  /** Only campaign incidents (true) or only the others (false). */
  campaigns?: boolean;
  /** On last activity (`last_seen`), epoch ms: inclusive lower, exclusive upper bound. */
  since?: number;
  until?: number;
  limit: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
}

export interface IncidentWrite {
  incident: Incident;
  /** Link keys to index the incident under (added to those it has). */
  keys?: readonly string[];
  /** Alerts it now holds. */
  alertIds?: readonly string[];
}

export interface IncidentStore {
  get(id: string): Promise<Incident | undefined>;
  /** Writes incidents whole (insert or replace), with their keys and alerts, atomically. */
  put(writes: readonly IncidentWrite[]): Promise<void>;
  /** Incidents not closed, active at or after `since` (epoch ms), indexed under any of the keys. */
  findByKeys(keys: readonly string[], since: number): Promise<Incident[]>;
  /** The incident holding each of these alerts, for those one holds. */
  incidentsOfAlerts(alertIds: readonly string[]): Promise<Map<string, string>>;
  /** Most severe first, then the latest activity. */
  query(query: IncidentQuery): Promise<{ incidents: Incident[]; nextCursor?: string }>;
  /** Incidents with a reporting deadline not yet met by a report, soonest first. */
  awaitingReport(): Promise<Incident[]>;
}

export interface Stores {
  events: EventStore;
  incidents: IncidentStore;
  intel: IntelStore;
  values: ValueIndex;
  rejects: RejectStore;
  sites: SiteStore;
  tokens: TokenStore;
  alerts: AlertStore;
  mail: MailStore;
  network: NetworkStore;
  close(): Promise<void>;
}
