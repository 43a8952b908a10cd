// The composition root: the one place that picks adapters and wires the stages together.
// The CLI and the server ask it for an App and never construct stores themselves.
import { loadConfig, type LoadedConfig, type LocateOptions } from './config/load.ts';
import { SiteMatcher } from './enrich/site/site-matcher.ts';
import { Ingestor } from './pipeline/ingestor.ts';
import type { Stores } from './storage/ports.ts';
import { openSqliteStores } from './storage/sqlite/index.ts';

export interface App {
  config: LoadedConfig;
  stores: Stores;
  ingestor: Ingestor;
  /** Rebuilds the site matcher after the registry changed (sites import). */
  reloadSites(): Promise<SiteMatcher>;
  close(): Promise<void>;
}

export async function openApp(options: LocateOptions = {}): Promise<App> {
  const config = loadConfig(options);
  const stores = openSqliteStores(config.dataDir);
  let matcher = new SiteMatcher(await stores.sites.list());
  const ingestor = new Ingestor({
    events: stores.events,
    rejects: stores.rejects,
    get matcher() {
      return matcher;
    },
    limits: config.config.ingest,
  });
  return {
    config,
    stores,
    ingestor,
    async reloadSites() {
      matcher = new SiteMatcher(await stores.sites.list());
      return matcher;
    },
    close: () => stores.close(),
  };
}
