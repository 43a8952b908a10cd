// The embedded storage adapter: every store in one SQLite file under the data directory.
import { join } from 'node:path';
import type { Stores } from '../ports.ts';
import { SqliteAlertStore } from './alert-store.ts';
import { openDatabase } from './database.ts';
import { SqliteEventStore } from './event-store.ts';
import { EventWriter } from './event-writer.ts';
import { SqliteIncidentStore } from './incident-store.ts';
import { SqliteIntelStore } from './intel-store.ts';
import { SqliteMailStore } from './mail-store.ts';
import { SqliteNetworkStore } from './network-store.ts';
import { SqliteRejectStore } from './reject-store.ts';
import { SqliteSiteStore } from './site-store.ts';
import { SqliteTokenStore } from './token-store.ts';
import { SqliteValueIndex } from './value-index.ts';

/** Open (creating and migrating as needed) the stores in `<dataDir>/chancery.db`; `:memory:` for a throwaway store. */
export function openSqliteStores(dataDir: string): Stores {
  const file = dataDir === ':memory:' ? ':memory:' : join(dataDir, 'chancery.db');
  const db = openDatabase(file);
  const writer = file === ':memory:' ? undefined : new EventWriter(file);
  return {
    events: new SqliteEventStore(db, writer),
    rejects: new SqliteRejectStore(db),
    sites: new SqliteSiteStore(db),
    tokens: new SqliteTokenStore(db),
    alerts: new SqliteAlertStore(db),
    mail: new SqliteMailStore(db),
    network: new SqliteNetworkStore(db),
    intel: new SqliteIntelStore(db),
    incidents: new SqliteIncidentStore(db),
    values: new SqliteValueIndex(db),
    close: async () => {
      await writer?.close();
      db.close();
    },
  };
}
