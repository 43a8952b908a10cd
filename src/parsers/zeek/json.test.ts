// Zeek JSON mechanics: where the log type comes from, the three ts encodings, nested ids,
// null (unset) fields, malformed lines, and detection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventDraft } from '../../core/index.ts';
import { ParseFailure, type DetectSample, type LineParser, type ParseOutcome } from '../parser.ts';
import { zeekJsonFormat, ZeekJsonParser } from './json.ts';

const CONN =
  '{"ts":1713484800.25,"uid":"C1","id.orig_h":"10.20.1.5","id.orig_p":50000,"id.resp_h":"64.225.56.201","id.resp_p":443,"proto":"tcp","service":"ssl","duration":1.5,"orig_bytes":100,"resp_bytes":2000,"conn_state":"SF","local_orig":true,"local_resp":false,"orig_pkts":5,"resp_pkts":4,"tunnel_parents":[]}';

const describe = (outcome: ParseOutcome): string =>
  outcome instanceof ParseFailure ? outcome.reason : 'no event';

const parse = (fileName: string, line: string): EventDraft => {
  const parser: LineParser = new ZeekJsonParser(fileName);
  const outcome = parser.parseLine(line, 1);
  assert.ok(outcome !== undefined && !(outcome instanceof ParseFailure), describe(outcome));
  return outcome;
};

test('log type: _path first, then the file name, then telltale fields', () => {
  assert.equal(
    parse('whatever.json', '{"_path":"dns","ts":1,"uid":"C1"}').event.dataset,
    'zeek.dns',
  );
  assert.equal(parse('conn.log', CONN).event.dataset, 'zeek.conn');
  assert.equal(parse('conn_20240101.log', CONN).event.dataset, 'zeek.conn');
  assert.equal(
    parse('dns.15:00:00-16:00:00.log.gz', '{"ts":1,"uid":"C2","query":"a.example"}').event.dataset,
    'zeek.dns',
  );
  assert.equal(parse('', CONN).event.dataset, 'zeek.conn', 'conn_state marks a conn record');
  assert.equal(
    parse('', '{"ts":1,"uid":"C3","method":"GET","host":"h.example","status_code":200}').event
      .dataset,
    'zeek.http',
  );
  assert.equal(parse('', '{"ts":1,"uid":"C4","foo":1}').event.dataset, 'zeek.unknown');
});

test('JSON conn maps like TSV conn: same ECS fields, booleans and arrays as JSON gives them', () => {
  const event = parse('conn.log', CONN);
  assert.equal(event['@timestamp'], '2024-04-19T00:00:00.250Z');
  assert.deepEqual(event.source, { ip: '10.20.1.5', port: 50000, bytes: 100, packets: 5 });
  assert.deepEqual(event.destination, { ip: '64.225.56.201', port: 443, bytes: 2000, packets: 4 });
  assert.deepEqual(event.network, {
    transport: 'tcp',
    protocol: 'ssl',
    bytes: 2100,
    packets: 9,
    direction: 'outbound',
  });
  assert.equal(event.event.duration, 1_500_000_000);
  assert.deepEqual(event.zeek, {
    session_id: 'C1',
    conn: { service: 'ssl', state: 'SF', local_orig: true, local_resp: false, tunnel_parents: [] },
  });
  assert.equal(event.event.original, CONN);
});

test('ts as epoch seconds, epoch milliseconds (TS_MILLIS) or ISO 8601 (TS_ISO8601)', () => {
  const at = (ts: string) => parse('conn.log', `{"ts":${ts},"uid":"C1"}`)['@timestamp'];
  assert.equal(at('1713484800.123456'), '2024-04-19T00:00:00.123Z');
  assert.equal(at('1713484800123'), '2024-04-19T00:00:00.123Z');
  assert.equal(at('"2024-04-19T00:00:00.123456Z"'), '2024-04-19T00:00:00.123Z');
  const x509 = parse(
    'x509.log',
    '{"ts":"2024-04-19T00:00:00Z","fingerprint":"ab","certificate.not_valid_before":"2024-01-01T00:00:00.000000Z","certificate.subject":"CN=a.example"}',
  );
  assert.equal(x509.tls?.server?.not_before, '2024-01-01T00:00:00.000Z');
  assert.deepEqual(x509.tls?.server?.x509?.subject, {
    distinguished_name: 'CN=a.example',
    common_name: ['a.example'],
  });
});

test('null fields (json_include_unset_fields) are unset; a nested id object is read', () => {
  const event = parse(
    'conn.log',
    '{"ts":1,"uid":"C1","id":{"orig_h":"10.0.0.1","orig_p":1,"resp_h":"10.0.0.2","resp_p":53},"proto":"udp","service":null,"history":null}',
  );
  assert.deepEqual(event.source, { ip: '10.0.0.1', port: 1 });
  assert.deepEqual(event.destination, { ip: '10.0.0.2', port: 53 });
  assert.deepEqual(event.network, { transport: 'udp' });
  assert.deepEqual(event.zeek, { session_id: 'C1' });
});

test('malformed lines are ParseFailures; blank lines are skipped', () => {
  const parser: LineParser = new ZeekJsonParser('conn.log');
  const broken = parser.parseLine('{"ts": 1, "uid": ', 1);
  assert.ok(broken instanceof ParseFailure);
  assert.match(broken.reason, /^invalid JSON: /);
  assert.equal(
    (parser.parseLine('[1,2]', 2) as ParseFailure).reason,
    'expected a JSON object per line',
  );
  assert.equal(
    (parser.parseLine('{"uid":"C1"}', 3) as ParseFailure).reason,
    'no ts field and no #open header to date the record',
  );
  assert.equal(parser.parseLine('', 4), undefined);
  assert.equal(parser.parseLine('   ', 5), undefined);
});

test('detect: Zeek JSON lines are certain; EVE, plain JSON and TSV are not Zeek JSON', () => {
  const sample = (lines: string[]): DetectSample => ({
    fileName: 'x.log',
    lines,
    head: new Uint8Array(),
  });
  assert.equal(zeekJsonFormat.detect(sample([CONN, CONN])), 1);
  assert.equal(zeekJsonFormat.detect(sample(['{"ts":1,"_path":"weird","name":"x"}'])), 1);
  assert.equal(zeekJsonFormat.detect(sample([CONN.slice(0, 120)])), 1, 'a line cut short');
  assert.equal(
    zeekJsonFormat.detect(sample(['{"timestamp":"2024-01-01T00:00:00Z","event_type":"flow"}'])),
    0,
  );
  assert.equal(zeekJsonFormat.detect(sample(['{"ts":1,"level":"info"}'])), 0);
  assert.equal(zeekJsonFormat.detect(sample(['#separator \\x09'])), 0);
  assert.equal(zeekJsonFormat.detect(sample([CONN, '{"a":1}'])), 0.6);
});
