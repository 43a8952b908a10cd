// The engine on real parser output: Windows rules match the same event in all three JSON shapes,
// Security 4688 reads Sysmon field names through the pipeline, conditions combine as the grammar
// says, network rules match Zeek and Suricata events, and the literal pre-filter never changes
// a result (checked against evaluating every rule on every event).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import type { EcsEvent } from '../../../core/index.ts';
import { needsShared, readLines, shared } from '../../../../test/support/data.ts';
import { parseLines, windowsEvent } from '../../../../test/support/events.ts';
import { loadDefaultPipeline } from '../pipelines/pipeline.ts';
import { loadRuleText, loadRules } from '../rule/load.ts';
import { buildRuleSet } from '../rule-set.ts';
import { bindRule } from './bind.ts';
import { SigmaEngine } from './engine.ts';
import { EventView, SlotTable } from './event-view.ts';

const pipeline = loadDefaultPipeline();

function engineFor(yaml: string): SigmaEngine {
  const set = buildRuleSet(loadRuleText(yaml, 'test.yml'));
  assert.deepEqual(set.issues, []);
  return new SigmaEngine(set.rules, pipeline);
}

const matchedTitles = (engine: SigmaEngine, event: EcsEvent): string[] =>
  engine.match(event).map((m) => m.rule.title);

const SYSMON_1 = {
  Channel: 'Microsoft-Windows-Sysmon/Operational',
  EventID: 1,
  Computer: 'ws-01.mofa.example',
  TimeCreated: '2024-05-01T10:00:00.000Z',
  Image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
  CommandLine: 'powershell.exe -NoP /enc SQBFAFgA',
  ParentImage: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE',
  User: 'MOFA\\tanaka',
};

/** The same Sysmon event as evtx-rs writes it (nested) and as Winlogbeat ships it. */
function shapes(flat: Record<string, unknown>): Record<string, object> {
  const { Channel, EventID, Computer, TimeCreated, ...data } = flat;
  return {
    flat,
    nested: {
      Event: {
        System: {
          Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } },
          EventID,
          Channel,
          Computer,
          TimeCreated: { '#attributes': { SystemTime: TimeCreated } },
        },
        EventData: data,
      },
    },
    winlogbeat: {
      '@timestamp': TimeCreated,
      winlog: {
        channel: Channel,
        event_id: EventID,
        computer_name: Computer,
        provider_name: 'Microsoft-Windows-Sysmon',
        event_data: data,
      },
    },
  };
}

const OFFICE_CHILD = `
title: Office spawns encoded PowerShell
id: 11111111-0000-4000-8000-000000000001
author: Test Author
level: high
tags: [attack.execution]
logsource: { product: windows, category: process_creation }
detection:
  parent:
    ParentImage|endswith: ['\\winword.exe', '\\excel.exe']
  child:
    Image|endswith: '\\powershell.exe'
    CommandLine|contains|windash: ' -enc '
  filter_admin:
    User|startswith: 'MOFA\\adm_'
  condition: parent and child and not 1 of filter_*
`;

test('a process_creation rule matches Sysmon 1 in all three JSON shapes, naming the matched fields', () => {
  const engine = engineFor(OFFICE_CHILD);
  for (const [shape, record] of Object.entries(shapes(SYSMON_1))) {
    const [match, ...rest] = engine.match(windowsEvent(record));
    assert.equal(rest.length, 0, shape);
    assert.equal(match?.rule.author, 'Test Author', shape);
    assert.deepEqual(
      match?.matched.map((m) => m.field).sort(),
      ['CommandLine', 'Image', 'ParentImage'],
      shape,
    );
  }
  const admin = windowsEvent({ ...SYSMON_1, User: 'MOFA\\adm_sato' });
  assert.deepEqual(matchedTitles(engine, admin), [], 'the filter excludes administrators');
  const network = windowsEvent({ ...SYSMON_1, EventID: 3 });
  assert.deepEqual(
    matchedTitles(engine, network),
    [],
    'a network connection is not a process creation',
  );
});

test('Security 4688 answers process_creation rules through the field mapping', () => {
  const engine = engineFor(OFFICE_CHILD);
  const event = windowsEvent({
    Channel: 'Security',
    EventID: 4688,
    Computer: 'ws-02',
    TimeCreated: '2024-05-01T10:00:00.000Z',
    NewProcessName: SYSMON_1.Image,
    CommandLine: SYSMON_1.CommandLine,
    ParentProcessName: SYSMON_1.ParentImage,
    SubjectUserName: 'tanaka',
  });
  assert.deepEqual(matchedTitles(engine, event), ['Office spawns encoded PowerShell']);
});

test('conditions: all of them, 1 of pattern, parentheses, keywords, null and numbers', () => {
  const engine = engineFor(`
title: All of them
logsource: { product: windows, category: process_creation }
detection:
  a: { Image|endswith: '\\powershell.exe' }
  b: { CommandLine|contains: '-NoP' }
  _helper: { CommandLine|contains: 'never there' }
  condition: all of them
---
title: Grouped
logsource: { product: windows, category: process_creation }
detection:
  x1: { Image|contains: 'cmd.exe' }
  x2: { Image|contains: 'powershell' }
  y: { User|endswith: 'tanaka' }
  z: { User: null }
  condition: (1 of x*) and (y or z)
---
title: Keyword
logsource: { product: windows, category: process_creation }
detection:
  keywords: ['SQBFAFgA']
  condition: keywords
---
title: Missing field
logsource: { product: windows, category: process_creation }
detection:
  selection: { Image|endswith: '.exe', IntegrityLevel: null }
  condition: selection
---
title: Event id as number
logsource: { product: windows, service: sysmon }
detection:
  selection: { EventID: 1 }
  condition: selection
`);
  assert.deepEqual(matchedTitles(engine, windowsEvent(SYSMON_1)).sort(), [
    'All of them',
    'Event id as number',
    'Grouped',
    'Keyword',
    'Missing field',
  ]);
  const other = windowsEvent({
    ...SYSMON_1,
    User: 'someone',
    IntegrityLevel: 'High',
    CommandLine: 'x',
  });
  assert.deepEqual(matchedTitles(engine, other), ['Event id as number']);
});

test('network rules match Zeek and Suricata DNS events alike', () => {
  const engine = engineFor(`
title: Dynamic DNS lookup
logsource: { category: dns }
detection:
  selection: { query|endswith: '.duckdns.org' }
  condition: selection
`);
  const zeek = parseLines('zeek-json', [
    JSON.stringify({
      _path: 'dns',
      ts: 1714557600,
      uid: 'C1',
      'id.orig_h': '10.1.2.3',
      'id.orig_p': 5353,
      'id.resp_h': '10.1.0.1',
      'id.resp_p': 53,
      proto: 'udp',
      query: 'c2.duckdns.org',
      qtype_name: 'A',
    }),
  ]);
  const suricata = parseLines('suricata-eve', [
    JSON.stringify({
      timestamp: '2024-05-01T10:00:00.000000+0000',
      event_type: 'dns',
      src_ip: '10.1.2.3',
      src_port: 5353,
      dest_ip: '10.1.0.1',
      dest_port: 53,
      proto: 'UDP',
      dns: { type: 'query', id: 1, rrname: 'C2.DUCKDNS.ORG', rrtype: 'A' },
    }),
  ]);
  for (const event of [...zeek, ...suricata])
    assert.deepEqual(matchedTitles(engine, event), ['Dynamic DNS lookup'], event.event.dataset);
});

test(
  'the literal pre-filter never changes a result: every SigmaHQ Windows rule on real OTRF events',
  { skip: needsShared('windows', 'otrf') || needsShared('sigma', 'rules') },
  () => {
    const set = buildRuleSet(loadRules([shared('sigma', 'rules', 'windows')]));
    const engine = new SigmaEngine(set.rules, pipeline);
    const slots = new SlotTable();
    const view = new EventView(slots);
    const bound = set.rules.flatMap((compiled) =>
      pipeline
        .resolve(compiled.rule.logsource)
        .map((route) => ({ route, rule: bindRule(compiled, route, slots) })),
    );
    const otrf = shared('windows', 'otrf');
    const lines = readdirSync(otrf)
      .filter((name) => name.endsWith('.json') && name !== 'otrf-index.json')
      .flatMap((name) => readLines(`${otrf}/${name}`).slice(0, 400));
    const events = parseLines('windows-json', lines);
    let matches = 0;
    for (const event of events) {
      const keys = new Set(pipeline.routeKeys(event));
      view.reset(event);
      const expected = new Set(
        bound
          .filter((b) => keys.has(b.route.key) && b.rule.matches(view))
          .map((b) => b.rule.compiled.rule.id),
      );
      const actual = new Set(engine.match(event).map((m) => m.rule.id));
      assert.deepEqual(actual, expected, event.event.original.slice(0, 200));
      matches += actual.size;
    }
    console.log(
      `pre-filter check: ${events.length} OTRF events, ${set.rules.length} rules, ${matches} matches, identical to brute force`,
    );
    assert.ok(matches > 0, 'the sample must contain detections for the check to mean anything');
  },
);

test('proxy, webserver and firewall rules match Zeek and Suricata events alike', () => {
  const engine = engineFor(`
title: Curl Upload
logsource: { category: proxy }
detection:
  selection: { c-useragent|startswith: 'curl/', cs-method: POST, cs-host|endswith: '.example.cn' }
  condition: selection
---
title: Web Shell Probe
logsource: { category: webserver }
detection:
  selection: { cs-uri-query|contains: 'cmd=' }
  condition: selection
---
title: Meterpreter Port
logsource: { category: firewall }
detection:
  selection: { dst_port: 4444 }
  condition: selection
`);
  const zeek = parseLines('zeek-json', [
    JSON.stringify({
      _path: 'http',
      ts: 1714557600,
      uid: 'C1',
      'id.orig_h': '10.1.2.3',
      'id.orig_p': 50000,
      'id.resp_h': '203.0.113.9',
      'id.resp_p': 80,
      method: 'POST',
      host: 'drop.example.cn',
      uri: '/up.php?cmd=id',
      user_agent: 'curl/8.5.0',
      status_code: 200,
    }),
    JSON.stringify({
      _path: 'conn',
      ts: 1714557600,
      uid: 'C2',
      'id.orig_h': '10.1.2.3',
      'id.orig_p': 50001,
      'id.resp_h': '203.0.113.9',
      'id.resp_p': 4444,
      proto: 'tcp',
      conn_state: 'SF',
    }),
  ]);
  const suricata = parseLines('suricata-eve', [
    JSON.stringify({
      timestamp: '2024-05-01T10:00:00.000000+0000',
      event_type: 'http',
      src_ip: '10.1.2.3',
      src_port: 50000,
      dest_ip: '203.0.113.9',
      dest_port: 80,
      proto: 'TCP',
      http: {
        hostname: 'drop.example.cn',
        url: '/up.php?cmd=id',
        http_user_agent: 'curl/8.5.0',
        http_method: 'POST',
        status: 200,
      },
    }),
    JSON.stringify({
      timestamp: '2024-05-01T10:00:00.000000+0000',
      event_type: 'flow',
      src_ip: '10.1.2.3',
      src_port: 50001,
      dest_ip: '203.0.113.9',
      dest_port: 4444,
      proto: 'TCP',
      flow: {
        pkts_toserver: 3,
        pkts_toclient: 2,
        bytes_toserver: 180,
        bytes_toclient: 120,
        state: 'established',
      },
    }),
  ]);
  for (const events of [zeek, suricata]) {
    const [http, flow] = events;
    assert.deepEqual(
      matchedTitles(engine, http!).sort(),
      ['Curl Upload', 'Web Shell Probe'],
      http!.event.dataset,
    );
    assert.deepEqual(matchedTitles(engine, flow!), ['Meterpreter Port'], flow!.event.dataset);
  }
});
