// Windows events in the three JSON shapes normalize alike; ECS fields of the common event types.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { EventDraft } from '../../core/index.ts';
import { fixture, needsShared, readLines, shared } from '../../../test/support/data.ts';
import { ParseFailure } from '../parser.ts';
import { channelSlug, parseHashes } from './ecs.ts';
import { WindowsJsonParser, windowsJsonFormat } from './json.ts';

const parser = new WindowsJsonParser();
const parse = (line: string): EventDraft => {
  const outcome = parser.parseLine(line);
  assert.ok(
    outcome !== undefined && !(outcome instanceof ParseFailure),
    `not parsed: ${outcome instanceof ParseFailure ? outcome.reason : 'undefined'}`,
  );
  return outcome;
};

test('Winlogbeat: Sysmon process creation maps to ECS process, hashes, user and host', () => {
  const [creation, logon] = readLines(fixture('windows', 'winlogbeat.ndjson')).map(parse);
  assert.equal(creation?.event.dataset, 'windows.sysmon_operational');
  assert.equal(creation?.event.code, '1');
  assert.equal(creation?.event.action, 'process-created');
  assert.equal(creation?.host?.name, 'ws-beijing-07.mofa.example');
  assert.equal(
    creation?.process?.executable,
    'C:\\Users\\tanaka\\AppData\\Local\\Temp\\meeting_agenda.exe',
  );
  assert.equal(creation?.process?.name, 'meeting_agenda.exe');
  assert.equal(creation?.process?.pid, 6128);
  assert.equal(creation?.process?.parent?.name, 'OUTLOOK.EXE');
  assert.equal(
    creation?.process?.hash?.sha256,
    'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592',
  );
  assert.deepEqual(creation?.user, { domain: 'MOFA', name: 'tanaka' });
  assert.equal(creation?.winlog?.record_id, 88231);
  assert.equal(
    creation?.winlog?.event_data?.ParentImage,
    'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE',
  );
  assert.equal(logon?.event.outcome, 'success');
  assert.deepEqual(logon?.source, { ip: '10.20.1.5', port: 50211 });
  assert.deepEqual(logon?.user, { name: 'tanaka', domain: 'MOFA' });
});

test('rejects lines that are not Windows events, with a reason', () => {
  assert.match((parser.parseLine('{"foo":1}') as ParseFailure).reason, /not a Windows event/);
  assert.match(
    (parser.parseLine('{"EventID": 1, "Channel": "x"}') as ParseFailure).reason,
    /no usable time/,
  );
  assert.match((parser.parseLine('{oops') as ParseFailure).reason, /invalid JSON/);
});

test('helpers: channel slugs and Sysmon hash lists', () => {
  assert.equal(channelSlug('Microsoft-Windows-Sysmon/Operational'), 'sysmon_operational');
  assert.equal(channelSlug('Windows PowerShell'), 'windows_powershell');
  assert.deepEqual(parseHashes('SHA1=AA,MD5=BB,IMPHASH=CC,Other=1'), {
    sha1: 'aa',
    md5: 'bb',
    imphash: 'cc',
  });
  assert.equal(
    windowsJsonFormat.detect({
      fileName: '',
      lines: ['{"Event":{"System":{}}}'],
      head: new Uint8Array(),
    }),
    1,
  );
});

test(
  'OTRF (flat NXLog shape): every one of the 15,541 real events parses',
  { skip: needsShared('windows', 'otrf') },
  () => {
    const dir = shared('windows', 'otrf');
    let lines = 0;
    const datasets = new Map<string, number>();
    for (const name of readdirSync(dir)) {
      for (const line of readLines(`${dir}/${name}`)) {
        lines++;
        const event = parse(line);
        datasets.set(event.event.dataset, (datasets.get(event.event.dataset) ?? 0) + 1);
      }
    }
    assert.equal(lines, 15_541);
    assert.equal(datasets.get('windows.sysmon_operational'), 9975);
    assert.equal(
      [...datasets.values()].reduce((a, b) => a + b, 0),
      lines,
    );
  },
);

interface RegressionRecord {
  rule_id: string;
  event_flat: Record<string, unknown>;
  event_raw: Record<string, unknown>;
}

test(
  'SigmaHQ regression events: the flat and the nested form of each of the 238 normalize alike',
  { skip: needsShared('sigma') },
  () => {
    const records = readLines(shared('sigma', 'sigma-regression-events.jsonl')).map(
      (line) => JSON.parse(line) as RegressionRecord,
    );
    assert.equal(records.length, 238);
    for (const record of records) {
      const flat = parse(JSON.stringify(record.event_flat));
      const nested = parse(JSON.stringify(record.event_raw));
      const where = `rule ${record.rule_id}`;
      assert.equal(flat.winlog?.event_id, nested.winlog?.event_id, where);
      assert.equal(flat.winlog?.channel, nested.winlog?.channel, where);
      assert.equal(flat.host?.name, nested.host?.name, where);
      assert.equal(flat['@timestamp'], nested['@timestamp'], where);
      assert.equal(flat.event.dataset, nested.event.dataset, where);
      assert.deepEqual(flat.winlog?.event_data, nested.winlog?.event_data, where);
      assert.deepEqual(flat.process, nested.process, where);
    }
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
    assert.equal(event['@timestamp'], '2020-10-21T12:19:04.411Z');
  },
);
