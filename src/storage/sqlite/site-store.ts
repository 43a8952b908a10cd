// The site registry on SQLite.
import type { Database } from 'better-sqlite3';
import type { Site } from '../../core/index.ts';
import type { SiteStore } from '../ports.ts';

interface SiteRow {
  id: string;
  name: string;
  country: string;
  timezone_offset_minutes: number;
  open_cidrs: string;
  closed_cidrs: string;
  attributes: string;
}

export class SqliteSiteStore implements SiteStore {
  constructor(private readonly db: Database) {}

  replaceAll(sites: readonly Site[]): Promise<void> {
    const insert = this.db.prepare(
      `INSERT INTO sites (id, name, country, timezone_offset_minutes, open_cidrs, closed_cidrs, attributes)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM sites').run();
      for (const site of sites) {
        insert.run(
          site.id,
          site.name,
          site.country,
          site.timezoneOffsetMinutes,
          JSON.stringify(site.openCidrs),
          JSON.stringify(site.closedCidrs),
          JSON.stringify(site.attributes),
        );
      }
    })();
    return Promise.resolve();
  }

  list(): Promise<Site[]> {
    const rows = this.db.prepare<[], SiteRow>('SELECT * FROM sites ORDER BY id').all();
    return Promise.resolve(
      rows.map((row) => ({
        id: row.id,
        name: row.name,
        country: row.country,
        timezoneOffsetMinutes: row.timezone_offset_minutes,
        openCidrs: JSON.parse(row.open_cidrs) as string[],
        closedCidrs: JSON.parse(row.closed_cidrs) as string[],
        attributes: JSON.parse(row.attributes) as Record<string, string>,
      })),
    );
  }
}
