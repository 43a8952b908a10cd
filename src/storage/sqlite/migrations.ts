// Versioned schema migrations of the embedded store. A migration is never edited once released:
// changes are new entries. Each runs in its own transaction and is recorded in schema_migrations.
import type { Database } from 'better-sqlite3';
import { ChanceryError } from '../../core/index.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events, rejects, sites, tokens',
    sql: `
      -- Events: hot filter fields as columns, the rest of the ECS document as JSON, the original
      -- record verbatim. Ids start with the event time, so the id index also orders by time.
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        ts INTEGER NOT NULL,
        dataset TEXT NOT NULL,
        site TEXT,
        zone TEXT,
        host_name TEXT,
        host_key TEXT,
        source_ip TEXT,
        destination_ip TEXT,
        user_name TEXT,
        doc TEXT NOT NULL,
        original TEXT NOT NULL
      );
      -- Two secondary indexes only: every index with random keys costs a B-tree write per event
      -- (docs/adr/0001). host_key is the event's own host: host.name, else its internal address.
      CREATE INDEX events_site ON events (site, id) WHERE site IS NOT NULL;
      CREATE INDEX events_host ON events (host_key, id) WHERE host_key IS NOT NULL;

      CREATE TABLE rejects (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        line INTEGER NOT NULL,
        reason TEXT NOT NULL,
        raw TEXT NOT NULL,
        raw_bytes INTEGER NOT NULL,
        raw_hash TEXT NOT NULL,
        format TEXT,
        received_at TEXT NOT NULL,
        UNIQUE (source, line, raw_hash)
      );

      CREATE TABLE sites (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        country TEXT NOT NULL,
        timezone_offset_minutes INTEGER NOT NULL,
        open_cidrs TEXT NOT NULL,
        closed_cidrs TEXT NOT NULL,
        attributes TEXT NOT NULL
      );

      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        secret_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT,
        last_used_at TEXT
      );
    `,
  },
  {
    version: 2,
    name: 'alerts',
    sql: `
      -- Alerts: the filter fields as columns, the whole alert as JSON. Far fewer rows than events,
      -- so each filter gets its own index ending in the time, which pages through it in order.
      -- ts is the alert's @timestamp (first event) and level its rank, 0 informational to 4 critical.
      CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        ts INTEGER NOT NULL,
        last_ts INTEGER NOT NULL,
        level INTEGER NOT NULL,
        detector TEXT NOT NULL,
        rule_id TEXT NOT NULL,
        site TEXT,
        host TEXT,
        retrospective INTEGER NOT NULL,
        count INTEGER NOT NULL,
        created TEXT NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX alerts_time ON alerts (ts, id);
      CREATE INDEX alerts_level ON alerts (level, ts, id);
      CREATE INDEX alerts_detector ON alerts (detector, ts, id);
      CREATE INDEX alerts_rule ON alerts (rule_id, ts, id);
      CREATE INDEX alerts_site ON alerts (site, ts, id) WHERE site IS NOT NULL;
      CREATE INDEX alerts_host ON alerts (host, ts, id) WHERE host IS NOT NULL;
    `,
  },
  {
    version: 3,
    name: 'mail',
    sql: `
      -- One verdict per stored email event; ts is the message date (epoch ms), rank the verdict's
      -- place in clean < spam < suspicious < phishing < targeted.
      CREATE TABLE mail_verdicts (
        event_id TEXT PRIMARY KEY,
        ts INTEGER NOT NULL,
        rank INTEGER NOT NULL,
        site TEXT,
        campaign TEXT,
        doc TEXT NOT NULL
      );
      CREATE INDEX mail_verdicts_time ON mail_verdicts (ts, event_id);
      CREATE INDEX mail_verdicts_rank ON mail_verdicts (rank, ts, event_id);
      -- Who has corresponded with whom, organization-wide: first contact is judged against it.
      CREATE TABLE mail_contacts (
        sender TEXT NOT NULL,
        recipient TEXT NOT NULL,
        first_ts INTEGER NOT NULL,
        last_ts INTEGER NOT NULL,
        PRIMARY KEY (sender, recipient)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    name: 'network',
    sql: `
      -- The latest score of each pair; score is 0..1000 (thousandths) so it sorts as an integer.
      CREATE TABLE network_pairs (
        pair TEXT PRIMARY KEY,
        score INTEGER NOT NULL,
        site TEXT,
        alert INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX network_pairs_score ON network_pairs (score, pair);
      CREATE TABLE network_first_seen (
        destination TEXT PRIMARY KEY,
        first_ts INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    name: 'intel',
    sql: `
      -- Indicators, one row per normalized (type, value); sources, markings and validity in doc.
      -- tlp is its rank (0 clear .. 4 red); times are epoch ms.
      CREATE TABLE indicators (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL,
        value TEXT NOT NULL,
        tlp INTEGER NOT NULL,
        added INTEGER NOT NULL,
        updated INTEGER NOT NULL,
        doc TEXT NOT NULL,
        UNIQUE (type, value)
      );
      CREATE INDEX indicators_updated ON indicators (updated, id);
      -- The value index retro-hunts search: every distinct matchable value of stored events, as
      -- the events carry it, and the minutes it was seen in (a retro-hunt then reads only those
      -- minutes). Written with each event batch so it is exactly as durable as the events.
      -- Minutes lead their key: as telemetry moves forward their inserts land at the tree's end.
      CREATE TABLE observed_values (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        UNIQUE (kind, value)
      );
      CREATE TABLE observed_minutes (
        minute INTEGER NOT NULL,
        value_id INTEGER NOT NULL,
        PRIMARY KEY (minute, value_id)
      ) WITHOUT ROWID;
      -- Events stored before this index existed are indexed on the first hunt, up to this seq.
      CREATE TABLE observed_backlog (through_seq INTEGER NOT NULL);
      INSERT INTO observed_backlog SELECT coalesce(max(seq), 0) FROM events;
    `,
  },
  {
    version: 6,
    name: 'incidents',
    sql: `
      -- Incidents as whole documents; the filter fields as columns. due_ts is the reporting
      -- deadline while the incident is not yet reported (NULL otherwise). Times are epoch ms.
      CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        severity INTEGER NOT NULL,
        category TEXT NOT NULL,
        campaign_id TEXT,
        is_campaign INTEGER NOT NULL,
        sites TEXT NOT NULL,
        first_ts INTEGER NOT NULL,
        last_ts INTEGER NOT NULL,
        due_ts INTEGER,
        doc TEXT NOT NULL
      );
      CREATE INDEX incidents_rank ON incidents (severity, last_ts, id);
      CREATE INDEX incidents_campaign ON incidents (campaign_id) WHERE campaign_id IS NOT NULL;
      CREATE INDEX incidents_due ON incidents (due_ts) WHERE due_ts IS NOT NULL;
      -- What links alerts to an incident: site-scoped host and observable keys, and global
      -- observable keys for campaigns; last_ts lets old incidents fall out of the window.
      CREATE TABLE incident_keys (
        key TEXT NOT NULL,
        incident_id TEXT NOT NULL,
        last_ts INTEGER NOT NULL,
        PRIMARY KEY (key, incident_id)
      ) WITHOUT ROWID;
      CREATE TABLE incident_alerts (
        alert_id TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];

/** Bring the database to the newest schema; refuses a database newer than this program. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .pluck()
      .all()
      .map((value) => Number(value)),
  );
  const newest = Math.max(0, ...migrations.map((migration) => migration.version));
  const unknown = [...applied].filter((version) => version > newest);
  if (unknown.length > 0) {
    throw new ChanceryError(
      'CHN_ERR_MIGRATION',
      `The store has schema version ${Math.max(...unknown)}, newer than this Chancery (${newest}); upgrade Chancery`,
    );
  }
  const ran: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    const apply = db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    });
    try {
      apply();
    } catch (error) {
      throw new ChanceryError(
        'CHN_ERR_MIGRATION',
        `Migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
      );
    }
    ran.push(migration.version);
  }
  return ran;
}
