// NetworkStore on embedded SQLite: each pair's latest score as a JSON document keyed by
// (src, kind, dst), sorted by score; first sightings of destinations kept across analyses.
import type { Database, Statement } from 'better-sqlite3';
import { ChanceryError } from '../../core/index.ts';
import type { ScoredPair } from '../../detect/network/scored-pair.ts';
import type { NetworkStore, ScoredPairPage, ScoredPairQuery } from '../ports.ts';

export class SqliteNetworkStore implements NetworkStore {
  readonly #put: (pairs: readonly ScoredPair[]) => number;
  readonly #record: (firstSeen: ReadonlyMap<string, number>) => void;

  constructor(private readonly db: Database) {
    const upsert: Statement<[string, number, string | null, number, string]> = db.prepare(
      `INSERT INTO network_pairs (pair, score, site, alert, doc) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (pair) DO UPDATE SET score = excluded.score, site = excluded.site,
         alert = excluded.alert, doc = excluded.doc`,
    );
    this.#put = db.transaction((pairs: readonly ScoredPair[]) => {
      for (const pair of pairs)
        upsert.run(
          pairKey(pair),
          Math.round(pair.score * 1000),
          pair.site ?? null,
          pair.alert ? 1 : 0,
          JSON.stringify(pair),
        );
      return pairs.length;
    });
    const record: Statement<[string, number]> = db.prepare(
      `INSERT INTO network_first_seen (destination, first_ts) VALUES (?, ?)
       ON CONFLICT (destination) DO UPDATE SET first_ts = min(first_ts, excluded.first_ts)`,
    );
    this.#record = db.transaction((firstSeen: ReadonlyMap<string, number>) => {
      for (const [destination, ts] of firstSeen) record.run(destination, Math.floor(ts));
    });
  }

  putPairs(pairs: readonly ScoredPair[]): Promise<number> {
    return Promise.resolve(this.#put(pairs));
  }

  async pairs(query: ScoredPairQuery): Promise<ScoredPairPage> {
    const clauses: string[] = [];
    const params: (string | number)[] = [];
    if (query.minScore !== undefined) {
      clauses.push('score >= ?');
      params.push(Math.round(query.minScore * 1000));
    }
    if (query.site !== undefined) {
      clauses.push('site = ?');
      params.push(query.site);
    }
    if (query.alerts !== undefined) {
      clauses.push('alert = ?');
      params.push(query.alerts ? 1 : 0);
    }
    if (query.cursor !== undefined) {
      const [score, pair] = decodeCursor(query.cursor);
      clauses.push('(score, pair) < (?, ?)');
      params.push(score, pair);
    }
    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = this.db
      .prepare<unknown[], { score: number; pair: string; doc: string }>(
        `SELECT score, pair, doc FROM network_pairs ${where} ORDER BY score DESC, pair DESC LIMIT ?`,
      )
      .all(...params, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const result: ScoredPairPage = { pairs: page.map((row) => JSON.parse(row.doc) as ScoredPair) };
    const last = page.at(-1);
    if (rows.length > query.limit && last !== undefined)
      result.nextCursor = Buffer.from(`${last.score}:${last.pair}`).toString('base64url');
    return result;
  }

  firstSeen(): Promise<Map<string, number>> {
    const rows = this.db
      .prepare<[], { destination: string; first_ts: number }>(
        'SELECT destination, first_ts FROM network_first_seen',
      )
      .all();
    return Promise.resolve(new Map(rows.map((row) => [row.destination, row.first_ts])));
  }

  recordFirstSeen(firstSeen: ReadonlyMap<string, number>): Promise<void> {
    this.#record(firstSeen);
    return Promise.resolve();
  }
}

function pairKey(pair: ScoredPair): string {
  return `${pair.src}\u0000${pair.kind}\u0000${pair.dst}`;
}

function decodeCursor(cursor: string): [number, string] {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  const score = Number(text.slice(0, colon));
  if (colon < 1 || !Number.isInteger(score))
    throw new ChanceryError(
      'CHN_ERR_QUERY_INVALID',
      `'${cursor}' is not a cursor this store issued`,
    );
  return [score, text.slice(colon + 1)];
}
