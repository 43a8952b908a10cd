// MailStore on embedded SQLite: verdicts as JSON documents keyed by their email event, filtered
// by date, verdict and site; the contact history as one row per (sender, recipient) pair.
import type { Database, Statement } from 'better-sqlite3';
import type { MailVerdict } from '../../detect/mail/analysis.ts';
import type { ContactHistory } from '../../detect/mail/sender/first-contact.ts';
import { VERDICTS } from '../../detect/mail/verdict/grade.ts';
import type { MailStore, MailVerdictPage, MailVerdictQuery } from '../ports.ts';
import { decodeCursor, encodeCursor, epochMs } from './time-cursor.ts';

type VerdictRow = [
  eventId: string,
  ts: number,
  rank: number,
  site: string | null,
  campaign: string | null,
  doc: string,
];

export class SqliteMailStore implements MailStore {
  readonly contacts: ContactHistory;
  readonly #put: (verdicts: readonly MailVerdict[]) => number;
  readonly #setCampaigns: (assignments: ReadonlyMap<string, string | undefined>) => void;

  constructor(private readonly db: Database) {
    const upsert: Statement<VerdictRow> = db.prepare(
      `INSERT INTO mail_verdicts (event_id, ts, rank, site, campaign, doc) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (event_id) DO UPDATE SET ts = excluded.ts, rank = excluded.rank,
         site = excluded.site, campaign = excluded.campaign, doc = excluded.doc`,
    );
    this.#put = db.transaction((verdicts: readonly MailVerdict[]) => {
      let written = 0;
      for (const verdict of verdicts) {
        if (verdict.event_id === '') continue;
        upsert.run(
          verdict.event_id,
          epochMs(verdict.date),
          VERDICTS.indexOf(verdict.verdict),
          verdict.site?.id ?? null,
          verdict.campaign_id ?? null,
          JSON.stringify(verdict),
        );
        written++;
      }
      return written;
    });
    const select = db
      .prepare<[string], string>('SELECT doc FROM mail_verdicts WHERE event_id = ?')
      .pluck();
    const setCampaign = db.prepare<[string | null, string, string]>(
      'UPDATE mail_verdicts SET campaign = ?, doc = ? WHERE event_id = ?',
    );
    this.#setCampaigns = db.transaction((assignments: ReadonlyMap<string, string | undefined>) => {
      for (const [eventId, campaign] of assignments) {
        const doc = select.get(eventId);
        if (doc === undefined) continue;
        const verdict = JSON.parse(doc) as MailVerdict;
        if (verdict.campaign_id === campaign) continue;
        if (campaign === undefined) delete verdict.campaign_id;
        else verdict.campaign_id = campaign;
        setCampaign.run(campaign ?? null, JSON.stringify(verdict), eventId);
      }
    });
    this.contacts = new SqliteContactHistory(db);
  }

  putVerdicts(verdicts: readonly MailVerdict[]): Promise<number> {
    return Promise.resolve(this.#put(verdicts));
  }

  async verdicts(query: MailVerdictQuery): Promise<MailVerdictPage> {
    const clauses: string[] = [];
    const params: (string | number)[] = [];
    if (query.since !== undefined) {
      clauses.push('ts >= ?');
      params.push(query.since);
    }
    if (query.until !== undefined) {
      clauses.push('ts < ?');
      params.push(query.until);
    }
    if (query.verdicts !== undefined && query.verdicts.length > 0) {
      clauses.push(`rank IN (${query.verdicts.map(() => '?').join(', ')})`);
      params.push(...query.verdicts.map((verdict) => VERDICTS.indexOf(verdict)));
    }
    if (query.site !== undefined) {
      clauses.push('site = ?');
      params.push(query.site);
    }
    if (query.cursor !== undefined) {
      clauses.push('(ts, event_id) < (?, ?)');
      params.push(...decodeCursor(query.cursor));
    }
    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = this.db
      .prepare<unknown[], { ts: number; event_id: string; doc: string }>(
        `SELECT ts, event_id, doc FROM mail_verdicts ${where} ORDER BY ts DESC, event_id DESC LIMIT ?`,
      )
      .all(...params, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const result: MailVerdictPage = {
      verdicts: page.map((row) => JSON.parse(row.doc) as MailVerdict),
    };
    const last = page.at(-1);
    if (rows.length > query.limit && last !== undefined)
      result.nextCursor = encodeCursor(last.ts, last.event_id);
    return result;
  }

  getVerdict(eventId: string): Promise<MailVerdict | undefined> {
    const doc = this.db
      .prepare<[string], string>('SELECT doc FROM mail_verdicts WHERE event_id = ?')
      .pluck()
      .get(eventId);
    return Promise.resolve(doc === undefined ? undefined : (JSON.parse(doc) as MailVerdict));
  }

  setCampaigns(assignments: ReadonlyMap<string, string | undefined>): Promise<void> {
    this.#setCampaigns(assignments);
    return Promise.resolve();
  }
}

class SqliteContactHistory implements ContactHistory {
  readonly #any: Statement<[string], number>;
  readonly #pair: Statement<[string, string], number>;
  readonly #record: Statement<[string, string, number, number]>;

  constructor(db: Database) {
    this.#any = db
      .prepare<[string], number>('SELECT 1 FROM mail_contacts WHERE sender = ? LIMIT 1')
      .pluck();
    this.#pair = db
      .prepare<[string, string], number>(
        'SELECT 1 FROM mail_contacts WHERE sender = ? AND recipient = ?',
      )
      .pluck();
    this.#record = db.prepare(
      `INSERT INTO mail_contacts (sender, recipient, first_ts, last_ts) VALUES (?, ?, ?, ?)
       ON CONFLICT (sender, recipient) DO UPDATE SET
         first_ts = min(first_ts, excluded.first_ts), last_ts = max(last_ts, excluded.last_ts)`,
    );
  }

  seen(sender: string, recipient?: string): boolean {
    const from = sender.trim().toLowerCase();
    return recipient === undefined
      ? this.#any.get(from) !== undefined
      : this.#pair.get(from, recipient.trim().toLowerCase()) !== undefined;
  }

  record(sender: string, recipient: string, time: number): void {
    const from = sender.trim().toLowerCase();
    const to = recipient.trim().toLowerCase();
    if (from === '' || to === '' || !Number.isFinite(time)) return;
    this.#record.run(from, to, time, time);
  }
}
