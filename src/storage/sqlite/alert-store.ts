// AlertStore on embedded SQLite: upsert by stable id (an alert's state only moves forward), filters
// on indexed columns, keyset pagination by (time, id).
import type { Database, Statement } from 'better-sqlite3';
import {
  ALERT_LEVELS,
  alertLevelRank,
  ChanceryError,
  type Alert,
  type Detector,
} from '../../core/index.ts';
import type {
  AlertFilter,
  AlertPage,
  AlertQuery,
  AlertStore,
  RuleAlertCount,
  UpsertResult,
} from '../ports.ts';
import { decodeCursor, encodeCursor, epochMs } from './time-cursor.ts';

interface StoredRow {
  count: number;
  created: string;
  doc: string;
}

interface CountRow {
  detector: Detector;
  ruleId: string;
  ruleName: string | null;
  level: number;
  alerts: number;
  events: number;
  lastTs: number;
}

const COLUMNS =
  'ts, last_ts, level, detector, rule_id, site, host, retrospective, count, created, doc, id';

type RowValues = [
  ts: number,
  lastTs: number,
  level: number,
  detector: string,
  ruleId: string,
  site: string | null,
  host: string | null,
  retrospective: number,
  count: number,
  created: string,
  doc: string,
  id: string,
];

export class SqliteAlertStore implements AlertStore {
  private readonly upsertBatch: (alerts: readonly Alert[]) => UpsertResult;

  constructor(private readonly db: Database) {
    const select = db.prepare<[string], StoredRow>(
      'SELECT count, created, doc FROM alerts WHERE id = ?',
    );
    const insert: Statement<RowValues> = db.prepare(
      `INSERT INTO alerts (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const update: Statement<RowValues> = db.prepare(
      `UPDATE alerts SET ts = ?, last_ts = ?, level = ?, detector = ?, rule_id = ?, site = ?,
         host = ?, retrospective = ?, count = ?, created = ?, doc = ? WHERE id = ?`,
    );
    this.upsertBatch = db.transaction((alerts: readonly Alert[]) => {
      const result: UpsertResult = { inserted: 0, updated: 0, unchanged: 0 };
      for (const alert of alerts) {
        if (alert.id === '')
          throw new ChanceryError('CHN_ERR_STORAGE', `An alert of rule ${alert.rule.id} has no id`);
        const stored = select.get(alert.id);
        if (stored === undefined) {
          insert.run(...toRow(alert));
          result.inserted++;
        } else if (alert.count < stored.count) {
          result.unchanged++;
        } else {
          const merged = { ...alert, created: stored.created };
          const doc = JSON.stringify(merged);
          if (doc === stored.doc) {
            result.unchanged++;
          } else {
            update.run(...toRow(merged, doc));
            result.updated++;
          }
        }
      }
      return result;
    });
  }

  upsert(alerts: readonly Alert[]): Promise<UpsertResult> {
    return Promise.resolve(
      alerts.length === 0 ? { inserted: 0, updated: 0, unchanged: 0 } : this.upsertBatch(alerts),
    );
  }

  query(query: AlertQuery): Promise<AlertPage> {
    const order = query.order ?? 'desc';
    const [clauses, params] = filterSql(query);
    if (query.cursor !== undefined) {
      clauses.push(order === 'desc' ? '(ts, id) < (?, ?)' : '(ts, id) > (?, ?)');
      params.push(...decodeCursor(query.cursor));
    }
    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = this.db
      .prepare<unknown[], { ts: number; id: string; doc: string }>(
        `SELECT ts, id, doc FROM alerts ${where} ORDER BY ts ${order}, id ${order} LIMIT ?`,
      )
      .all(...params, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const result: AlertPage = { alerts: page.map((row) => JSON.parse(row.doc) as Alert) };
    if (rows.length > query.limit && last !== undefined)
      result.nextCursor = encodeCursor(last.ts, last.id);
    return Promise.resolve(result);
  }

  get(id: string): Promise<Alert | undefined> {
    const doc = this.db
      .prepare<[string], string>('SELECT doc FROM alerts WHERE id = ?')
      .pluck()
      .get(id);
    return Promise.resolve(doc === undefined ? undefined : (JSON.parse(doc) as Alert));
  }

  countByRule(filter: AlertFilter = {}): Promise<RuleAlertCount[]> {
    const [clauses, params] = filterSql(filter);
    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
    // A rule's title is the same in all its alerts unless the rule was edited; any one will do.
    const rows = this.db
      .prepare<unknown[], CountRow>(
        `SELECT detector, rule_id AS ruleId, max(json_extract(doc, '$.rule.name')) AS ruleName,
           max(level) AS level, count(*) AS alerts, sum(count) AS events, max(last_ts) AS lastTs
         FROM alerts ${where} GROUP BY detector, rule_id
         ORDER BY alerts DESC, detector, rule_id`,
      )
      .all(...params);
    return Promise.resolve(
      rows.map((row) => ({
        detector: row.detector,
        ruleId: row.ruleId,
        ruleName: row.ruleName ?? row.ruleId,
        level: ALERT_LEVELS[row.level] ?? 'medium',
        alerts: row.alerts,
        events: row.events,
        lastSeen: new Date(row.lastTs).toISOString(),
      })),
    );
  }
}

function toRow(alert: Alert, doc = JSON.stringify(alert)): RowValues {
  return [
    epochMs(alert['@timestamp']),
    epochMs(alert.last_seen),
    alertLevelRank(alert.level),
    alert.detector,
    alert.rule.id,
    alert.site?.id ?? null,
    alert.host ?? null,
    alert.retrospective ? 1 : 0,
    alert.count,
    alert.created,
    doc,
    alert.id,
  ];
}

function filterSql(filter: AlertFilter): [string[], unknown[]] {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown): void => {
    clauses.push(sql);
    params.push(value);
  };
  if (filter.since !== undefined) add('ts >= ?', filter.since);
  if (filter.until !== undefined) add('ts < ?', filter.until);
  if (filter.level !== undefined) add('level >= ?', alertLevelRank(filter.level));
  if (filter.detector !== undefined) add('detector = ?', filter.detector);
  if (filter.ruleId !== undefined) add('rule_id = ?', filter.ruleId);
  if (filter.site !== undefined) add('site = ?', filter.site);
  if (filter.host !== undefined) add('host = ?', filter.host);
  if (filter.retrospective !== undefined) add('retrospective = ?', filter.retrospective ? 1 : 0);
  return [clauses, params];
}
