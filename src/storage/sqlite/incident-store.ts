// IncidentStore on embedded SQLite: whole documents with filter columns, the link keys that
// correlation looks incidents up by, and which incident holds which alert.
import type { Database } from 'better-sqlite3';
import { ChanceryError, type Incident } from '../../core/index.ts';
import type { IncidentQuery, IncidentStore, IncidentWrite } from '../ports.ts';

interface Row {
  doc: string;
}

const CHUNK = 400;

export class SqliteIncidentStore implements IncidentStore {
  private readonly write: (writes: readonly IncidentWrite[]) => void;

  constructor(private readonly db: Database) {
    const upsert = db.prepare(
      `INSERT INTO incidents (id, status, severity, category, campaign_id, is_campaign, sites, first_ts, last_ts, due_ts, doc)
       VALUES (@id, @status, @severity, @category, @campaign_id, @is_campaign, @sites, @first_ts, @last_ts, @due_ts, @doc)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, severity = excluded.severity,
         category = excluded.category, campaign_id = excluded.campaign_id, is_campaign = excluded.is_campaign,
         sites = excluded.sites, first_ts = excluded.first_ts, last_ts = excluded.last_ts,
         due_ts = excluded.due_ts, doc = excluded.doc`,
    );
    const addKey = db.prepare(
      `INSERT INTO incident_keys (key, incident_id, last_ts) VALUES (?, ?, ?)
       ON CONFLICT (key, incident_id) DO UPDATE SET last_ts = max(last_ts, excluded.last_ts)`,
    );
    const addAlert = db.prepare(
      'INSERT INTO incident_alerts (alert_id, incident_id) VALUES (?, ?) ON CONFLICT (alert_id) DO UPDATE SET incident_id = excluded.incident_id',
    );
    this.write = db.transaction((writes: readonly IncidentWrite[]) => {
      for (const { incident, keys, alertIds } of writes) {
        const lastTs = Date.parse(incident.last_seen);
        const due = incident.deadline.due;
        upsert.run({
          id: incident.id,
          status: incident.status,
          severity: incident.severity.level,
          category: incident.category,
          campaign_id: incident.campaign_id ?? null,
          is_campaign: incident.members === undefined ? 0 : 1,
          sites: `,${incident.sites.join(',')},`,
          first_ts: Date.parse(incident.first_seen),
          last_ts: lastTs,
          due_ts:
            due !== undefined && incident.deadline.reported_at === undefined
              ? Date.parse(due)
              : null,
          doc: JSON.stringify(incident),
        });
        for (const key of keys ?? []) addKey.run(key, incident.id, lastTs);
        for (const alertId of alertIds ?? []) addAlert.run(alertId, incident.id);
      }
    });
  }

  get(id: string): Promise<Incident | undefined> {
    const row = this.db.prepare<[string], Row>('SELECT doc FROM incidents WHERE id = ?').get(id);
    return Promise.resolve(row === undefined ? undefined : (JSON.parse(row.doc) as Incident));
  }

  put(writes: readonly IncidentWrite[]): Promise<void> {
    this.write(writes);
    return Promise.resolve();
  }

  findByKeys(keys: readonly string[], since: number): Promise<Incident[]> {
    const ids = new Set<string>();
    for (let start = 0; start < keys.length; start += CHUNK) {
      const chunk = keys.slice(start, start + CHUNK);
      const rows = this.db
        .prepare<unknown[], { id: string }>(
          `SELECT DISTINCT k.incident_id AS id FROM incident_keys k JOIN incidents i ON i.id = k.incident_id
           WHERE k.key IN (${chunk.map(() => '?').join(',')}) AND k.last_ts >= ? AND i.status != 'closed'`,
        )
        .all(...chunk, since);
      for (const row of rows) ids.add(row.id);
    }
    return this.many([...ids]);
  }

  incidentsOfAlerts(alertIds: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (let start = 0; start < alertIds.length; start += CHUNK) {
      const chunk = alertIds.slice(start, start + CHUNK);
      const rows = this.db
        .prepare<string[], { alert_id: string; incident_id: string }>(
          `SELECT alert_id, incident_id FROM incident_alerts WHERE alert_id IN (${chunk.map(() => '?').join(',')})`,
        )
        .all(...chunk);
      for (const row of rows) found.set(row.alert_id, row.incident_id);
    }
    return Promise.resolve(found);
  }

  async query(query: IncidentQuery): Promise<{ incidents: Incident[]; nextCursor?: string }> {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (query.status === 'open') clauses.push("status != 'closed'");
    else if (query.status !== undefined) {
      clauses.push('status = ?');
      params.push(query.status);
    }
    const add = (sql: string, value: unknown): void => {
      clauses.push(sql);
      params.push(value);
    };
    if (query.severity !== undefined) add('severity >= ?', query.severity);
    if (query.category !== undefined) add('category = ?', query.category);
    if (query.site !== undefined) add('instr(sites, ?) > 0', `,${query.site},`);
    if (query.campaign !== undefined) add('campaign_id = ?', query.campaign);
    if (query.campaigns !== undefined) add('is_campaign = ?', query.campaigns ? 1 : 0);
    if (query.since !== undefined) add('last_ts >= ?', query.since);
    if (query.until !== undefined) add('last_ts < ?', query.until);
    if (query.cursor !== undefined) {
      const [severity, lastTs, id] = decodeCursor(query.cursor);
      clauses.push(
        '(severity < ? OR (severity = ? AND (last_ts < ? OR (last_ts = ? AND id < ?))))',
      );
      params.push(severity, severity, lastTs, lastTs, id);
    }
    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = this.db
      .prepare<unknown[], Row & { id: string; severity: number; last_ts: number }>(
        `SELECT id, severity, last_ts, doc FROM incidents ${where} ORDER BY severity DESC, last_ts DESC, id DESC LIMIT ?`,
      )
      .all(...params, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const result: { incidents: Incident[]; nextCursor?: string } = {
      incidents: page.map((row) => JSON.parse(row.doc) as Incident),
    };
    if (rows.length > query.limit && last !== undefined)
      result.nextCursor = Buffer.from(
        JSON.stringify([last.severity, last.last_ts, last.id]),
      ).toString('base64url');
    return Promise.resolve(result);
  }

  awaitingReport(): Promise<Incident[]> {
    const rows = this.db
      .prepare<[], Row>(
        "SELECT doc FROM incidents WHERE due_ts IS NOT NULL AND status != 'closed' ORDER BY due_ts",
      )
      .all();
    return Promise.resolve(rows.map((row) => JSON.parse(row.doc) as Incident));
  }

  private many(ids: readonly string[]): Promise<Incident[]> {
    const out: Incident[] = [];
    for (let start = 0; start < ids.length; start += CHUNK) {
      const chunk = ids.slice(start, start + CHUNK);
      const rows = this.db
        .prepare<string[], Row>(
          `SELECT doc FROM incidents WHERE id IN (${chunk.map(() => '?').join(',')})`,
        )
        .all(...chunk);
      for (const row of rows) out.push(JSON.parse(row.doc) as Incident);
    }
    return Promise.resolve(out);
  }
}

function decodeCursor(cursor: string): [number, number, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      typeof parsed[0] === 'number' &&
      typeof parsed[1] === 'number' &&
      typeof parsed[2] === 'string'
    )
      return [parsed[0], parsed[1], parsed[2]];
  } catch {
    // Reported below as an invalid cursor.
  }
  throw new ChanceryError('CHN_ERR_QUERY_INVALID', `'${cursor}' is not a cursor this store issued`);
}
