// Configuration: defaults on first use, every problem reported with its location, org import.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ChanceryError } from '../core/index.ts';
import { importOrganization, loadConfig, locateConfig } from './load.ts';

const fixture = (name: string): string =>
  new URL(`../../test/fixtures/config/${name}`, import.meta.url).pathname;
const scratch = (): string => mkdtempSync(join(tmpdir(), 'chancery-config-'));

test('creates a commented default config in the data directory on first use', () => {
  const dir = scratch();
  const loaded = loadConfig({ dataDir: dir, env: {} });
  assert.equal(loaded.file, join(dir, 'chancery.yaml'));
  assert.equal(loaded.dataDir, dir);
  assert.equal(loaded.config.server.port, 8470);
  assert.equal(loaded.config.ingest.max_line_bytes, 1048576);
  assert.match(readFileSync(loaded.file, 'utf8'), /# ISO 3166-1 alpha-2 codes/);
});

test('finds the config through --config, then CHANCERY_CONFIG, then the data directory', () => {
  assert.equal(
    locateConfig({ configPath: '/etc/c.yaml', env: { CHANCERY_CONFIG: '/x.yaml' } }).file,
    '/etc/c.yaml',
  );
  assert.equal(locateConfig({ env: { CHANCERY_CONFIG: '/x.yaml' } }).file, '/x.yaml');
  assert.equal(locateConfig({ env: { CHANCERY_DATA_DIR: '/data' } }).file, '/data/chancery.yaml');
  assert.equal(locateConfig({ env: {}, cwd: '/srv' }).dataDir, '/srv/chancery-data');
});

test('an explicitly named config that does not exist is an error, not a silent default', () => {
  assert.throws(
    () => loadConfig({ configPath: join(scratch(), 'nope.yaml'), env: {} }),
    (error: unknown) => error instanceof ChanceryError && error.code === 'CHN_ERR_CONFIG_NOT_FOUND',
  );
});

test('reports every problem at once, each with its line and path', () => {
  try {
    loadConfig({ configPath: fixture('bad.yaml'), env: {} });
    assert.fail('bad config was accepted');
  } catch (error) {
    assert.ok(error instanceof ChanceryError);
    assert.equal(error.code, 'CHN_ERR_CONFIG_INVALID');
    const found = error.problems.map((p) => `${p.line}:${p.path}`).sort();
    assert.deepEqual(
      found,
      ['1:/name', '4:/domains/1', '5:/watch_countries/1', '7:/server/port', '8:/colour'].sort(),
    );
    assert.match(
      error.problems.find((p) => p.path === '/colour')?.message ?? '',
      /unknown field 'colour'/,
    );
  }
});

test('a YAML syntax error points at its line', () => {
  const dir = scratch();
  const file = join(dir, 'c.yaml');
  writeFileSync(file, 'name: x\ndomains: [a.b\n');
  assert.throws(
    () => loadConfig({ configPath: file, env: {} }),
    (error: unknown) =>
      error instanceof ChanceryError &&
      error.problems.length > 0 &&
      error.problems[0]?.line !== undefined,
  );
});

test('org import merges the profile and keeps the comments and other settings', () => {
  const dir = scratch();
  const { file } = loadConfig({ dataDir: dir, env: {} });
  const profile = importOrganization(file, fixture('org.json'));
  assert.equal(profile.name, 'Ministry of Foreign Affairs');
  const reloaded = loadConfig({ dataDir: dir, env: {} });
  assert.deepEqual(reloaded.config.domains, ['mofa.go.jp', 'mofa.example']);
  assert.deepEqual(reloaded.config.watch_countries, ['CN', 'KP']);
  assert.equal(reloaded.config.server.port, 8470);
  assert.match(readFileSync(file, 'utf8'), /# ISO 3166-1 alpha-2 codes/);
});

test('org import refuses an invalid profile and leaves the config untouched', () => {
  const dir = scratch();
  const { file } = loadConfig({ dataDir: dir, env: {} });
  const before = readFileSync(file, 'utf8');
  const bad = join(dir, 'org.json');
  writeFileSync(
    bad,
    JSON.stringify({ name: 'x', domains: ['UPPER.case'], watch_countries: ['XXX'], extra: 1 }),
  );
  assert.throws(
    () => importOrganization(file, bad),
    (error: unknown) =>
      error instanceof ChanceryError &&
      error.code === 'CHN_ERR_ORG_INVALID' &&
      error.problems.length === 3,
  );
  assert.equal(readFileSync(file, 'utf8'), before);
});
