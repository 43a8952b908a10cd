// The built-in log-source pipelines: how real SigmaHQ logsources resolve (category and service
// narrow, product widens, case ignored, unknown products route nowhere), the route keys of real
// events from our own parsers in every Windows JSON shape, Zeek and Suricata, and what loading
// reports for a broken or overriding pipeline file.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ChanceryError, type EcsEvent } from '../../../core/index.ts';
import { fixture } from '../../../../test/support/data.ts';
import { finish, lineParser } from '../../../../test/support/events.ts';
import type { LogSource } from '../rule/model.ts';
import { loadDefaultPipeline, loadPipeline } from './pipeline.ts';

const pipeline = loadDefaultPipeline();
const keysOf = (logsource: LogSource): string[] => pipeline.resolve(logsource).map((r) => r.key);
const SYSMON = 'windows:microsoft-windows-sysmon/operational';

/** Every line of a fixture through its real parser; lines the parser rejects are left out. */
function events(type: string, file: string): EcsEvent[] {
  const parser = lineParser(type, file);
  const out: EcsEvent[] = [];
  readFileSync(fixture(file), 'utf8')
    .split('\n')
    .forEach((line, index) => {
      const outcome = line === '' ? undefined : parser.parseLine(line, index + 1);
      if (outcome !== undefined && 'event' in outcome) out.push(finish(outcome));
    });
  return out;
}

test('Windows categories resolve to their Sysmon, Security and PowerShell events', () => {
  assert.deepEqual(keysOf({ product: 'windows', category: 'process_creation' }), [
    `${SYSMON}:1`,
    'windows:security:4688',
  ]);
  assert.deepEqual(keysOf({ product: 'windows', category: 'registry_event' }), [
    `${SYSMON}:12`,
    `${SYSMON}:13`,
    `${SYSMON}:14`,
  ]);
  assert.deepEqual(keysOf({ product: 'windows', category: 'ps_script' }), [
    'windows:microsoft-windows-powershell/operational:4104',
    'windows:powershellcore/operational:4104',
  ]);
  assert.deepEqual(keysOf({ product: 'windows', category: 'ps_classic_start' }), [
    'windows:windows powershell:400',
  ]);
  assert.deepEqual(keysOf({ product: 'windows', category: 'pipe_created' }), [
    `${SYSMON}:17`,
    `${SYSMON}:18`,
  ]);
});

test('Security 4688 reads Sysmon names from its own fields; other fields are EventData names', () => {
  const [sysmon, security] = pipeline.resolve({ product: 'windows', category: 'process_creation' });
  assert.deepEqual(security?.fields.Image, ['winlog.event_data.NewProcessName']);
  assert.deepEqual(security?.fields.ParentImage, ['winlog.event_data.ParentProcessName']);
  assert.equal(sysmon?.fields.Image, undefined);
  assert.equal(sysmon?.defaultPrefix, 'winlog.event_data.');
  assert.deepEqual(sysmon?.fields.EventID, ['winlog.event_id']);
  assert.deepEqual(sysmon?.fields.Channel, ['winlog.channel']);
  assert.deepEqual(sysmon?.fields.Provider_Name, ['winlog.provider_name']);
  assert.deepEqual(sysmon?.fields.Computer?.[0], 'winlog.computer_name');
  assert.deepEqual(sysmon?.keywords, ['winlog.event_data.*', 'message']);
});

test('registry_add and registry_delete tell Sysmon 12 apart by EventType', () => {
  const [add] = pipeline.resolve({ product: 'windows', category: 'registry_add' });
  const [remove] = pipeline.resolve({ product: 'windows', category: 'registry_delete' });
  assert.equal(add?.key, `${SYSMON}:12`);
  assert.deepEqual(add?.where, [{ path: 'winlog.event_data.EventType', values: ['CreateKey'] }]);
  assert.deepEqual(remove?.where, [
    { path: 'winlog.event_data.EventType', values: ['DeleteKey', 'DeleteValue'] },
  ]);
  assert.equal(
    pipeline.resolve({ product: 'windows', category: 'registry_set' })[0]?.where,
    undefined,
  );
});

test('services are channels; the product alone is every Windows event; case is ignored', () => {
  assert.deepEqual(keysOf({ product: 'windows', service: 'security' }), ['windows:security:*']);
  assert.deepEqual(keysOf({ product: 'Windows', service: 'SECURITY' }), ['windows:security:*']);
  assert.deepEqual(keysOf({ product: 'WINDOWS', category: 'Process_Creation' }), [
    `${SYSMON}:1`,
    'windows:security:4688',
  ]);
  assert.deepEqual(keysOf({ product: 'windows', service: 'windefend' }), [
    'windows:microsoft-windows-windows defender/operational:*',
  ]);
  assert.deepEqual(keysOf({ product: 'windows', service: 'powershell' }), [
    'windows:microsoft-windows-powershell/operational:*',
    'windows:powershellcore/operational:*',
  ]);
  assert.deepEqual(keysOf({ product: 'windows' }), ['windows:*:*']);
  const [defender] = pipeline.resolve({ product: 'windows', service: 'windefend' });
  assert.deepEqual(defender?.fields.ThreatName?.[0], 'winlog.event_data.Threat Name');
});

test('a category with a service keeps the category routes inside the service', () => {
  assert.deepEqual(
    keysOf({ product: 'windows', category: 'process_creation', service: 'security' }),
    ['windows:security:4688'],
  );
  assert.deepEqual(
    keysOf({ product: 'windows', category: 'process_creation', service: 'sysmon' }),
    [`${SYSMON}:1`],
  );
  assert.deepEqual(
    keysOf({ product: 'windows', category: 'process_creation', service: 'system' }),
    [],
  );
  const [antivirus] = pipeline.resolve({ category: 'antivirus', service: 'windefend' });
  // Both routes' fields: the category's Signature and the service's Defender names.
  assert.deepEqual(antivirus?.fields.Signature?.[0], 'winlog.event_data.Threat Name');
  assert.deepEqual(antivirus?.fields.ProcessName?.[0], 'winlog.event_data.Process Name');
});

test('network categories route to Zeek and Suricata with ECS paths; a product narrows them', () => {
  assert.deepEqual(keysOf({ category: 'dns' }), ['dataset:zeek.dns', 'dataset:suricata.eve:dns']);
  assert.deepEqual(keysOf({ product: 'zeek', category: 'dns' }), ['dataset:zeek.dns']);
  assert.deepEqual(keysOf({ category: 'proxy' }), [
    'dataset:zeek.http',
    'dataset:suricata.eve:http',
  ]);
  assert.deepEqual(keysOf({ category: 'firewall' }), [
    'dataset:zeek.conn',
    'dataset:suricata.eve:flow',
    'dataset:suricata.eve:netflow',
  ]);
  const [dns] = pipeline.resolve({ category: 'dns' });
  assert.deepEqual(dns?.fields.query, ['dns.question.name']);
  assert.equal(dns?.defaultPrefix, undefined);
  const [proxy] = pipeline.resolve({ category: 'proxy' });
  assert.deepEqual(proxy?.fields['c-useragent'], ['user_agent.original']);
  assert.deepEqual(proxy?.fields['cs-host']?.[0], 'url.domain');
  const [web] = pipeline.resolve({ category: 'webserver' });
  assert.deepEqual(web?.fields['cs-uri-query'], ['url.query']);
  assert.deepEqual(web?.fields['c-ip'], ['source.ip']);
  assert.deepEqual(keysOf({ service: 'netflow' }), keysOf({ category: 'firewall' }));
});

test('product zeek: mapped logs read Zeek names from ECS, the others from zeek.<log>', () => {
  const [dns] = pipeline.resolve({ product: 'zeek', service: 'dns' });
  assert.equal(dns?.key, 'dataset:zeek.dns');
  assert.deepEqual(dns?.fields.query, ['dns.question.name']);
  assert.deepEqual(dns?.fields['id.resp_p'], ['destination.port']);
  assert.equal(dns?.defaultPrefix, 'zeek.dns.');
  const [smb] = pipeline.resolve({ product: 'Zeek', service: 'smb_files' });
  assert.equal(smb?.key, 'dataset:zeek.smb_files');
  assert.equal(smb?.defaultPrefix, 'zeek.smb_files.');
  assert.deepEqual(smb?.fields['id.orig_h'], ['source.ip']);
  assert.deepEqual(keysOf({ product: 'zeek', service: 'dce_rpc' }), ['dataset:zeek.dce_rpc']);
  assert.deepEqual(keysOf({ product: 'zeek', service: '../etc' }), []);
});

test('log sources no Chancery event carries resolve to nothing', () => {
  for (const logsource of [
    { product: 'aws', service: 'cloudtrail' },
    { product: 'linux', category: 'process_creation' },
    { product: 'linux', service: 'auditd' },
    { product: 'windows', category: 'file_access' },
    { product: 'windows', service: 'no-such-channel' },
    { product: 'zeek' },
    { category: 'process_creation', product: 'macos' },
    {},
  ])
    assert.deepEqual(keysOf(logsource), [], JSON.stringify(logsource));
});

test('route keys of Windows events in all three JSON shapes, most specific first', () => {
  const flatAndNested = events('windows-json', 'windows/shapes.ndjson').map((e) =>
    pipeline.routeKeys(e),
  );
  assert.deepEqual(flatAndNested, [
    // NXLog flat, channel written in lower case.
    ['windows:security:5156', 'windows:security:*', 'windows:*:*'],
    // evtx-rs nested.
    [`${SYSMON}:13`, `${SYSMON}:*`, 'windows:*:*'],
    [`${SYSMON}:22`, `${SYSMON}:*`, 'windows:*:*'],
    ['windows:windows powershell:800', 'windows:windows powershell:*', 'windows:*:*'],
    ['windows:security:1102', 'windows:security:*', 'windows:*:*'],
  ]);
  const winlogbeat = events('windows-json', 'windows/winlogbeat.ndjson').map((e) =>
    pipeline.routeKeys(e),
  );
  assert.deepEqual(winlogbeat, [
    [`${SYSMON}:1`, `${SYSMON}:*`, 'windows:*:*'],
    ['windows:security:4624', 'windows:security:*', 'windows:*:*'],
  ]);
});

test('route keys of Zeek and Suricata events name their dataset, and Suricata its event type', () => {
  const zeek = events('zeek-tsv', 'zeek/mixed.log').map((e) => pipeline.routeKeys(e));
  assert.deepEqual(zeek[0], ['dataset:zeek.dns']);
  assert.ok(zeek.some((keys) => keys[0] === 'dataset:zeek.conn'));
  const edge = events('zeek-tsv', 'zeek/edge-cases.log').map((e) => pipeline.routeKeys(e)[0]);
  assert.deepEqual(
    [...new Set(edge)],
    ['dataset:zeek.http', 'dataset:zeek.known_hosts', 'dataset:zeek.files'],
  );
  const eve = events('suricata-eve', 'suricata/eve-v2.json').map((e) => pipeline.routeKeys(e));
  assert.deepEqual(eve[0], ['dataset:suricata.eve:alert', 'dataset:suricata.eve']);
  assert.ok(eve.some((keys) => keys[0] === 'dataset:suricata.eve:flow'));
  assert.ok(eve.some((keys) => keys[0] === 'dataset:suricata.eve:http'));
  const v3 = events('suricata-eve', 'suricata/eve-v3.json').map((e) => pipeline.routeKeys(e));
  assert.deepEqual(v3, [
    ['dataset:suricata.eve:dns', 'dataset:suricata.eve'],
    ['dataset:suricata.eve:dns', 'dataset:suricata.eve'],
  ]);
});

test('every parsed event meets the rules written for it, and no others', () => {
  const meets = (event: EcsEvent, logsource: LogSource): boolean => {
    const keys = pipeline.routeKeys(event);
    return pipeline.resolve(logsource).some((route) => keys.includes(route.key));
  };
  const [security5156, registry, dnsQuery, classic, cleared] = events(
    'windows-json',
    'windows/shapes.ndjson',
  );
  const [processCreate, logon] = events('windows-json', 'windows/winlogbeat.ndjson');
  const windows = { product: 'windows' };
  assert.ok(meets(processCreate!, { ...windows, category: 'process_creation' }));
  assert.ok(!meets(logon!, { ...windows, category: 'process_creation' }));
  assert.ok(meets(logon!, { ...windows, service: 'security' }));
  assert.ok(meets(security5156!, { ...windows, service: 'security' }));
  assert.ok(meets(registry!, { ...windows, category: 'registry_set' }));
  assert.ok(meets(registry!, { ...windows, category: 'registry_event' }));
  assert.ok(meets(dnsQuery!, { ...windows, category: 'dns_query' }));
  assert.ok(!meets(dnsQuery!, { category: 'dns' }));
  assert.ok(meets(classic!, { ...windows, category: 'ps_classic_script' }));
  assert.ok(meets(cleared!, { ...windows }));
  const zeek = events('zeek-tsv', 'zeek/mixed.log');
  const zeekDns = zeek.find((e) => e.event.dataset === 'zeek.dns');
  assert.ok(
    meets(zeekDns!, { category: 'dns' }) && meets(zeekDns!, { product: 'zeek', service: 'dns' }),
  );
  assert.ok(!meets(zeekDns!, { category: 'proxy' }));
  const eve = events('suricata-eve', 'suricata/eve-v2.json');
  const byType = (type: string): EcsEvent => eve.find((e) => e.event.action === type)!;
  assert.ok(meets(byType('dns'), { category: 'dns' }));
  assert.ok(
    meets(byType('http'), { category: 'proxy' }) &&
      meets(byType('http'), { category: 'webserver' }),
  );
  assert.ok(meets(byType('flow'), { category: 'firewall' }));
  assert.ok(!meets(byType('alert'), { category: 'proxy' }));
});

test('route keys are cached: the same frozen list for every event of a kind', () => {
  const [first, second] = events('suricata-eve', 'suricata/eve-v3.json');
  const keys = pipeline.routeKeys(first!);
  assert.equal(pipeline.routeKeys(second!), keys);
  assert.ok(Object.isFrozen(keys));
});

function pipelineFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'chancery-pipeline-')), 'site.yml');
  writeFileSync(path, text);
  return path;
}

test('a later file overrides the built-in entry for the same logsource', () => {
  const file = pipelineFile(`
logsources:
  - logsource: { product: windows, service: security }
    routes: [{ channel: ForwardedEvents, event_ids: [4624, 4625] }]
  - logsource: { product: acme, service: vpn }
    routes: [{ dataset: syslog.log, product: acme }]
    fields: { user: [user.name] }
`);
  const custom = loadPipeline([builtIn('windows.yml'), builtIn('network.yml'), file]);
  assert.deepEqual(
    custom.resolve({ product: 'windows', service: 'security' }).map((r) => r.key),
    ['windows:forwardedevents:4624', 'windows:forwardedevents:4625'],
  );
  const [vpn] = custom.resolve({ product: 'acme', service: 'vpn' });
  assert.equal(vpn?.key, 'dataset:syslog.log');
  assert.deepEqual(vpn?.fields.user, ['user.name']);
  // Others are untouched.
  assert.deepEqual(custom.resolve({ category: 'dns' }).length, 2);
});

test('problems are reported together, each with its file and line', () => {
  const file = pipelineFile(`logsources:
  - logsource: { product: windows, category: x, service: y }
    routes: [{ channel: A }]
  - logsource: { product: windows, service: z }
    routes: [{ channel: A, dataset: b }]
  - logsource: { product: windows, service: z }
    routes: [{ channel: B }]
    colour: red
`);
  assert.throws(
    () => loadPipeline([file]),
    (error: unknown) => {
      assert.ok(error instanceof ChanceryError);
      assert.equal(error.code, 'CHN_ERR_CONFIG_INVALID');
      const found = error.problems.map((p) => `${p.line ?? '?'}: ${p.message}`);
      assert.deepEqual(found, [`8: unknown field 'colour'`]);
      return true;
    },
  );
  const semantic = pipelineFile(`logsources:
  - logsource: { product: windows, category: x, service: y }
    routes: [{ channel: A }]
  - logsource: { product: windows, service: z }
    routes: [{ channel: A, dataset: b }]
  - logsource: { product: windows, service: q }
    routes: [{ channel: B }]
  - logsource: { product: Windows, service: Q }
    routes: [{ channel: C }]
  - logsource: { product: zeek, service: r }
    routes: [{ dataset: 'zeek.*' }]
`);
  assert.throws(
    () => loadPipeline([semantic, join(tmpdir(), 'no-such-pipeline.yml')]),
    (error: unknown) => {
      assert.ok(error instanceof ChanceryError);
      const found = error.problems.map((p) => `${p.line ?? '-'}: ${p.message}`);
      assert.equal(found.length, 5);
      assert.match(found[0] ?? '', /^2: give a category or a service/);
      assert.match(found[1] ?? '', /^5: a route has either a channel or a dataset/);
      assert.match(found[2] ?? '', /^8: duplicate logsource/);
      assert.match(found[3] ?? '', /^11: a dataset with '\*' goes with service '\*'/);
      assert.match(found[4] ?? '', /^-: cannot read/);
      return true;
    },
  );
});

function builtIn(name: string): string {
  return fileURLToPath(new URL(name, import.meta.url));
}
