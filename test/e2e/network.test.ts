// The network analytics as a user runs them: a day of Zeek conn.log from two sites (written here:
// a backdoor beaconing every 300 s ±20%, polling every host does, a closed-network host reaching
// the internet) ingested with `chancery ingest`, scored as it arrives, listed by
// `chancery beacons`, alerted in `chancery alerts`, and scored again by `chancery analyze`.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Alert } from '../../src/core/index.ts';
import type { ScoredPair } from '../../src/detect/network/scored-pair.ts';
import { chancery } from '../support/cli.ts';
import { scratchDir } from '../support/ingest.ts';
import { ConnLog } from '../support/zeek-log.ts';

const START = Date.UTC(2011, 6, 12) / 1000;
function connLog(): string {
  const log = new ConnLog();
  const row = (
    ts: number,
    src: string,
    dst: string,
    port: number,
    bytes: number,
    duration?: number,
  ): void => log.add(ts * 1000, src, dst, port, bytes, duration);
  for (let h = 0; h < 12; h++) {
    const ip = `10.${h < 6 ? 1 : 2}.0.${10 + h}`;
    for (let k = 0; k < 48; k++) row(START + k * 1800 + 20 + h, ip, '13.107.4.50', 443, 900);
  }
  let jitter = 7;
  for (let t = START + 5; t < START + 86_400; t += 240 + (jitter = (jitter * 31 + 11) % 121))
    row(t, '10.1.0.10', '45.77.10.9', 443, 420);
  row(START + 40_000, '10.201.0.5', '45.77.10.9', 443, 5000, 2);
  return log.text();
}

test('beacons and a closed-network breach from Zeek logs: live scoring, beacons, alerts, analyze', () => {
  const data = scratchDir('chancery-net-');
  const dir = mkdtempSync(join(tmpdir(), 'chancery-zeek-'));
  writeFileSync(
    join(dir, 'sites.csv'),
    'id,name,country,timezone_offset,open_cidrs,closed_cidrs\ntokyo,Tokyo,JP,+09:00,10.1.0.0/16,10.201.0.0/16\nseoul,Seoul,KR,+09:00,10.2.0.0/16,\n',
  );
  writeFileSync(join(dir, 'conn.log'), connLog());
  assert.equal(chancery(data, ['sites', 'import', join(dir, 'sites.csv')]).status, 0);
  const ingest = chancery(data, ['ingest', join(dir, 'conn.log')]);
  assert.equal(ingest.status, 0, ingest.stderr);

  const beacons = chancery(data, ['beacons', '--json']);
  assert.equal(beacons.status, 0, beacons.stderr);
  const pairs = JSON.parse(beacons.stdout) as ScoredPair[];
  const backdoor = pairs.find((pair) => pair.src === '10.1.0.10' && pair.dst === '45.77.10.9');
  assert.ok(backdoor?.beacon !== undefined, JSON.stringify(pairs.slice(0, 3)));
  assert.ok(backdoor.beacon.score >= 0.8, `beacon ${backdoor.beacon.score}`);
  assert.equal(backdoor.alert, true);
  assert.equal(backdoor.site, 'tokyo');
  for (const key of ['timestamp', 'data_size', 'histogram', 'duration'] as const)
    assert.equal(typeof backdoor.beacon[key], 'number');
  assert.equal(backdoor.prevalence.hosts, 2, 'the backdoored host and the closed-network one');
  const polling = pairs.filter((pair) => pair.dst === '13.107.4.50');
  assert.ok(polling.length === 12 && polling.every((pair) => !pair.alert));

  const alerts = JSON.parse(
    chancery(data, ['alerts', '--detector', 'network', '--json']).stdout,
  ) as Alert[];
  const rules = alerts.map((alert) => alert.rule.id).sort();
  assert.deepEqual(rules, ['chancery-network-beacon', 'chancery-network-zone-breach']);
  const breach = alerts.find((alert) => alert.rule.id === 'chancery-network-zone-breach');
  assert.equal(breach?.level, 'critical');
  assert.ok(breach?.observables.some((o) => o.type === 'ip' && o.value === '10.201.0.5'));

  const analyze = chancery(data, ['analyze', '--since', '2011-07-11T00:00:00Z', '--json']);
  assert.equal(analyze.status, 0, analyze.stderr);
  const report = JSON.parse(analyze.stdout) as {
    connections: number;
    hosts: number;
    alerts: number;
  };
  assert.equal(report.hosts, 13);
  assert.ok(report.alerts >= 2);
  const retro = JSON.parse(
    chancery(data, ['alerts', '--detector', 'network', '--retrospective', '--json']).stdout,
  ) as Alert[];
  assert.ok(retro.length >= 2);
});
