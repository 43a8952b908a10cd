// Runs the storage contract against the embedded SQLite adapter, in memory and on disk, and
// checks what only this adapter promises: migrations and durability across reopen.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { makeAlert } from '../contracts/alert-store.contract.ts';
import { describeStoresContract, makeEvent } from '../contracts/stores.contract.ts';
import { INSERT_EVENT_SQL, toRow } from './event-row.ts';
import { openSqliteStores } from './index.ts';
import { migrate, MIGRATIONS } from './migrations.ts';

describeStoresContract('sqlite (memory)', () => openSqliteStores(':memory:'));
describeStoresContract('sqlite (file)', () =>
  openSqliteStores(mkdtempSync(join(tmpdir(), 'chancery-'))),
);

test('events survive closing and reopening the store', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chancery-'));
  try {
    const first = openSqliteStores(dir);
    await first.events.append([makeEvent(1), makeEvent(2)]);
    await first.close();
    const second = openSqliteStores(dir);
    assert.equal((await second.events.query({ limit: 10 })).events.length, 2);
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('migrations run once, in order, and refuse a newer schema', () => {
  const db = new BetterSqlite3(':memory:');
  assert.deepEqual(
    migrate(db),
    MIGRATIONS.map((m) => m.version),
  );
  assert.deepEqual(migrate(db), []);
  db.prepare('INSERT INTO schema_migrations VALUES (999, ?, ?)').run('future', 'now');
  assert.throws(() => migrate(db), /newer than this Chancery/);
  db.close();
});

test('a store of schema version 1 gains the alerts table and keeps its events', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chancery-'));
  try {
    const db = new BetterSqlite3(join(dir, 'chancery.db'));
    assert.deepEqual(migrate(db, MIGRATIONS.slice(0, 1)), [1]);
    db.prepare(INSERT_EVENT_SQL).run(toRow(makeEvent(1)));
    db.close();
    const stores = openSqliteStores(dir);
    assert.equal((await stores.events.query({ limit: 10 })).events.length, 1);
    await stores.alerts.upsert([makeAlert(1)]);
    assert.equal((await stores.alerts.query({ limit: 10 })).alerts.length, 1);
    await stores.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
