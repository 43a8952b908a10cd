// IntelStore on embedded SQLite: one row per (type, value), the indicator and its bookkeeping as
// JSON, keyset pages by last change.
import type { Database } from 'better-sqlite3';
import { ChanceryError, indicatorKey, TLP_ORDER, type IndicatorType } from '../../core/index.ts';
import type {
  IndicatorCount,
  IndicatorQuery,
  IndicatorRecord,
  IntelStore,
  StoredIndicator,
} from '../ports.ts';

interface Row {
  id: number;
  updated: number;
  doc: string;
}

/** How many keys one `IN (...)` lookup carries: well under SQLite's variable limit. */
const LOOKUP_CHUNK = 500;

export class SqliteIntelStore implements IntelStore {
  private readonly write: (records: readonly IndicatorRecord[]) => {
    inserted: number;
    updated: number;
  };

  constructor(private readonly db: Database) {
    const insert = db.prepare<[string, string, number, number, number, string]>(
      `INSERT INTO indicators (type, value, tlp, added, updated, doc) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (type, value) DO NOTHING`,
    );
    const update = db.prepare<[number, number, string, string, string]>(
      'UPDATE indicators SET tlp = ?, updated = ?, doc = ? WHERE type = ? AND value = ?',
    );
    this.write = db.transaction((records: readonly IndicatorRecord[]) => {
      let inserted = 0;
      for (const record of records) {
        const { indicator } = record;
        const tlp = TLP_ORDER.indexOf(indicator.tlp);
        const updated = Date.parse(record.updated);
        const doc = JSON.stringify(record);
        const added = Date.parse(record.added);
        if (insert.run(indicator.type, indicator.value, tlp, added, updated, doc).changes > 0)
          inserted++;
        else update.run(tlp, updated, doc, indicator.type, indicator.value);
      }
      return { inserted, updated: records.length - inserted };
    });
  }

  getMany(keys: readonly string[]): Promise<Map<string, StoredIndicator>> {
    const found = new Map<string, StoredIndicator>();
    const unique = [...new Set(keys)];
    for (let start = 0; start < unique.length; start += LOOKUP_CHUNK) {
      const chunk = unique.slice(start, start + LOOKUP_CHUNK);
      const params = chunk.flatMap((key) => {
        const separator = key.indexOf('\u0000');
        return [key.slice(0, separator), key.slice(separator + 1)];
      });
      // Row values keep the (type, value) unique index usable for every key.
      const rows = this.db
        .prepare<string[], Row>(
          `SELECT id, updated, doc FROM indicators WHERE (type, value) IN (VALUES ${chunk.map(() => '(?, ?)').join(',')})`,
        )
        .all(...params);
      for (const row of rows) {
        const stored = toStored(row);
        found.set(indicatorKey(stored.indicator), stored);
      }
    }
    return Promise.resolve(found);
  }

  put(records: readonly IndicatorRecord[]): Promise<{ inserted: number; updated: number }> {
    return Promise.resolve(this.write(records));
  }

  get(id: number): Promise<StoredIndicator | undefined> {
    const row = this.db
      .prepare<[number], Row>('SELECT id, updated, doc FROM indicators WHERE id = ?')
      .get(id);
    return Promise.resolve(row === undefined ? undefined : toStored(row));
  }

  query(query: IndicatorQuery): Promise<{ indicators: StoredIndicator[]; nextCursor?: string }> {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (query.type !== undefined) {
      clauses.push('type = ?');
      params.push(query.type);
    }
    if (query.search !== undefined && query.search !== '') {
      clauses.push("value LIKE ? ESCAPE '\\'");
      params.push(`%${query.search.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
    }
    if (query.source !== undefined) {
      clauses.push(
        "EXISTS (SELECT 1 FROM json_each(doc, '$.indicator.sources') WHERE json_extract(value, '$.name') = ?)",
      );
      params.push(query.source);
    }
    if (query.cursor !== undefined) {
      const [updated, id] = decodeCursor(query.cursor);
      clauses.push('(updated < ? OR (updated = ? AND id < ?))');
      params.push(updated, updated, id);
    }
    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = this.db
      .prepare<unknown[], Row>(
        `SELECT id, updated, doc FROM indicators ${where} ORDER BY updated DESC, id DESC LIMIT ?`,
      )
      .all(...params, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const result: { indicators: StoredIndicator[]; nextCursor?: string } = {
      indicators: page.map(toStored),
    };
    if (rows.length > query.limit && last !== undefined)
      result.nextCursor = Buffer.from(`${last.updated}:${last.id}`).toString('base64url');
    return Promise.resolve(result);
  }

  forEach(visit: (record: StoredIndicator) => void): Promise<number> {
    let count = 0;
    const rows = this.db.prepare<[], Row>('SELECT id, updated, doc FROM indicators ORDER BY id');
    for (const row of rows.iterate()) {
      visit(toStored(row));
      count++;
    }
    return Promise.resolve(count);
  }

  version(): Promise<string> {
    const row = this.db
      .prepare<[], { count: number; updated: number | null }>(
        'SELECT count(*) AS count, max(updated) AS updated FROM indicators',
      )
      .get();
    return Promise.resolve(`${row?.count ?? 0}:${row?.updated ?? 0}`);
  }

  countByType(): Promise<IndicatorCount[]> {
    const rows = this.db
      .prepare<[], { type: IndicatorType; count: number }>(
        'SELECT type, count(*) AS count FROM indicators GROUP BY type ORDER BY count DESC, type',
      )
      .all();
    return Promise.resolve(rows);
  }
}

function toStored(row: Row): StoredIndicator {
  return { id: row.id, ...(JSON.parse(row.doc) as IndicatorRecord) };
}

function decodeCursor(cursor: string): [number, number] {
  const match = /^(\d+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match === null)
    throw new ChanceryError(
      'CHN_ERR_QUERY_INVALID',
      `'${cursor}' is not a cursor this store issued`,
    );
  return [Number(match[1]), Number(match[2])];
}
