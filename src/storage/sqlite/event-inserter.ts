// Stores a batch of events and, in the same transaction, records their observed values in the
// value index (observed_values, observed_minutes). The writer thread and the in-memory store both
// insert through this, so the index is always exactly as durable as the events it describes.
import type { Database } from 'better-sqlite3';
import { INSERT_EVENT_SQL, type EventBatch } from './event-row.ts';

/** The time resolution of the value index. */
export const MINUTE_MS = 60_000;

export type EventInserter = (batch: EventBatch) => number;

export function createEventInserter(db: Database): EventInserter {
  const insert = db.prepare(INSERT_EVENT_SQL);
  const record = createValueRecorder(db);
  return db.transaction((batch: EventBatch) => {
    let inserted = 0;
    for (const [index, row] of batch.rows.entries()) {
      // A duplicate event adds nothing: its values were recorded when it was first stored.
      if (insert.run(row).changes === 0) continue;
      inserted++;
      record(batch.observed[index] ?? [], row[1]);
    }
    return inserted;
  });
}

/** Records the values of already-stored events (the backlog from before the index existed). */
export function createBacklogRecorder(
  db: Database,
): (events: readonly { ts: number; observed: readonly string[] }[]) => void {
  const record = createValueRecorder(db);
  return db.transaction((events: readonly { ts: number; observed: readonly string[] }[]) => {
    for (const event of events) record(event.observed, event.ts);
  });
}

// Values remembered by this connection: most events repeat values already recorded in the same
// minute (the same resolver, the same update server), and those cost a map lookup, not a write.
const MAX_REMEMBERED = 500_000;

/** Records one event's `kind NUL raw` keys at its time. Runs inside the caller's transaction. */
function createValueRecorder(db: Database): (keys: readonly string[], ts: number) => void {
  const find = db.prepare<[string, string], number>(
    'SELECT id FROM observed_values WHERE kind = ? AND value = ?',
  );
  const add = db.prepare<[string, string]>(
    'INSERT INTO observed_values (kind, value) VALUES (?, ?)',
  );
  const addMinute = db.prepare(
    'INSERT OR IGNORE INTO observed_minutes (minute, value_id) VALUES (?, ?)',
  );
  /** key → [value id, the last minute recorded for it by this connection]. */
  const remembered = new Map<string, [number, number]>();
  return (keys, ts) => {
    const minute = ts - (ts % MINUTE_MS);
    for (const key of keys) {
      let known = remembered.get(key);
      if (known === undefined) {
        const separator = key.indexOf('\u0000');
        const kind = key.slice(0, separator);
        const value = key.slice(separator + 1);
        const id = find.pluck().get(kind, value) ?? Number(add.run(kind, value).lastInsertRowid);
        if (remembered.size >= MAX_REMEMBERED) remembered.clear();
        known = [id, Number.NaN];
        remembered.set(key, known);
      }
      if (known[1] === minute) continue;
      addMinute.run(minute, known[0]);
      known[1] = minute;
    }
  };
}
