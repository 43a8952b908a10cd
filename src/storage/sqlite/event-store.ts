// EventStore on embedded SQLite: batched INSERT OR IGNORE (the id makes re-ingest a no-op),
// filters on indexed columns, other ECS fields through json_extract, keyset pagination by id.
import type { Database } from 'better-sqlite3';
import { ChanceryError, type EcsEvent } from '../../core/index.ts';
import type {
  AppendResult,
  DatasetCount,
  EventPage,
  EventQuery,
  EventStore,
  FieldFilter,
} from '../ports.ts';
import { createEventInserter, type EventInserter } from './event-inserter.ts';
import { toBatch } from './event-row.ts';
import type { EventWriter } from './event-writer.ts';

/** ECS fields stored as their own columns (indexed where useful). */
const COLUMN_OF_FIELD: Readonly<Record<string, string>> = {
  'event.id': 'id',
  'event.dataset': 'dataset',
  'site.id': 'site',
  'network.zone': 'zone',
  'host.name': 'host_name',
  'source.ip': 'source_ip',
  'destination.ip': 'destination_ip',
  'user.name': 'user_name',
};

const FIELD_PATTERN = /^@?[A-Za-z0-9_]+(\.[A-Za-z0-9_@-]+)*$/;

export interface EventRow {
  id: string;
  doc: string;
  original: string;
}

export class SqliteEventStore implements EventStore {
  private readonly appendBatch: EventInserter;

  /**
   * With a writer, rows are stored by its thread while this one goes on parsing; without one
   * (an in-memory store, which a second connection cannot see) they are stored here.
   */
  constructor(
    private readonly db: Database,
    private readonly writer?: EventWriter,
  ) {
    this.appendBatch = createEventInserter(db);
  }

  async append(events: readonly EcsEvent[]): Promise<AppendResult> {
    const batch = toBatch(events);
    const inserted =
      this.writer === undefined ? this.appendBatch(batch) : await this.writer.write(batch);
    return { inserted, duplicates: events.length - inserted };
  }

  query(query: EventQuery): Promise<EventPage> {
    const order = query.order ?? 'desc';
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (query.since !== undefined) {
      clauses.push('id >= ?');
      params.push(idPrefix(query.since));
    }
    if (query.until !== undefined) {
      clauses.push('id < ?');
      params.push(idPrefix(query.until));
    }
    if (query.cursor !== undefined) {
      clauses.push(order === 'desc' ? 'id < ?' : 'id > ?');
      params.push(decodeCursor(query.cursor));
    }
    if (query.site !== undefined) {
      clauses.push('site = ?');
      params.push(query.site);
    }
    if (query.host !== undefined) {
      clauses.push('host_key = ?');
      params.push(query.host);
    }
    for (const filter of query.where ?? []) {
      const [sql, values] = filterSql(filter);
      clauses.push(sql);
      params.push(...values);
    }
    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
    const sql = `SELECT id, doc, original FROM events ${where} ORDER BY id ${order} LIMIT ?`;
    const rows = this.db.prepare<unknown[], EventRow>(sql).all(...params, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const result: EventPage = { events: page.map(toEvent) };
    if (rows.length > query.limit && last !== undefined) result.nextCursor = encodeCursor(last.id);
    return Promise.resolve(result);
  }

  get(id: string): Promise<EcsEvent | undefined> {
    const row = this.db
      .prepare<[string], EventRow>('SELECT id, doc, original FROM events WHERE id = ?')
      .get(id);
    return Promise.resolve(row === undefined ? undefined : toEvent(row));
  }

  countByDataset(): Promise<DatasetCount[]> {
    const rows = this.db
      .prepare<[], DatasetCount>(
        'SELECT dataset, count(*) AS count FROM events GROUP BY dataset ORDER BY dataset',
      )
      .all();
    return Promise.resolve(rows);
  }
}

export function toEvent(row: EventRow): EcsEvent {
  const event = JSON.parse(row.doc) as EcsEvent;
  event.event.id = row.id;
  event.event.original = row.original;
  return event;
}

export function idPrefix(epochMs: number): string {
  return Math.max(0, Math.trunc(epochMs)).toString(16).padStart(12, '0');
}

function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-f]{32}$/.test(id)) {
    throw new ChanceryError(
      'CHN_ERR_QUERY_INVALID',
      `'${cursor}' is not a cursor this store issued`,
    );
  }
  return id;
}

function filterSql(filter: FieldFilter): [string, unknown[]] {
  if (!FIELD_PATTERN.test(filter.field)) {
    throw new ChanceryError('CHN_ERR_QUERY_INVALID', `'${filter.field}' is not a field name`);
  }
  const negate = filter.op === '!=';
  const wildcard = filter.value.includes('*');
  const compare = wildcard ? "LIKE ? ESCAPE '\\'" : '= ?';
  const value = wildcard ? likePattern(filter.value) : filter.value;
  const column = COLUMN_OF_FIELD[filter.field];
  if (column !== undefined) {
    const sql = `${column} ${compare}`;
    return [negate ? `NOT coalesce(${sql}, 0)` : sql, [value]];
  }
  // Arrays (event.category, host.ip) match when any element matches, as in Elasticsearch.
  const path = `$.${filter.field
    .split('.')
    .map((part) => `"${part}"`)
    .join('.')}`;
  const sql = `EXISTS (SELECT 1 FROM json_each(doc, ?) WHERE type NOT IN ('object', 'array') AND CAST(value AS TEXT) ${compare})`;
  return [negate ? `NOT ${sql}` : sql, [path, value]];
}

function likePattern(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`).replaceAll('*', '%');
}
