// The value index the retro-hunt searches: written with each event batch (never for a duplicate),
// caught up for events stored before it existed, and searched by hour and raw text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EcsEvent } from '../../core/index.ts';
import { openDatabase } from './database.ts';
import { INSERT_EVENT_SQL, toRow } from './event-row.ts';
import { SqliteEventStore } from './event-store.ts';
import { SqliteValueIndex } from './value-index.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const T0 = Date.UTC(2011, 6, 12, 10, 30);

function event(ts: number, n: number, extra: Partial<EcsEvent>): EcsEvent {
  const id = `${ts.toString(16).padStart(12, '0')}${n.toString(16).padStart(20, '0')}`;
  return {
    '@timestamp': new Date(ts).toISOString(),
    event: { id, kind: 'event', dataset: 'test', module: 'test', original: `line ${n}` },
    ...extra,
  };
}

const events = [
  event(T0, 1, { destination: { ip: '203.0.113.7' }, dns: { question: { name: 'Evil.Example' } } }),
  event(T0 + 10 * 60_000, 2, { destination: { ip: '203.0.113.7' } }),
  event(T0 + 2 * HOUR, 3, {
    destination: { ip: '203.0.113.7' },
    process: { executable: 'C:\\Temp\\a.exe' },
  }),
];

async function values(index: SqliteValueIndex): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  await index.forEachValue((value) => found.set(`${value.kind} ${value.value}`, value.id));
  return found;
}

test('each batch records its distinct raw values and their minutes; duplicates add nothing', async () => {
  const db = openDatabase(':memory:');
  const store = new SqliteEventStore(db);
  const index = new SqliteValueIndex(db);
  await store.append(events);
  const found = await values(index);
  assert.deepEqual([...found.keys()].sort(), [
    'domain Evil.Example',
    'filename C:\\Temp\\a.exe',
    'ip 203.0.113.7',
  ]);
  const ip = found.get('ip 203.0.113.7') ?? 0;
  const minutes = await index.minutesOf([ip], T0 - 5 * HOUR, T0 + 5 * HOUR);
  assert.deepEqual([...minutes.keys()], [T0, T0 + 10 * MINUTE, T0 + 2 * HOUR]);
  // The window is honoured: a minute that starts before `since` still holds events after it.
  const within = async (since: number): Promise<number[]> => [
    ...(await index.minutesOf([ip], since, T0 + 5 * HOUR)).keys(),
  ];
  assert.deepEqual(await within(T0 + 10 * MINUTE + 5_000), [T0 + 10 * MINUTE, T0 + 2 * HOUR]);
  assert.deepEqual(await within(T0 + 11 * MINUTE), [T0 + 2 * HOUR]);
  const rows = (): number =>
    db.prepare('SELECT count(*) FROM observed_minutes').pluck().get() as number;
  const before = rows();
  assert.deepEqual(await store.append(events), { inserted: 0, duplicates: 3 });
  assert.equal(rows(), before);
});

test('events are found by the raw text of a value, backslashes included', async () => {
  const db = openDatabase(':memory:');
  await new SqliteEventStore(db).append(events);
  const index = new SqliteValueIndex(db);
  const found = await index.eventsContaining(['C:\\Temp\\a.exe'], T0, T0 + 3 * HOUR);
  assert.deepEqual(
    found.map((e) => e.event.original),
    ['line 3'],
  );
  assert.deepEqual(await index.eventsContaining(['C:\\Temp\\a.exe'], T0, T0 + HOUR), []);
});

test('events stored before the index existed are indexed on the first catch-up, once', async () => {
  const db = openDatabase(':memory:');
  const insert = db.prepare(INSERT_EVENT_SQL);
  for (const e of events) insert.run(toRow(e));
  // As migration 5 leaves a store that already held these events.
  db.prepare('UPDATE observed_backlog SET through_seq = (SELECT max(seq) FROM events)').run();
  const index = new SqliteValueIndex(db);
  assert.equal((await values(index)).size, 0);
  assert.equal(await index.catchUp(), 3);
  assert.equal((await values(index)).size, 3);
  assert.equal(await index.catchUp(), 0);
});
