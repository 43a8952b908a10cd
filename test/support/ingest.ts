// A throwaway ingest stack for tests: the real pipeline over an in-memory (or temporary) store.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSiteCsv } from '../../src/enrich/site/registry-csv.ts';
import { SiteMatcher } from '../../src/enrich/site/site-matcher.ts';
import { Ingestor, type IngestLimits } from '../../src/pipeline/ingestor.ts';
import type { Stores } from '../../src/storage/ports.ts';
import { openSqliteStores } from '../../src/storage/sqlite/index.ts';
import { fixture } from './data.ts';

export const TEST_LIMITS: IngestLimits = {
  max_line_bytes: 1024 * 1024,
  max_document_bytes: 8 * 1024 * 1024,
  reject_keep_bytes: 512,
  batch_size: 500,
};

export interface TestStack {
  stores: Stores;
  ingestor: Ingestor;
  matcher: SiteMatcher;
}

export function testSites() {
  return readSiteCsv(readFileSync(fixture('sites', 'sites.csv'), 'utf8'), 'sites.csv').sites;
}

export function ingestStack(limits: Partial<IngestLimits> = {}, dataDir = ':memory:'): TestStack {
  const stores = openSqliteStores(dataDir);
  const matcher = new SiteMatcher(testSites());
  const ingestor = new Ingestor({
    events: stores.events,
    rejects: stores.rejects,
    matcher,
    limits: { ...TEST_LIMITS, ...limits },
  });
  return { stores, ingestor, matcher };
}

export function scratchDir(prefix = 'chancery-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
