// Native .evtx: recognised by its magic; damaged headers and chunks are rejects with a reason;
// record XML (as the library renders it) normalizes exactly like the exported JSON shapes.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { crc32 } from 'node:zlib';
import type { EventDraft } from '../../core/index.ts';
import { fixture, needsShared, readLines, shared } from '../../../test/support/data.ts';
import { ParseFailure, type DocumentFormat, type ParseOutcome } from '../parser.ts';
import { eventFromXml, evtxFormat, parseEvtx } from './evtx.ts';
import { parseXml } from './evtx-xml.ts';
import { WindowsJsonParser } from './json.ts';

const CHUNK = 0x10000;

/** A valid .evtx file header (3.1, CRC over its first 120 bytes) followed by `chunks`. */
function evtxFile(chunkCount: number, chunks: Buffer[] = []): Buffer {
  const header = Buffer.alloc(0x1000);
  header.write('ElfFile\u0000', 0, 'latin1');
  header.writeBigUInt64LE(0n, 0x08);
  header.writeBigUInt64LE(BigInt(Math.max(chunkCount - 1, 0)), 0x10);
  header.writeBigUInt64LE(1n, 0x18);
  header.writeUInt32LE(0x80, 0x20);
  header.writeUInt16LE(1, 0x24);
  header.writeUInt16LE(3, 0x26);
  header.writeUInt16LE(0x1000, 0x28);
  header.writeUInt16LE(chunkCount, 0x2a);
  header.writeUInt32LE(crc32(header.subarray(0, 0x78)) >>> 0, 0x7c);
  return Buffer.concat([header, ...chunks]);
}

const failures = (outcomes: ParseOutcome[]): string[] =>
  outcomes.map((outcome) => (outcome instanceof ParseFailure ? outcome.reason : 'event'));

test('detects .evtx by its magic, not its name', () => {
  assert.equal(evtxFormat.detect({ fileName: 'x.log', lines: [], head: evtxFile(0) }), 1);
  assert.equal(
    evtxFormat.detect({ fileName: 'Security.evtx', lines: [], head: Buffer.from('not evtx') }),
    0,
  );
  assert.equal(evtxFormat.detect({ fileName: '', lines: [], head: new Uint8Array() }), 0);
});

test('damaged files: one failure each with the reason, never a throw', async () => {
  const parser = (evtxFormat as DocumentFormat).create({ fileName: 'broken.evtx' });
  const badHeader = Buffer.concat([Buffer.from('ElfFile\u0000', 'latin1'), Buffer.alloc(4088, 1)]);
  assert.deepEqual(failures(await parser.parseDocument(badHeader)), [
    'evtx file header: Invalid EVTX file: header verification failed',
  ]);
  assert.deepEqual(failures(await parser.parseDocument(Buffer.from('{"Event":1}'))), [
    'not an .evtx file: no ElfFile magic',
  ]);
  // A valid header with no chunks, and one with a preallocated (all-zero) chunk: no records.
  assert.deepEqual(parseEvtx(evtxFile(0)), []);
  assert.deepEqual(parseEvtx(evtxFile(1, [Buffer.alloc(CHUNK)])), []);
  // A chunk overwritten with garbage is reported, and the chunk after it is still visited.
  const garbage = Buffer.alloc(CHUNK, 0x5a);
  assert.deepEqual(failures(parseEvtx(evtxFile(2, [garbage, Buffer.alloc(CHUNK)]))), [
    'evtx chunk 0 at offset 4096: bad magic',
  ]);
});

test('an Event Viewer XML export normalizes to the same event as the JSON shapes', () => {
  const xml = readFileSync(fixture('windows', 'sysmon-1.xml'), 'utf8');
  const event = eventFromXml(xml, 'fixture') as EventDraft;
  assert.ok(!(event instanceof ParseFailure), (event as unknown as ParseFailure).reason);
  assert.equal(event['@timestamp'], '2024-04-19T00:20:11.441Z');
  assert.equal(event.event.dataset, 'windows.sysmon_operational');
  assert.equal(event.event.code, '1');
  assert.equal(event.event.action, 'process-created');
  assert.equal(event.host?.name, 'ws-lima-02.mre.example');
  assert.deepEqual(event.winlog?.process, { pid: 3020, thread: { id: 4112 } });
  assert.equal(event.winlog?.record_id, 90533);
  assert.equal(event.winlog?.keywords, '0x8000000000000000');
  assert.equal(
    event.process?.command_line,
    'cmd.exe /c "whoami & net group "domain admins" /domain > %TEMP%\\g.txt"',
  );
  assert.equal(event.process?.pid, 8120);
  assert.equal(event.process?.parent?.name, 'upd.exe');
  assert.equal(
    event.process?.hash?.sha256,
    '8b5e3f7a0f2c6e1d9a4b7c3e5f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c',
  );
  assert.equal(event.winlog?.event_data?.Description, '');
  assert.equal(Object.keys(event.winlog?.event_data ?? {}).length, 16);
  const original = JSON.parse(event.event.original) as { Event: { System: { EventID: string } } };
  assert.equal(original.Event.System.EventID, '1');
});

test('record XML problems are failures with a reason', () => {
  const reason = (xml: string): string => (eventFromXml(xml, 'record 7') as ParseFailure).reason;
  // What @ts-evtx/core renders when a record's template cannot be rendered.
  assert.equal(reason('<Event/>'), 'record 7: <Event> has no <System>');
  assert.equal(
    reason('<Event><System></Event>'),
    'record 7: end tag </Event> does not close <System>',
  );
  assert.equal(reason('<Evt/>'), 'record 7: root element is <Evt>, not <Event>');
  assert.equal(
    reason('<Event><System><EventID>4</EventID></System></Event>'),
    'record 7: no usable TimeCreated',
  );
  const withRecordTime = eventFromXml(
    '<Event><System><EventID>4</EventID><Channel>System</Channel></System></Event>',
    'record 8',
    () => new Date('2024-04-19T01:02:03.004Z'),
  ) as EventDraft;
  assert.equal(withRecordTime['@timestamp'], '2024-04-19T01:02:03.004Z');
  assert.deepEqual(parseXml('<a x="1 &amp; 2">t&#233;&#x41;<![CDATA[<raw>]]><b/></a>'), {
    name: 'a',
    attributes: { x: '1 & 2' },
    children: [{ name: 'b', children: [], text: '' }],
    text: 'téA<raw>',
  });
});

/** The XML Windows would write for an evtx-rs JSON event (the inverse of the conversion). */
function toXml(name: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => toXml(name, item)).join('');
  if (value === null || value === undefined) return `<${name}/>`;
  if (typeof value !== 'object') return `<${name}>${escape(scalar(value))}</${name}>`;
  const object = value as Record<string, unknown>;
  const attributes = Object.entries((object['#attributes'] ?? {}) as Record<string, unknown>)
    .map(([key, attribute]) => ` ${key}="${escape(String(attribute))}"`)
    .join('');
  const children = Object.entries(object)
    .filter(([key]) => !key.startsWith('#'))
    .map(([key, child]) =>
      name === 'EventData'
        ? `<Data Name="${key}">${escape(String(child))}</Data>`
        : toXml(key, child),
    )
    .join('\n');
  const text = object['#text'] === undefined ? '' : escape(scalar(object['#text']));
  return `<${name}${attributes}>${text}${children}</${name}>`;
}

function scalar(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** XML carries text only: compare numbers as the strings they render as. */
function asText(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(asText);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asText(item)]));
  return value;
}

test(
  'SigmaHQ regression events as record XML normalize like their evtx-rs JSON (238 events)',
  { skip: needsShared('sigma', 'sigma-regression-events.jsonl') },
  () => {
    const json = new WindowsJsonParser();
    const records = readLines(shared('sigma', 'sigma-regression-events.jsonl')).map(
      (line) => JSON.parse(line) as { rule_id: string; event_raw: { Event: unknown } },
    );
    assert.equal(records.length, 238);
    for (const record of records) {
      const where = `rule ${record.rule_id}`;
      const expected = json.parseLine(JSON.stringify(record.event_raw)) as EventDraft;
      const actual = eventFromXml(toXml('Event', record.event_raw.Event), where) as EventDraft;
      assert.ok(!(actual instanceof ParseFailure), (actual as unknown as ParseFailure).reason);
      assert.equal(actual['@timestamp'], expected['@timestamp'], where);
      assert.equal(actual.event.dataset, expected.event.dataset, where);
      assert.equal(actual.event.action, expected.event.action, where);
      assert.deepEqual(
        { ...actual.winlog, event_data: undefined, user_data: undefined },
        { ...expected.winlog, event_data: undefined, user_data: undefined },
        where,
      );
      assert.deepEqual(actual.winlog?.event_data, asText(expected.winlog?.event_data), where);
      assert.deepEqual(actual.winlog?.user_data, asText(expected.winlog?.user_data), where);
      assert.deepEqual(actual.process, expected.process, where);
      assert.deepEqual(actual.user, expected.user, where);
      assert.equal(actual.host?.name, expected.host?.name, where);
    }
  },
);

const SAMPLE = fixture('windows', 'sample.evtx');

test(
  'a real .evtx file: every record becomes an event',
  {
    skip:
      !existsSync(SAMPLE) &&
      'no .evtx sample: none ships with @ts-evtx/core or the shared data, and a hand-built binary ' +
        `could not be checked against Windows; place a small licensable one at ${SAMPLE} to run this`,
  },
  () => {
    const outcomes = parseEvtx(readFileSync(SAMPLE));
    assert.ok(outcomes.length > 0);
    assert.deepEqual(
      failures(outcomes).filter((reason) => reason !== 'event'),
      [],
    );
    for (const event of outcomes as EventDraft[]) {
      assert.ok(event.winlog?.channel !== undefined && event.winlog.event_id !== undefined);
      assert.ok(event.event.dataset.startsWith('windows.'));
    }
  },
);
