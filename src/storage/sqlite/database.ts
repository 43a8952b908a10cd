// Opens the embedded SQLite database with the settings the rest of the adapter relies on:
// WAL so readers in other processes (the CLI while the server runs) never block the writer, and
// synchronous=NORMAL, under which a committed transaction survives a process crash (kill -9).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate } from './migrations.ts';

export function openDatabase(file: string): Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  // 16 KiB pages hold several ~1 KiB event rows each; set before the first table exists.
  db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  // Checkpoint in larger steps: fewer, longer sequential writes (measured in docs/adr/0001).
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}
