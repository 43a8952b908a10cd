// The `chancery` command line as a newcomer uses it: sites, org profile, ingest (files and
// stdin), search, rejects, tokens, and clear errors with exit codes.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixture } from '../support/data.ts';
import { chancery } from '../support/cli.ts';
import { scratchDir } from '../support/ingest.ts';

test('sites, org, ingest, events, rejects: the whole first-day workflow', () => {
  const data = scratchDir('chancery-cli-');
  const sites = chancery(data, ['sites', 'import', fixture('sites', 'sites.csv')]);
  assert.equal(sites.status, 0, sites.stderr);
  assert.match(sites.stderr, /imported 4 sites/);
  const listed = JSON.parse(chancery(data, ['sites', 'list', '--json']).stdout) as { id: string }[];
  assert.deepEqual(
    listed.map((s) => s.id),
    ['beijing', 'hq', 'paris', 'washington'],
  );

  const org = chancery(data, ['org', 'import', fixture('config', 'org.json')]);
  assert.equal(org.status, 0, org.stderr);
  const shown = JSON.parse(chancery(data, ['org', 'show']).stdout) as {
    name: string;
    watch_countries: string[];
  };
  assert.equal(shown.name, 'Ministry of Foreign Affairs');
  assert.deepEqual(shown.watch_countries, ['CN', 'KP']);

  const ingest = chancery(data, [
    'ingest',
    '--json',
    fixture('zeek', 'mixed.log'),
    fixture('suricata'),
  ]);
  assert.equal(ingest.status, 0, ingest.stderr);
  const report = JSON.parse(ingest.stdout) as {
    events: number;
    rejected: number;
    datasets: Record<string, number>;
  };
  assert.deepEqual(report.datasets, { 'suricata.eve': 11, 'zeek.conn': 1, 'zeek.dns': 2 });
  assert.equal(report.rejected, 2);

  const stdin = chancery(
    data,
    ['ingest', '--site', 'paris', '-'],
    readFileSync(fixture('syslog', 'messages.log')),
  );
  assert.equal(stdin.status, 0, stdin.stderr);
  assert.match(stdin.stderr, /5 events \(5 new, 0 already stored\), 1 rejected/);

  // Paris: the five syslog lines given --site, and two Suricata events from its own addresses.
  const paris = JSON.parse(
    chancery(data, ['events', '--site', 'paris', '--json', '-n', '100']).stdout,
  ) as { events: { event: { dataset: string } }[] };
  assert.deepEqual(paris.events.map((e) => e.event.dataset).sort(), [
    'suricata.eve',
    'suricata.eve',
    'syslog.log',
    'syslog.log',
    'syslog.log',
    'syslog.log',
    'syslog.log',
  ]);

  const closed = JSON.parse(
    chancery(data, ['events', '--where', 'network.zone=closed', '--json']).stdout,
  ) as { events: { source: { ip: string } }[] };
  assert.deepEqual(
    closed.events.map((e) => e.source.ip),
    ['10.220.3.4'],
  );
  const host = JSON.parse(
    chancery(data, [
      'events',
      '--host',
      '10.20.1.5',
      '--since',
      '2024-04-19T00:16:00Z',
      '--until',
      '2024-04-19T00:18:00Z',
      '--json',
    ]).stdout,
  ) as { events: unknown[] };
  // The DNS query and the HTTP request are 10.20.1.5's; the answer (from the resolver) is the resolver's.
  assert.equal(host.events.length, 2);

  const table = chancery(data, ['events', '-n', '2']);
  assert.match(table.stdout, /^@timestamp\s+dataset\s+site\s+host\s+summary/);
  assert.match(table.stderr, /more: --cursor \S+/);

  const rejects = JSON.parse(chancery(data, ['rejects', '--json']).stdout) as {
    total: number;
    rejects: { source: string; line: number; reason: string }[];
  };
  assert.equal(rejects.total, 3);
  assert.ok(rejects.rejects.some((r) => r.source === 'stdin' && r.line === 6));
});

test('tokens: create prints the secret once, list never does, revoke works', () => {
  const data = scratchDir('chancery-cli-');
  const created = chancery(data, ['tokens', 'create', 'site officer paris', '--role', 'ingest']);
  assert.equal(created.status, 0, created.stderr);
  const secret = created.stdout.trim();
  assert.match(secret, /^chy_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/);
  const listed = chancery(data, ['tokens', 'list', '--json']);
  assert.equal(listed.stdout.includes(secret), false);
  const [token] = JSON.parse(listed.stdout) as { id: string; role: string }[];
  assert.equal(token?.role, 'ingest');
  assert.equal(chancery(data, ['tokens', 'revoke', token?.id ?? '']).status, 0);
  assert.equal(chancery(data, ['tokens', 'revoke', token?.id ?? '']).status, 1);
  assert.equal(chancery(data, ['tokens', 'create', 'x', '--role', 'root']).status, 1);
});

test('errors are clear, coded and located, with non-zero exit codes', () => {
  const data = scratchDir('chancery-cli-');
  const badConfig = join(data, 'bad.yaml');
  writeFileSync(badConfig, readFileSync(fixture('config', 'bad.yaml')));
  const config = chancery(data, ['--config', badConfig, 'events']);
  assert.equal(config.status, 1);
  assert.match(config.stderr, /CHN_ERR_CONFIG_INVALID/);
  assert.match(config.stderr, /bad\.yaml:8:1: \/colour: unknown field 'colour'/);
  assert.match(config.stderr, /bad\.yaml:7:9: \/server\/port: /);

  const sites = chancery(data, ['sites', 'import', fixture('sites', 'bad-sites.csv')]);
  assert.equal(sites.status, 1);
  assert.match(sites.stderr, /CHN_ERR_SITES_INVALID/);
  assert.match(sites.stderr, /bad-sites\.csv:3: duplicate site id 'hq'/);

  assert.equal(chancery(data, ['ingest', '--format', 'nope', fixture('zeek')]).status, 1);
  assert.match(
    chancery(data, ['ingest', '--site', 'atlantis', fixture('zeek')]).stderr,
    /No site 'atlantis'/,
  );
  assert.equal(chancery(data, ['ingest', '/no/such/file']).status, 1);
  assert.equal(chancery(data, ['events', '--where', 'no-operator']).status, 1);
  assert.equal(chancery(data, ['events', '--since', 'last tuesday']).status, 1);
  assert.equal(chancery(data, ['frobnicate']).status, 2);
  const formats = chancery(data, ['formats']);
  assert.match(formats.stdout, /zeek-tsv/);
  assert.match(formats.stdout, /windows-json/);
});
