// ValueIndex on embedded SQLite: the observed_values / observed_minutes tables the event inserter
// keeps, the backlog of events stored before they existed, and the narrow event scan a hunt
// runs in the minutes a matching value was seen.
import type { Database, Statement } from 'better-sqlite3';
import type { EcsEvent } from '../../core/index.ts';
import type { ObservedValue, ValueIndex } from '../ports.ts';
import { createBacklogRecorder, MINUTE_MS } from './event-inserter.ts';
import { observedValues } from './event-row.ts';
import { idPrefix, toEvent, type EventRow } from './event-store.ts';

const BACKLOG_PAGE = 5_000;
/** Values per `instr` filter: each chunk is a pass over the range's documents inside SQLite. */
const NEEDLES_PER_SCAN = 64;

export class SqliteValueIndex implements ValueIndex {
  private readonly scans = new Map<number, Statement<unknown[], EventRow>>();

  constructor(private readonly db: Database) {}

  catchUp(): Promise<number> {
    const through = this.db
      .prepare<[], number>('SELECT through_seq FROM observed_backlog')
      .pluck()
      .get();
    if (through === undefined || through === 0) return Promise.resolve(0);
    const record = createBacklogRecorder(this.db);
    const page = this.db.prepare<[number, number, number], EventRow & { seq: number }>(
      'SELECT seq, id, doc, original FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
    );
    const advance = this.db.prepare('UPDATE observed_backlog SET through_seq = ?');
    let after = 0;
    let read = 0;
    for (;;) {
      const rows = page.all(after, through, BACKLOG_PAGE);
      if (rows.length === 0) break;
      const events = rows.map((row) => {
        const event = toEvent(row);
        return { ts: Date.parse(event['@timestamp']), observed: observedValues(event) };
      });
      record(events);
      read += rows.length;
      after = rows.at(-1)?.seq ?? through;
    }
    advance.run(0);
    return Promise.resolve(read);
  }

  forEachValue(visit: (value: ObservedValue) => void): Promise<number> {
    const rows = this.db
      .prepare<[], ObservedValue>('SELECT id, kind, value FROM observed_values')
      .iterate();
    let count = 0;
    for (const row of rows) {
      visit(row);
      count++;
    }
    return Promise.resolve(count);
  }

  minutesOf(ids: readonly number[], since: number, until: number): Promise<Map<number, number[]>> {
    const minutes = new Map<number, number[]>();
    if (ids.length === 0) return Promise.resolve(minutes);
    // The ids go through a temporary table so that SQLite filters the time range itself.
    const db = this.db;
    db.exec('CREATE TEMP TABLE IF NOT EXISTS hunt_values (id INTEGER PRIMARY KEY)');
    db.exec('DELETE FROM temp.hunt_values');
    const add = db.prepare('INSERT OR IGNORE INTO temp.hunt_values (id) VALUES (?)');
    db.transaction(() => {
      for (const id of ids) add.run(id);
    })();
    // An event at `since` lies in the minute that starts before it.
    const from = since - (since % MINUTE_MS);
    const rows = db
      .prepare<[number, number], { minute: number; id: number }>(
        `SELECT minute, value_id AS id FROM observed_minutes
         WHERE minute >= ? AND minute < ? AND value_id IN (SELECT id FROM temp.hunt_values)
         ORDER BY minute`,
      )
      .iterate(from, until);
    for (const row of rows) {
      const list = minutes.get(row.minute);
      if (list === undefined) minutes.set(row.minute, [row.id]);
      else list.push(row.id);
    }
    db.exec('DELETE FROM temp.hunt_values');
    return Promise.resolve(minutes);
  }

  eventsContaining(raws: readonly string[], since: number, until: number): Promise<EcsEvent[]> {
    // The needle is the value as it appears inside the JSON document (escaped backslashes...).
    const needles = [...new Set(raws.map((raw) => JSON.stringify(raw).slice(1, -1)))];
    const found = new Map<string, EcsEvent>();
    for (let start = 0; start < needles.length; start += NEEDLES_PER_SCAN) {
      const chunk = needles.slice(start, start + NEEDLES_PER_SCAN);
      const rows = this.scan(chunk.length).all(idPrefix(since), idPrefix(until), ...chunk);
      for (const row of rows) if (!found.has(row.id)) found.set(row.id, toEvent(row));
    }
    return Promise.resolve([...found.values()].sort((a, b) => (a.event.id < b.event.id ? -1 : 1)));
  }

  /**
   * The scan for a number of needles, prepared once: a hunt runs thousands of these narrow
   * scans (one per run of minutes), and preparing each would cost more than running it.
   */
  private scan(needles: number): Statement<unknown[], EventRow> {
    let statement = this.scans.get(needles);
    if (statement === undefined) {
      statement = this.db.prepare<unknown[], EventRow>(
        `SELECT id, doc, original FROM events WHERE id >= ? AND id < ? AND (${Array.from(
          { length: needles },
          () => 'instr(doc, ?) > 0',
        ).join(' OR ')})`,
      );
      this.scans.set(needles, statement);
    }
    return statement;
  }
}
