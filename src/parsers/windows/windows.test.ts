// Windows events in the three JSON shapes normalize alike; ECS fields of the common event types;
// every real OTRF line parses and the SigmaHQ regression events agree in both their forms.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { EventDraft } from '../../core/index.ts';
import { fixture, needsShared, readLines, shared } from '../../../test/support/data.ts';
import { ParseFailure } from '../parser.ts';
import { channelSlug } from './ecs.ts';
import { WindowsJsonParser, windowsJsonFormat } from './json.ts';
import { parseHashes } from './event-data.ts';

const parser = new WindowsJsonParser();
const parse = (line: string): EventDraft => {
  const outcome = parser.parseLine(line);
  assert.ok(
    outcome !== undefined && !(outcome instanceof ParseFailure),
    `not parsed: ${outcome instanceof ParseFailure ? outcome.reason : 'undefined'}`,
  );
  return outcome;
};
const detect = (...lines: string[]): number =>
  windowsJsonFormat.detect({ fileName: '', lines, head: new Uint8Array() });

test('Winlogbeat: Sysmon process creation maps to ECS process, hashes, user and host', () => {
  const [creation, logon] = readLines(fixture('windows', 'winlogbeat.ndjson')).map(parse);
  assert.equal(creation?.['@timestamp'], '2024-04-19T00:10:00.123Z');
  assert.equal(creation?.event.dataset, 'windows.sysmon_operational');
  assert.equal(creation?.event.module, 'windows');
  assert.equal(creation?.event.code, '1');
  assert.equal(creation?.event.provider, 'Microsoft-Windows-Sysmon');
  assert.equal(creation?.event.action, 'process-created');
  assert.deepEqual(creation?.event.category, ['process']);
  assert.equal(creation?.host?.name, 'ws-beijing-07.mofa.example');
  assert.deepEqual(creation?.process, {
    executable: 'C:\\Users\\tanaka\\AppData\\Local\\Temp\\meeting_agenda.exe',
    name: 'meeting_agenda.exe',
    command_line: '"C:\\Users\\tanaka\\AppData\\Local\\Temp\\meeting_agenda.exe" -k',
    pid: 6128,
    entity_id: '{5770385f-1a2b-6622-a401-000000000f00}',
    working_directory: 'C:\\Users\\tanaka\\',
    parent: {
      executable: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE',
      name: 'OUTLOOK.EXE',
      command_line: '"OUTLOOK.EXE"',
      pid: 4120,
      entity_id: '{5770385f-1a2b-6622-a301-000000000f00}',
    },
    hash: {
      sha1: '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12',
      md5: '9e107d9d372bb6826bd81d3542a419d6',
      sha256: 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592',
      imphash: '00000000000000000000000000000000',
    },
  });
  assert.deepEqual(creation?.user, { domain: 'MOFA', name: 'tanaka' });
  assert.equal(creation?.winlog?.record_id, 88231);
  assert.deepEqual(creation?.winlog?.process, { pid: 2644, thread: { id: 3512 } });
  assert.equal(
    creation?.winlog?.event_data?.ParentImage,
    'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE',
  );
  assert.equal(logon?.event.dataset, 'windows.security');
  assert.equal(logon?.event.outcome, 'success');
  assert.deepEqual(logon?.event.category, ['authentication']);
  assert.deepEqual(logon?.source, { ip: '10.20.1.5', port: 50211 });
  assert.deepEqual(logon?.user, { name: 'tanaka', domain: 'MOFA' });
});

test('NXLog flat: zone from the receive times, hex keywords, ProcessID stays event data', () => {
  const [wfp] = readLines(fixture('windows', 'shapes.ndjson')).map(parse);
  // EventTime 20:10:00 local; received 20:10:03 local = 00:10:03Z, so the zone is UTC-4.
  assert.equal(wfp?.['@timestamp'], '2024-04-19T00:10:00.000Z');
  assert.equal(wfp?.event.dataset, 'windows.security');
  assert.equal(wfp?.winlog?.channel, 'security');
  assert.equal(wfp?.winlog?.keywords, '0x8020000000000000');
  assert.equal(wfp?.winlog?.record_id, 771204);
  assert.deepEqual(wfp?.winlog?.process, { pid: 4, thread: { id: 5560 } });
  assert.equal(wfp?.winlog?.event_data?.ProcessID, '7312');
  for (const envelope of ['EventType', 'Severity', 'host', 'port', 'tags', 'Category', 'Opcode'])
    assert.equal(wfp?.winlog?.event_data?.[envelope], undefined, envelope);
  assert.equal(Object.keys(wfp?.winlog?.event_data ?? {}).length, 13);
  assert.equal(wfp?.event.action, 'connection-allowed');
  assert.deepEqual(wfp?.source, { ip: '10.30.4.21', port: 50712 });
  assert.deepEqual(wfp?.destination, { ip: '185.220.101.4', port: 443 });
  assert.deepEqual(wfp?.network, { iana_number: '6', transport: 'tcp', direction: 'egress' });
  assert.equal(wfp?.process?.pid, 7312);
  assert.equal(wfp?.process?.name, 'upd.exe');
});

test('nested: Data lists, registry value, DNS answers, unnamed classic data, UserData', () => {
  const [, registry, dns, classic, cleared] = readLines(fixture('windows', 'shapes.ndjson')).map(
    parse,
  );
  assert.equal(registry?.['@timestamp'], '2024-04-19T00:12:30.517Z');
  assert.equal(registry?.winlog?.event_id, 13);
  assert.equal(registry?.winlog?.record_id, 90411);
  assert.equal(registry?.winlog?.event_data?.EventType, 'SetValue');
  assert.equal(registry?.event.action, 'registry-value-set');
  assert.deepEqual(registry?.registry, {
    path: 'HKU\\S-1-5-21-1111111111-2222222222-3333333333-1104\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\OneDriveUpdate',
    hive: 'HKU',
    key: 'S-1-5-21-1111111111-2222222222-3333333333-1104\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
    value: 'OneDriveUpdate',
    data: { strings: ['C:\\Users\\ana\\AppData\\Local\\Temp\\upd.exe /silent'] },
  });
  assert.deepEqual(registry?.user, { name: 'ana', domain: 'MRE' });

  assert.deepEqual(dns?.dns, {
    type: 'answer',
    question: { name: 'cdn.update-check.example' },
    response_code: 'NOERROR',
    answers: [
      { type: 'CNAME', data: 'edge-7.update-check.example' },
      { type: 'A', data: '185.220.101.4' },
      { type: 'AAAA', data: '2001:db8::44' },
    ],
    resolved_ip: ['185.220.101.4', '2001:db8::44'],
  });
  assert.equal(dns?.process?.pid, 7312);

  assert.equal(classic?.event.dataset, 'windows.windows_powershell');
  assert.equal(classic?.winlog?.event_id, 800);
  assert.deepEqual(classic?.winlog?.event_data, {
    Data: [
      'Get-Process',
      'DetailSequence=1\tHostApplication=powershell.exe -nop -w hidden -enc SQBFAFgA',
    ],
  });

  assert.equal(cleared?.event.action, 'audit-log-cleared');
  assert.equal(cleared?.winlog?.event_data?.SubjectUserName, 'ana');
  assert.deepEqual(cleared?.user, { name: 'ana', domain: 'MRE' });
  assert.ok(cleared?.winlog?.user_data?.LogFileCleared !== undefined);
});

test('rejects lines that are not Windows events, with a reason', () => {
  assert.match((parser.parseLine('{"foo":1}') as ParseFailure).reason, /not a Windows event/);
  assert.match(
    (parser.parseLine('{"EventID": 1, "Channel": "x"}') as ParseFailure).reason,
    /no usable time/,
  );
  assert.match((parser.parseLine('{oops') as ParseFailure).reason, /invalid JSON/);
  assert.match((parser.parseLine('[1]') as ParseFailure).reason, /JSON object/);
  assert.equal(parser.parseLine(''), undefined);
});

test('helpers: channel slugs and Sysmon hash lists', () => {
  assert.equal(channelSlug('Microsoft-Windows-Sysmon/Operational'), 'sysmon_operational');
  assert.equal(channelSlug('Microsoft-Windows-PowerShell/Operational'), 'powershell_operational');
  assert.equal(channelSlug('Windows PowerShell'), 'windows_powershell');
  assert.equal(channelSlug('Security'), 'security');
  assert.equal(channelSlug('System'), 'system');
  assert.deepEqual(parseHashes('SHA1=AA,MD5=BB,IMPHASH=CC,Other=1'), {
    sha1: 'aa',
    md5: 'bb',
    imphash: 'cc',
  });
  assert.equal(parseHashes('nothing here'), undefined);
});

test('detection: the three shapes claim the file, other JSON does not', () => {
  const lines = readLines(fixture('windows', 'shapes.ndjson'));
  assert.equal(detect(...lines), 1);
  assert.equal(detect(...readLines(fixture('windows', 'winlogbeat.ndjson'))), 1);
  assert.equal(detect('{"ts":1,"uid":"C1","id.orig_h":"10.0.0.1"}'), 0);
  assert.equal(detect('<34>Oct 11 22:14:15 host su: x'), 0);
  assert.equal(detect(lines[0] ?? '', '{"ts":1}'), 0.6);
  // A sample line cut at 4 KiB before its markers neither confirms nor refutes.
  assert.equal(detect(`{"Message":"${'x'.repeat(5000)}`, lines[1] ?? ''), 1);
  assert.equal(detect(), 0);
});

test(
  'OTRF (flat NXLog shape): every one of the 15,541 real events parses',
  { skip: needsShared('windows', 'otrf') },
  () => {
    const dir = shared('windows', 'otrf');
    let lines = 0;
    const failures: string[] = [];
    const datasets = new Map<string, number>();
    const actions = new Map<string, number>();
    const count = (map: Map<string, number>, key: string): void => {
      map.set(key, (map.get(key) ?? 0) + 1);
    };
    for (const name of readdirSync(dir)) {
      for (const line of readLines(`${dir}/${name}`)) {
        lines++;
        const outcome = parser.parseLine(line);
        if (outcome === undefined || outcome instanceof ParseFailure) {
          failures.push(`${name}: ${outcome?.reason ?? 'no event'}`);
          continue;
        }
        count(datasets, outcome.event.dataset);
        if (outcome.event.action !== undefined) count(actions, outcome.event.action);
        assert.ok(!('' in (outcome.winlog?.event_data ?? {})));
      }
    }
    assert.equal(lines, 15_541);
    assert.deepEqual(failures, []);
    assert.deepEqual(Object.fromEntries([...datasets].sort()), {
      'windows.powershell_operational': 93,
      'windows.security': 5_348,
      'windows.sysmon_operational': 9_975,
      'windows.system': 16,
      'windows.windows_powershell': 109,
    });
    assert.equal(actions.get('process-created'), 48 + 48 + 1);
    assert.equal(actions.get('dns-query'), 218);
    assert.equal(actions.get('image-loaded'), 2716);
    assert.equal(actions.get('process-accessed'), 4368);
  },
);

test(
  'OTRF: the ECS fields agree with the event data they come from, for every mapped event',
  { skip: needsShared('windows', 'otrf') },
  () => {
    const dir = shared('windows', 'otrf');
    const checked = new Map<string, number>();
    const text = (value: unknown): string => (typeof value === 'string' ? value : String(value));
    for (const name of readdirSync(dir)) {
      for (const line of readLines(`${dir}/${name}`)) {
        const event = parse(line);
        const data = event.winlog?.event_data ?? {};
        const key = `${event.winlog?.channel?.toLowerCase()}:${event.winlog?.event_id}`;
        switch (key) {
          case 'microsoft-windows-sysmon/operational:1':
            assert.equal(event.process?.executable, data.Image);
            assert.equal(event.process?.command_line, data.CommandLine);
            assert.equal(event.process?.parent?.executable, data.ParentImage);
            // NXLog drops Sysmon's ProcessId: its own field names are case-insensitive.
            assert.equal(
              event.process?.pid,
              data.ProcessId === undefined ? undefined : Number(data.ProcessId),
            );
            break;
          case 'microsoft-windows-sysmon/operational:3':
            assert.equal(event.destination?.ip, text(data.DestinationIp).replace('::ffff:', ''));
            assert.equal(event.destination?.port, Number(data.DestinationPort));
            assert.equal(event.network?.transport, data.Protocol);
            break;
          case 'microsoft-windows-sysmon/operational:7':
            assert.equal(event.file?.path, data.ImageLoaded);
            assert.match(event.file?.hash?.sha256 ?? '', /^[0-9a-f]{64}$/);
            break;
          case 'microsoft-windows-sysmon/operational:11':
            assert.equal(event.file?.path, data.TargetFilename);
            assert.ok(text(data.TargetFilename).endsWith(`\\${event.file?.name ?? '?'}`));
            break;
          case 'microsoft-windows-sysmon/operational:12':
          case 'microsoft-windows-sysmon/operational:13':
            assert.equal(event.registry?.path, data.TargetObject);
            break;
          case 'microsoft-windows-sysmon/operational:22':
            assert.equal(event.dns?.question?.name, data.QueryName);
            break;
          case 'security:4688':
            assert.equal(event.process?.pid, Number.parseInt(text(data.NewProcessId), 16));
            assert.equal(event.process?.executable, data.NewProcessName);
            break;
          case 'security:4624':
            assert.equal(event.user?.name, data.TargetUserName);
            assert.equal(event.event.outcome, 'success');
            break;
          default:
            continue;
        }
        checked.set(key, (checked.get(key) ?? 0) + 1);
      }
    }
    assert.deepEqual(Object.fromEntries([...checked].sort()), {
      'microsoft-windows-sysmon/operational:1': 48,
      'microsoft-windows-sysmon/operational:11': 98,
      'microsoft-windows-sysmon/operational:12': 1063,
      'microsoft-windows-sysmon/operational:13': 1184,
      'microsoft-windows-sysmon/operational:22': 218,
      'microsoft-windows-sysmon/operational:3': 21,
      'microsoft-windows-sysmon/operational:7': 2716,
      'security:4624': 13,
      'security:4688': 49,
    });
  },
);

test(
  'OTRF: a Security 4688 line gets process fields from hexadecimal ids',
  { skip: needsShared('windows', 'otrf') },
  () => {
    const line =
      readFileSync(
        shared('windows', 'otrf', 'cmd_netsh_fw_mod_open_ports_2020-10-2100191105.json'),
        'utf8',
      ).split('\n')[1] ?? '';
    const event = parse(line);
    assert.equal(event.event.code, '4688');
    assert.equal(event.process?.pid, 0x27cc);
    assert.equal(event.process?.parent?.executable, 'C:\\Windows\\System32\\cmd.exe');
    assert.equal(event.process?.parent?.name, 'cmd.exe');
    assert.equal(event['@timestamp'], '2020-10-21T12:19:04.411Z');
    assert.deepEqual(event.user, { name: 'wardog', domain: 'WORKSTATION5' });
  },
);

interface RegressionRecord {
  rule_id: string;
  event_flat: Record<string, unknown>;
  event_raw: Record<string, unknown>;
}

test(
  'SigmaHQ regression events: the flat and the nested form of each of the 238 normalize alike',
  { skip: needsShared('sigma', 'sigma-regression-events.jsonl') },
  () => {
    const records = readLines(shared('sigma', 'sigma-regression-events.jsonl')).map(
      (line) => JSON.parse(line) as RegressionRecord,
    );
    assert.equal(records.length, 238);
    let withUserData = 0;
    for (const record of records) {
      const flat = parse(JSON.stringify(record.event_flat));
      const nested = parse(JSON.stringify(record.event_raw));
      const where = `rule ${record.rule_id}`;
      assert.equal(flat.winlog?.event_id, nested.winlog?.event_id, where);
      assert.ok(flat.winlog?.event_id !== undefined, where);
      assert.equal(flat.winlog?.channel, nested.winlog?.channel, where);
      assert.equal(flat.host?.name, nested.host?.name, where);
      assert.equal(flat['@timestamp'], nested['@timestamp'], where);
      assert.equal(flat.event.dataset, nested.event.dataset, where);
      assert.equal(flat.winlog?.record_id, nested.winlog?.record_id, where);
      assert.deepEqual(flat.winlog?.event_data, nested.winlog?.event_data, where);
      assert.deepEqual(flat.winlog?.user_data, nested.winlog?.user_data, where);
      assert.deepEqual(flat.process, nested.process, where);
      assert.deepEqual(flat.user, nested.user, where);
      if (nested.winlog?.user_data !== undefined) withUserData++;
    }
    assert.equal(withUserData, 1);
  },
);
