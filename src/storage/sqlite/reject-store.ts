// The dead-letter store on SQLite. A reject is identified by its source, line and raw text, so
// re-ingesting a file with a bad line keeps one reject, not one per attempt.
import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { ChanceryError } from '../../core/index.ts';
import type { Reject, RejectQuery, RejectStore, StoredReject } from '../ports.ts';

interface RejectRow {
  id: number;
  source: string;
  line: number;
  reason: string;
  raw: string;
  raw_bytes: number;
  format: string | null;
  received_at: string;
}

export class SqliteRejectStore implements RejectStore {
  private readonly insert: Statement;
  private readonly addBatch: (rejects: readonly Reject[]) => number;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO rejects (source, line, reason, raw, raw_bytes, raw_hash, format, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.addBatch = db.transaction((rejects: readonly Reject[]) => {
      let added = 0;
      for (const reject of rejects) {
        const hash = createHash('sha1').update(reject.raw).digest('hex');
        added += this.insert.run(
          reject.source,
          reject.line,
          reject.reason,
          reject.raw,
          reject.rawBytes,
          hash,
          reject.format ?? null,
          reject.receivedAt,
        ).changes;
      }
      return added;
    });
  }

  add(rejects: readonly Reject[]): Promise<number> {
    return Promise.resolve(rejects.length === 0 ? 0 : this.addBatch(rejects));
  }

  list(query: RejectQuery): Promise<{ rejects: StoredReject[]; nextCursor?: string }> {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (query.cursor !== undefined) {
      const after = Number(query.cursor);
      if (!Number.isSafeInteger(after)) {
        throw new ChanceryError(
          'CHN_ERR_QUERY_INVALID',
          `'${query.cursor}' is not a reject cursor`,
        );
      }
      clauses.push('id > ?');
      params.push(after);
    }
    if (query.source !== undefined) {
      clauses.push('source = ?');
      params.push(query.source);
    }
    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = this.db
      .prepare<unknown[], RejectRow>(`SELECT * FROM rejects ${where} ORDER BY id LIMIT ?`)
      .all(...params, query.limit + 1);
    const page = rows.slice(0, query.limit).map((row): StoredReject => ({
      id: row.id,
      source: row.source,
      line: row.line,
      reason: row.reason,
      raw: row.raw,
      rawBytes: row.raw_bytes,
      ...(row.format === null ? {} : { format: row.format }),
      receivedAt: row.received_at,
    }));
    const last = page.at(-1);
    return Promise.resolve(
      rows.length > query.limit && last !== undefined
        ? { rejects: page, nextCursor: String(last.id) }
        : { rejects: page },
    );
  }

  count(): Promise<number> {
    return Promise.resolve(Number(this.db.prepare('SELECT count(*) FROM rejects').pluck().get()));
  }
}
