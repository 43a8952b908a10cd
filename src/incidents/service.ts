// Incidents as the application runs them: every published alert is folded into the incident of
// its host or of the observables it shares at its site (opening one if none is active within the
// window), incidents at several sites that share observables are linked into a campaign, each is
// graded with its reasons, its reporting deadline set, and its lifecycle, response actions and
// escalations recorded in an append-only timeline.
import {
  SEVERITY_LABELS,
  alertLevelRank,
  type Alert,
  type AlertLevel,
  type Incident,
  type ResponseActionKind,
} from '../core/index.ts';
import type { AlertStore, IncidentStore, IncidentWrite } from '../storage/ports.ts';
import { linkCampaigns, type CampaignContext } from './correlate/campaigns.ts';
import { linkKeys, type LinkKeys } from './correlate/link-keys.ts';
import { DEFAULT_DEADLINES, escalationDue, setDeadline, type DeadlinePolicy } from './deadlines.ts';
import { applyOverride, gradeIncident } from './grade/grade.ts';
import { DEFAULT_GRADE_CONFIG, type GradeConfig } from './grade/score.ts';
import { blankIncident, foldAlerts, incidentId, titleOf } from './incident-builder.ts';
import { applyChanges, record, secondsToStatus, type IncidentChanges } from './lifecycle.ts';
import { escalate, respond, type IncidentNotifier } from './respond.ts';

export interface IncidentSettings {
  enabled: boolean;
  /** Alerts join an incident active (last alert) within this many hours. */
  windowHours: number;
  /** Incidents at different sites sharing observables within this many days form a campaign. */
  campaignDays: number;
  /** Alerts below this level are kept but open no incident. */
  minLevel: AlertLevel;
  ownDomains: readonly string[];
  watchCountries: readonly string[];
  deadlines: DeadlinePolicy;
  grade: GradeConfig;
}

export const DEFAULT_INCIDENT_SETTINGS: IncidentSettings = {
  enabled: true,
  windowHours: 72,
  campaignDays: 30,
  minLevel: 'low',
  ownDomains: [],
  watchCountries: [],
  deadlines: DEFAULT_DEADLINES,
  grade: DEFAULT_GRADE_CONFIG,
};

export type { IncidentNotifier } from './respond.ts';

export interface IncidentDependencies {
  store: IncidentStore;
  alerts: AlertStore;
  notifier?: IncidentNotifier;
  now?: () => number;
}

export interface CorrelationReport {
  alerts: number;
  /** Alerts below the minimum level, left out. */
  skipped: number;
  created: number;
  updated: number;
  campaigns: number;
}

const HOUR_MS = 3_600_000;
const SYSTEM = 'chancery';

export class IncidentService {
  private readonly now: () => number;
  /** One correlation at a time: concurrent batches would open the same incident twice. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly settings: IncidentSettings,
    private readonly deps: IncidentDependencies,
  ) {
    this.now = deps.now ?? Date.now;
  }

  /** Folds published alerts into incidents (the alert stream's listener). */
  correlate(alerts: readonly Alert[]): Promise<CorrelationReport> {
    const run = this.queue.then(() => this.correlateNow(alerts));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Correlates stored alerts (`chancery analyze`), oldest first, in pages. */
  async analyze(options: { since?: number; until?: number }): Promise<CorrelationReport> {
    const total: CorrelationReport = {
      alerts: 0,
      skipped: 0,
      created: 0,
      updated: 0,
      campaigns: 0,
    };
    let cursor: string | undefined;
    do {
      const page = await this.deps.alerts.query({
        limit: 1000,
        order: 'asc',
        ...(options.since === undefined ? {} : { since: options.since }),
        ...(options.until === undefined ? {} : { until: options.until }),
        ...(cursor === undefined ? {} : { cursor }),
      });
      const report = await this.correlate(page.alerts);
      for (const key of Object.keys(total) as (keyof CorrelationReport)[])
        total[key] += report[key];
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return total;
  }

  private async correlateNow(alerts: readonly Alert[]): Promise<CorrelationReport> {
    const report: CorrelationReport = {
      alerts: alerts.length,
      skipped: 0,
      created: 0,
      updated: 0,
      campaigns: 0,
    };
    const minRank = alertLevelRank(this.settings.minLevel);
    const relevant = [...alerts]
      .filter((alert) => alertLevelRank(alert.level) >= minRank)
      .sort((a, b) => Date.parse(a['@timestamp']) - Date.parse(b['@timestamp']));
    report.skipped = alerts.length - relevant.length;
    if (relevant.length === 0) return report;
    const at = new Date(this.now()).toISOString();
    const holders = await this.deps.store.incidentsOfAlerts(relevant.map((alert) => alert.id));
    const touched = new Map<
      string,
      { incident: Incident; keys: Set<string>; alerts: Set<string> }
    >();
    for (const alert of relevant) {
      const keys = linkKeys(alert, { ownDomains: this.settings.ownDomains });
      const scoped = scopedKeys(keys);
      const holder = holders.get(alert.id);
      let incident =
        holder === undefined
          ? undefined
          : (touched.get(holder)?.incident ?? (await this.deps.store.get(holder)));
      if (incident === undefined) {
        const since = Date.parse(alert['@timestamp']) - this.settings.windowHours * HOUR_MS;
        const candidates = [
          ...(await this.deps.store.findByKeys(scoped, since)).map(
            (found) => touched.get(found.id)?.incident ?? found,
          ),
          ...[...touched.values()]
            .filter(
              (entry) =>
                scoped.some((key) => entry.keys.has(key)) && entry.incident.members === undefined,
            )
            .map((entry) => entry.incident),
        ].filter((candidate) => candidate.status !== 'closed' && candidate.members === undefined);
        incident = await this.joinOrOpen(alert, unique(candidates), at, touched, report);
      }
      const entry = touched.get(incident.id) ?? {
        incident,
        keys: new Set<string>(),
        alerts: new Set<string>(),
      };
      touched.set(incident.id, entry);
      for (const key of [...scoped, ...keys.observables.map((key) => `obs|${key}`)])
        entry.keys.add(key);
      entry.alerts.add(alert.id);
      const before = incident.alert_ids.length;
      if (foldAlerts(incident, [alert]) && incident.alert_ids.length > before)
        record(
          incident,
          SYSTEM,
          at,
          'alerts-added',
          `alert ${alert.id}: ${alert.rule.name}${alert.host === undefined ? '' : ` on ${alert.host}`}`,
        );
    }
    for (const entry of touched.values()) await this.regrade(entry.incident, at);
    const writes: IncidentWrite[] = [...touched.values()].map((entry) => ({
      incident: entry.incident,
      keys: [...entry.keys],
      alertIds: [...entry.alerts],
    }));
    await this.deps.store.put(writes);
    report.updated = touched.size - report.created;
    report.campaigns = await linkCampaigns(
      [...touched.values()].map((entry) => entry.incident),
      this.campaignContext(),
      at,
    );
    return report;
  }

  /** The one active incident the alert's keys point to; several are merged into the oldest. */
  private async joinOrOpen(
    alert: Alert,
    candidates: Incident[],
    at: string,
    touched: Map<string, { incident: Incident; keys: Set<string>; alerts: Set<string> }>,
    report: CorrelationReport,
  ): Promise<Incident> {
    if (candidates.length === 0) {
      report.created++;
      return this.open(alert, at);
    }
    candidates.sort(
      (a, b) => Date.parse(a.created) - Date.parse(b.created) || (a.id < b.id ? -1 : 1),
    );
    const [survivor, ...others] = candidates as [Incident, ...Incident[]];
    for (const other of others) {
      const alerts = await this.alertsOf(other);
      foldAlerts(survivor, alerts);
      record(
        survivor,
        SYSTEM,
        at,
        'linked',
        `merged ${other.id} (${other.title}): alert ${alert.id} links them`,
      );
      record(other, SYSTEM, at, 'linked', `merged into ${survivor.id}`);
      other.status = 'closed';
      record(other, SYSTEM, at, 'status', `→ closed (merged into ${survivor.id})`);
      const entry = touched.get(other.id) ?? {
        incident: other,
        keys: new Set<string>(),
        alerts: new Set<string>(),
      };
      touched.set(other.id, entry);
      const survivorEntry = touched.get(survivor.id) ?? {
        incident: survivor,
        keys: new Set<string>(),
        alerts: new Set<string>(),
      };
      touched.set(survivor.id, survivorEntry);
      for (const moved of alerts) {
        survivorEntry.alerts.add(moved.id);
        const keys = linkKeys(moved, { ownDomains: this.settings.ownDomains });
        for (const key of [...scopedKeys(keys), ...keys.observables.map((k) => `obs|${k}`)])
          survivorEntry.keys.add(key);
      }
    }
    return survivor;
  }

  private open(alert: Alert, at: string): Incident {
    const incident = blankIncident(
      incidentId(alert.id),
      alert.rule.name,
      { first_seen: alert['@timestamp'], last_seen: alert.last_seen },
      at,
    );
    record(incident, SYSTEM, at, 'created', `opened by alert ${alert.id}: ${alert.rule.name}`);
    return incident;
  }

  /** Grades the incident over all its alerts, sets its title, deadline and metrics. */
  private async regrade(incident: Incident, at: string): Promise<void> {
    const alerts = await this.alertsOf(incident);
    if (alerts.length === 0) return;
    const { severity, category } = gradeIncident(
      alerts,
      {
        watchCountries: this.settings.watchCountries,
        status: incident.status,
      },
      this.settings.grade,
    );
    const override = incident.severity.override;
    const graded = override === undefined ? severity : applyOverride(severity, override);
    if (graded.level !== incident.severity.level || category !== incident.category)
      record(
        incident,
        SYSTEM,
        at,
        'severity',
        `level ${graded.level} (${graded.label}), ${category}: ${graded.reasons.at(-1) ?? ''}`,
      );
    incident.severity = graded;
    incident.category = category;
    incident.title = titleOf(incident, alerts);
    setDeadline(incident, this.settings.deadlines, at);
    const firstCreated = Math.min(...alerts.map((alert) => Date.parse(alert.created)));
    incident.metrics = {
      time_to_detect: Math.max(0, (firstCreated - Date.parse(incident.first_seen)) / 1000),
      ...(incident.deadline.reported_at === undefined
        ? {}
        : {
            time_to_report:
              (Date.parse(incident.deadline.reported_at) - Date.parse(incident.created)) / 1000,
          }),
      ...optionalNumber('time_to_contain', secondsToStatus(incident, 'contained')),
    };
  }

  /** Changes by an analyst: status, assignee, notes, tasks, evidence, override, reported. */
  async update(id: string, changes: IncidentChanges, by: string): Promise<Incident | undefined> {
    const incident = await this.deps.store.get(id);
    if (incident === undefined) return undefined;
    const at = new Date(this.now()).toISOString();
    applyChanges(incident, changes, by, at);
    if (changes.override !== undefined) {
      const { level, reason } = changes.override;
      incident.severity = applyOverride(incident.severity, { level, reason, by, at });
      record(
        incident,
        by,
        at,
        'override',
        `severity set to ${level} (${SEVERITY_LABELS[level]}): ${reason}`,
      );
    }
    await this.regrade(incident, at);
    await this.deps.store.put([{ incident }]);
    return incident;
  }

  /** Records a response action and calls its webhook, if configured; the result is recorded. */
  async act(
    id: string,
    kind: ResponseActionKind,
    targets: readonly string[],
    by: string,
  ): Promise<Incident | undefined> {
    const incident = await this.deps.store.get(id);
    if (incident === undefined) return undefined;
    const at = new Date(this.now()).toISOString();
    await respond(incident, { kind, targets, by, at }, this.deps.notifier);
    await this.deps.store.put([{ incident }]);
    return incident;
  }

  /** Sends the escalations that are due (the server calls this on a timer); returns how many. */
  async tick(): Promise<number> {
    const now = this.now();
    let sent = 0;
    for (const incident of await this.deps.store.awaitingReport()) {
      const kind = escalationDue(incident, this.settings.deadlines, now);
      if (kind === undefined) continue;
      await escalate(incident, kind, this.deps.notifier, new Date(now).toISOString());
      await this.deps.store.put([{ incident }]);
      sent++;
    }
    return sent;
  }

  private campaignContext(): CampaignContext {
    return {
      store: this.deps.store,
      campaignDays: this.settings.campaignDays,
      alertsByIds: (ids) => this.alertsByIds(ids),
      regrade: (incident, at) => this.regrade(incident, at),
    };
  }

  private async alertsOf(incident: Incident): Promise<Alert[]> {
    return this.alertsByIds(incident.alert_ids);
  }

  private async alertsByIds(ids: readonly string[]): Promise<Alert[]> {
    const alerts = await Promise.all([...new Set(ids)].map((id) => this.deps.alerts.get(id)));
    return alerts.filter((alert): alert is Alert => alert !== undefined);
  }
}

function scopedKeys(keys: LinkKeys): string[] {
  const out = keys.observables.map((key) => `${keys.site}|${key}`);
  if (keys.host !== undefined) out.push(`${keys.site}|${keys.host}`);
  return out;
}

function unique(incidents: readonly Incident[]): Incident[] {
  return [...new Map(incidents.map((incident) => [incident.id, incident])).values()];
}

function optionalNumber<K extends string>(
  key: K,
  value: number | undefined,
): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}
