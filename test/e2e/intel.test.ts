// Threat intelligence as a CSIRT runs it: history is ingested first (Zeek DNS and HTTP, Sysmon),
// then a partner's indicators arrive weeks late as a STIX bundle, a MISP event and a plain list.
// The import hunts history at once and raises retrospective alerts dated when the attacker was
// there; re-importing changes nothing; new telemetry alerts live; a warninglisted indicator is
// held back until forced.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Alert } from '../../src/core/index.ts';
import { chancery } from '../support/cli.ts';
import { fixture } from '../support/data.ts';
import { scratchDir } from '../support/ingest.ts';
import { zeekLog } from '../support/zeek-log.ts';

const DAY = 86_400_000;
const HASH_SHA256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

const seconds = (ms: number): string => (ms / 1000).toFixed(6);

function dnsLog(rows: [number, string, string][]): string {
  return zeekLog(
    'dns',
    [
      'ts',
      'uid',
      'id.orig_h',
      'id.orig_p',
      'id.resp_h',
      'id.resp_p',
      'proto',
      'query',
      'qtype_name',
      'rcode_name',
      'answers',
    ],
    rows.map(([ts, host, query], n) =>
      [
        seconds(ts),
        `D${n}`,
        host,
        '53000',
        '10.0.0.1',
        '53',
        'udp',
        query,
        'A',
        'NOERROR',
        '192.0.2.1',
      ].join('\t'),
    ),
  );
}

function httpLog(rows: [number, string, string, string, string][]): string {
  return zeekLog(
    'http',
    [
      'ts',
      'uid',
      'id.orig_h',
      'id.orig_p',
      'id.resp_h',
      'id.resp_p',
      'method',
      'host',
      'uri',
      'status_code',
    ],
    rows.map(([ts, src, dst, host, uri], n) =>
      [seconds(ts), `H${n}`, src, '50000', dst, '80', 'GET', host, uri, '200'].join('\t'),
    ),
  );
}

function sysmonLine(ts: number, host: string, image: string, sha256: string): string {
  const time = new Date(ts).toISOString();
  return JSON.stringify({
    EventTime: time.replace('T', ' ').slice(0, 19),
    '@timestamp': time,
    Hostname: host,
    EventID: 1,
    SourceName: 'Microsoft-Windows-Sysmon',
    Channel: 'Microsoft-Windows-Sysmon/Operational',
    UtcTime: time.replace('T', ' ').slice(0, 23),
    ProcessId: '4242',
    Image: image,
    CommandLine: image,
    User: 'MOFA\\taro',
    Hashes: `SHA256=${sha256.toUpperCase()}`,
    ParentImage: 'C:\\Windows\\explorer.exe',
  });
}

function indicators(dir: string, now: number): { stix: string; misp: string; list: string } {
  // Shared two days ago: indicators decay from when their source last vouched for them.
  const shared = new Date(now - 2 * DAY).toISOString();
  const sharedEpoch = String(Math.floor((now - 2 * DAY) / 1000));
  const stix = join(dir, 'partner.stix.json');
  writeFileSync(
    stix,
    JSON.stringify({
      type: 'bundle',
      id: 'bundle--7a2f1e3c-0000-4000-8000-000000000001',
      objects: [
        {
          type: 'indicator',
          spec_version: '2.1',
          id: 'indicator--7a2f1e3c-0000-4000-8000-000000000002',
          created: shared,
          modified: shared,
          name: 'C2 domain of the mission backdoor',
          pattern: "[domain-name:value = 'update-mofa.example']",
          pattern_type: 'stix',
          valid_from: shared,
          confidence: 90,
          object_marking_refs: ['marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb'],
        },
        {
          type: 'malware',
          spec_version: '2.1',
          id: 'malware--7a2f1e3c-0000-4000-8000-000000000003',
          created: shared,
          modified: shared,
          name: 'MissionRAT',
          is_family: true,
        },
        {
          type: 'relationship',
          spec_version: '2.1',
          id: 'relationship--7a2f1e3c-0000-4000-8000-000000000004',
          created: shared,
          modified: shared,
          relationship_type: 'indicates',
          source_ref: 'indicator--7a2f1e3c-0000-4000-8000-000000000002',
          target_ref: 'malware--7a2f1e3c-0000-4000-8000-000000000003',
        },
      ],
    }),
  );
  const misp = join(dir, 'event.misp.json');
  writeFileSync(
    misp,
    JSON.stringify({
      Event: {
        uuid: '5b1c0000-0000-4000-8000-000000000001',
        info: 'MissionRAT dropper',
        threat_level_id: '1',
        Orgc: { name: 'Partner CERT' },
        Tag: [{ name: 'tlp:amber' }],
        Attribute: [
          {
            uuid: '5b1c0000-0000-4000-8000-000000000002',
            type: 'sha256',
            category: 'Payload delivery',
            to_ids: true,
            value: HASH_SHA256,
            timestamp: sharedEpoch,
          },
          {
            uuid: '5b1c0000-0000-4000-8000-000000000003',
            type: 'ip-dst',
            category: 'Network activity',
            to_ids: true,
            value: '8.8.8.8',
            timestamp: sharedEpoch,
          },
        ],
      },
    }),
  );
  const list = join(dir, 'iocs.txt');
  writeFileSync(
    list,
    '# partner list\n198.51.100.0/24\nhxxp://files-mofa[.]example/get.php\nnot an indicator at all\n',
  );
  return { stix, misp, list };
}

function alertsOf(data: string, extra: string[] = []): Alert[] {
  const listed = chancery(data, ['alerts', '--json', '--detector', 'intel', '-n', '500', ...extra]);
  assert.equal(listed.status, 0, listed.stderr);
  return JSON.parse(listed.stdout) as Alert[];
}

test('indicators arriving late find the past, alert live afterwards, and never duplicate', () => {
  const data = scratchDir('chancery-intel-');
  const now = Date.now();
  const past = now - 40 * DAY;
  const tooOld = now - 100 * DAY;
  const history = join(data, 'history');
  const logs = {
    dns: `${history}-dns.log`,
    http: `${history}-http.log`,
    sysmon: `${history}-sysmon.ndjson`,
  };
  writeFileSync(
    logs.dns,
    dnsLog([
      [past, '10.1.1.5', 'www.update-mofa.example'],
      [past + 60_000, '10.1.1.6', 'www.example.org'],
      [tooOld, '10.1.1.7', 'update-mofa.example'],
    ]),
  );
  writeFileSync(
    logs.http,
    httpLog([
      [past + 120_000, '10.1.1.5', '198.51.100.23', 'files-mofa.example', '/get.php?id=5'],
      [past + 180_000, '10.1.1.8', '8.8.8.8', 'dns.google', '/'],
    ]),
  );
  writeFileSync(
    logs.sysmon,
    `${sysmonLine(past + 240_000, 'ws-lima-01', 'C:\\Users\\taro\\AppData\\Local\\Temp\\minutes.exe', HASH_SHA256)}\n`,
  );
  const first = chancery(data, ['ingest', '--json', logs.dns, logs.http, logs.sysmon]);
  assert.equal(first.status, 0, first.stderr);
  assert.equal((JSON.parse(first.stdout) as { events: number }).events, 6);
  assert.deepEqual(alertsOf(data), [], 'no indicators yet, no intel alerts');

  // Warninglists are configured: 8.8.8.8 is a public resolver.
  const configFile = join(data, 'chancery.yaml');
  const config = readFileSync(configFile, 'utf8').replace(
    /^( {2}warninglist_paths: )\[\]( {2}# indicators on these lists)/m,
    `$1[${JSON.stringify(fixture('warninglists', 'lists'))}]$2`,
  );
  assert.match(config, /warninglists\/lists/);
  writeFileSync(configFile, config);

  const files = indicators(data, now);
  const imported = chancery(data, [
    'intel',
    'import',
    '--json',
    files.stix,
    files.misp,
    files.list,
  ]);
  assert.equal(imported.status, 0, imported.stderr);
  const report = JSON.parse(imported.stdout) as {
    inserted: number;
    heldBack: number;
    problems: { ref: string; reason: string }[];
    hunt: { matches: number; alerts: number; heldBack: number };
  };
  assert.equal(report.inserted, 5, JSON.stringify(report));
  assert.equal(report.heldBack, 1);
  assert.equal(report.problems.length, 1);
  assert.equal(report.problems[0]?.ref, 'line 4');

  const retro = alertsOf(data);
  const byRule = new Map(retro.map((alert) => [alert.rule.id, alert]));
  assert.deepEqual([...byRule.keys()].sort(), [
    'chancery-intel:cidr:198.51.100.0/24',
    'chancery-intel:domain:update-mofa.example',
    `chancery-intel:sha256:${HASH_SHA256}`,
    'chancery-intel:url:http://files-mofa.example/get.php',
  ]);
  for (const alert of retro) {
    assert.equal(alert.retrospective, true);
    assert.ok(
      Math.abs(Date.parse(alert['@timestamp']) - past) < 10 * 60_000,
      'dated when it happened',
    );
  }
  const domain = byRule.get('chancery-intel:domain:update-mofa.example');
  assert.match(domain?.rule.name ?? '', /MissionRAT/);
  assert.deepEqual(domain?.matched, [
    { field: 'dns.question.name', value: 'www.update-mofa.example' },
  ]);
  assert.equal(domain?.level, 'high');
  const hash = byRule.get(`chancery-intel:sha256:${HASH_SHA256}`);
  assert.equal(hash?.host, 'ws-lima-01');
  assert.equal((hash?.details?.indicator as { tlp: string }).tlp, 'amber');
  assert.equal(report.hunt.heldBack, 1, '8.8.8.8 matched but was held back');

  // The same inputs again: nothing new, nothing duplicated.
  const again = JSON.parse(
    chancery(data, ['intel', 'import', '--json', files.stix, files.misp, files.list]).stdout,
  ) as {
    inserted: number;
    unchanged: number;
  };
  assert.deepEqual([again.inserted, again.unchanged], [0, 5]);
  assert.equal(alertsOf(data).length, retro.length);

  // New telemetry is matched as it arrives.
  const live = `${history}-live-dns.log`;
  writeFileSync(live, dnsLog([[now - 60_000, '10.2.2.2', 'cdn.update-mofa.example']]));
  assert.equal(chancery(data, ['ingest', live]).status, 0);
  const liveAlerts = alertsOf(data, ['--live']);
  assert.equal(liveAlerts.length, 1);
  assert.equal(liveAlerts[0]?.matched[0]?.value, 'cdn.update-mofa.example');

  // The held-back resolver, forced, is found by the next hunt.
  const listed = JSON.parse(chancery(data, ['intel', 'search', '8.8.8.8', '--json']).stdout) as {
    id: number;
    warninglists: string[];
  }[];
  assert.equal(listed.length, 1);
  assert.deepEqual(listed[0]?.warninglists, ['Fixture public DNS resolvers (IPv4)']);
  assert.equal(chancery(data, ['intel', 'force', String(listed[0]?.id)]).status, 0);
  const hunt = JSON.parse(chancery(data, ['intel', 'hunt', '--json']).stdout) as {
    alerts: number;
    heldBack: number;
  };
  assert.equal(hunt.heldBack, 0);
  assert.ok(alertsOf(data).some((alert) => alert.rule.id === 'chancery-intel:ipv4:8.8.8.8'));

  const shown = chancery(data, ['intel', 'show', String(listed[0]?.id)]);
  assert.equal(shown.status, 0, shown.stderr);
  assert.match(shown.stdout, /Partner CERT/);
  assert.match(shown.stdout, /forced: alerts anyway/);
});
