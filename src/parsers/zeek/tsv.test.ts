// Zeek TSV mechanics: headers, typed values, unset/empty/sets/escapes, binding by name,
// header blocks in the middle of a file, bad lines, detection and log types from file names.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { EventDraft } from '../../core/index.ts';
import { fixture } from '../../../test/support/data.ts';
import { ParseFailure, type LineParser, type ParseOutcome } from '../parser.ts';
import { logTypeFromFileName } from './log-type.ts';
import { ZeekTsvParser, zeekTsvFormat } from './tsv.ts';
import { unescape } from './tsv-values.ts';

function parseFile(name: string, fileName = name): ParseOutcome[] {
  const parser: LineParser = new ZeekTsvParser(fileName);
  const lines = readFileSync(fixture('zeek', name), 'utf8').split('\n');
  return lines.map((line, index) => parser.parseLine(line, index + 1));
}
const events = (outcomes: ParseOutcome[]): EventDraft[] =>
  outcomes.filter((o): o is EventDraft => o !== undefined && !(o instanceof ParseFailure));
const failures = (outcomes: ParseOutcome[]): string[] =>
  outcomes.filter((o): o is ParseFailure => o instanceof ParseFailure).map((f) => f.reason);

test('typed values: time, counts, ports, bools, vectors paired with TTLs', () => {
  const [first] = events(parseFile('mixed.log'));
  assert.equal(first?.['@timestamp'], '2024-04-19T00:00:00.500Z');
  assert.equal(first?.event.dataset, 'zeek.dns');
  assert.equal(first?.event.module, 'zeek');
  assert.deepEqual(first?.source, { ip: '10.20.1.5', port: 53211 });
  assert.deepEqual(first?.dns, {
    type: 'answer',
    id: '4242',
    response_code: 'NOERROR',
    header_flags: ['RD'],
    question: { name: 'mofa-go.jp', type: 'A' },
    answers: [
      { data: '203.0.113.5', ttl: 60 },
      { data: '203.0.113.6', ttl: 60 },
    ],
    resolved_ip: ['203.0.113.5', '203.0.113.6'],
  });
  assert.equal(first?.event.original.split('\t')[1], 'Cabc1', 'event.original is the line');
});

test('unset fields are omitted, (empty) is an empty set, \\x escapes are undone', () => {
  const [, second] = events(parseFile('mixed.log'));
  assert.equal(second?.dns?.question?.name, 'tab\tin,name.example');
  assert.equal(second?.dns?.response_code, undefined, 'unset (-) rcode_name is omitted');
  assert.equal(second?.dns?.answers, undefined, '(empty) vector: no answers');
  assert.equal(second?.dns?.type, 'query');
  assert.equal('response_code' in (second?.dns ?? {}), false, 'no undefined-valued keys');
});

test('a line with the wrong number of columns is a ParseFailure naming both counts', () => {
  assert.deepEqual(failures(parseFile('mixed.log')), [
    'expected 15 tab-separated fields (from #fields), got 5',
  ]);
});

test('a second header block switches schema; columns bind by name (_node_name first)', () => {
  const conn = events(parseFile('mixed.log'))[2];
  assert.equal(conn?.event.dataset, 'zeek.conn');
  assert.equal(conn?.['@timestamp'], '2024-04-19T01:00:00.123Z');
  assert.deepEqual(conn?.source, { ip: '10.220.3.4', port: 49152, bytes: 5120, packets: 12 });
  assert.deepEqual(conn?.destination, { ip: '64.225.56.201', port: 443, bytes: 2048, packets: 10 });
  assert.deepEqual(conn?.network, {
    transport: 'tcp',
    protocol: 'ssl',
    bytes: 7168,
    packets: 22,
    direction: 'outbound',
  });
  assert.equal(conn?.event.duration, 12_500_000_000);
  assert.equal(conn?.event.outcome, 'success');
  assert.deepEqual(conn?.observer, { type: 'sensor', product: 'zeek', name: 'worker-1' });
  assert.deepEqual(conn?.zeek, {
    session_id: 'Cdef1',
    conn: {
      service: 'ssl,http',
      state: 'SF',
      local_orig: true,
      local_resp: false,
      missed_bytes: 0,
      history: 'ShADadFf',
      orig_ip_bytes: 5744,
      resp_ip_bytes: 2568,
    },
  });
});

test('escapes: \\\\, UTF-8 byte runs, invalid UTF-8 kept as \\xHH, escaped - and (empty)', () => {
  const [first, second, third] = events(parseFile('edge-cases.log'));
  assert.equal(first?.url?.original, '/a\\b?q=1');
  assert.equal(first?.url?.path, '/a\\b');
  assert.equal(first?.user_agent?.original, 'café agent/1.0');
  assert.equal(first?.url?.domain, undefined, 'an empty host is no domain');
  assert.deepEqual(first?.zeek?.http, {
    tags: [],
    resp_mime_types: ['text/html', 'application/x,weird'],
    x_custom: { score: 0.75 },
  });
  assert.equal(second?.http?.request?.method, '-', '\\x2d is the string "-", not unset');
  assert.equal(second?.user_agent?.original, '(empty)', '\\x28empty) is the string "(empty)"');
  assert.equal(second?.url?.original, undefined);
  assert.equal(third?.user_agent?.original, '\u0016\u0003\\xe0\u0001 hello');
  assert.equal(third?.['@timestamp'], '2024-04-19T10:00:03.000Z', 'rounded to the millisecond');
  assert.equal(unescape('plain'), 'plain');
  assert.equal(unescape('a\\x2cb\\\\x41\\q'), 'a,b\\x41\\q');
  assert.equal(unescape('\\xe6\\x97\\xa5\\xe6\\x9c\\xac'), '日本');
});

test('#fields without #types: values stay text and still map', () => {
  const hosts = events(parseFile('edge-cases.log'))[3];
  assert.equal(hosts?.event.dataset, 'zeek.known_hosts');
  assert.equal(hosts?.['@timestamp'], '2024-04-19T10:01:40.250Z');
  assert.deepEqual(hosts?.zeek, { known_hosts: { host: '10.20.1.5' } });
});

test('files.log: Zeek >= 5.1 (uid, id.*) and older (tx/rx hosts), custom set separator', () => {
  const [modern, legacy] = events(parseFile('edge-cases.log')).slice(4);
  assert.deepEqual(modern?.source, { ip: '10.20.1.5', port: 50010 });
  assert.deepEqual(modern?.destination, { ip: '203.0.113.9', port: 80 });
  assert.deepEqual(modern?.file, {
    name: 'invoice.PDF.exe',
    extension: 'exe',
    mime_type: 'application/x-dosexec',
    size: 73802,
    hash: {
      md5: '9e107d9d372bb6826bd81d3542a419d6',
      sha1: '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12',
      sha256: 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592',
    },
  });
  assert.equal(modern?.zeek?.session_id, 'CFl1');
  assert.deepEqual((modern?.zeek?.files as { analyzers: string[] }).analyzers, [
    'MD5',
    'SHA1',
    'SHA256',
  ]);
  // An upload (is_orig T): the originator is the sender, so source = tx host.
  assert.deepEqual(legacy?.source, { ip: '10.20.1.5' });
  assert.deepEqual(legacy?.destination, { ip: '203.0.113.9' });
  assert.equal(legacy?.zeek?.session_id, 'CFl2', 'the one conn_uid is the session');
  assert.deepEqual((legacy?.zeek?.files as { session_ids: string[] }).session_ids, ['CFl2']);
  assert.deepEqual(legacy?.file, {
    mime_type: 'text/plain',
    size: 1200,
    hash: { md5: '0cc175b9c0f1b6a831c399e269772661' },
  });
});

test('data before any #fields header is a ParseFailure; CRLF lines are read', () => {
  const parser: LineParser = new ZeekTsvParser('conn.log');
  const early = parser.parseLine('1713484800.0\tC1\t10.0.0.1', 1);
  assert.ok(early instanceof ParseFailure);
  assert.equal(early.reason, 'data line before any #fields header');
  assert.equal(parser.parseLine('#fields\tts\tuid\tid.orig_h\r', 2), undefined);
  assert.equal(parser.parseLine('#types\ttime\tstring\taddr\r', 3), undefined);
  const event = parser.parseLine('1713484800.0\tC1\t10.0.0.1\r', 4) as EventDraft;
  assert.equal(event.event.dataset, 'zeek.conn', 'log type from the file name without #path');
  assert.deepEqual(event.source, { ip: '10.0.0.1' });
  assert.equal(event.zeek?.session_id, 'C1');
  assert.equal(parser.parseLine('', 5), undefined);
  assert.equal(
    (parser.parseLine('1713484800.0\tC1', 6) as ParseFailure).reason,
    'expected 3 tab-separated fields (from #fields), got 2',
  );
  assert.equal(
    (parser.parseLine('yesterday\tC1\t10.0.0.1', 7) as ParseFailure).reason,
    'ts "yesterday" is not a time',
  );
});

test('hostile names in a file: no prototype writes, no exceptions', () => {
  const parser: LineParser = new ZeekTsvParser('x.log');
  const header = [
    '#separator \\x09',
    '#path\tconstructor',
    '#fields\tts\t__proto__\ta.__proto__.polluted\tconstructor\ttoString.x',
    '#types\ttime\tvector[string]\tstring\tstring\tstring',
  ];
  for (const line of header) assert.equal(parser.parseLine(line, 1), undefined);
  const event = parser.parseLine('1713484800\tx,y\tyes\tc\td', 5) as EventDraft;
  assert.equal(event.event.dataset, 'zeek.constructor');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(event.source, undefined);
  assert.deepEqual(Object.getPrototypeOf(event.zeek?.constructor), Object.prototype);
  assert.deepEqual(JSON.parse(JSON.stringify(event.zeek)), {
    constructor: { constructor: 'c', 'toString.x': 'd' },
  });
});

test('detect: #separator first is certain; reports and JSON are not Zeek TSV', () => {
  const sample = (lines: string[]) => ({ fileName: 'x.log', lines, head: new Uint8Array() });
  assert.equal(zeekTsvFormat.detect(sample(['#separator \\x09', '#set_separator\t,'])), 1);
  assert.equal(zeekTsvFormat.detect(sample(['#fields\tts\tuid', '1\tC1'])), 0.9);
  assert.equal(
    zeekTsvFormat.detect(sample(['>== Total === 2024-04-19-00-00-07 - 2024-04-19-00-59-41'])),
    0,
  );
  assert.equal(zeekTsvFormat.detect(sample(['{"ts":1,"uid":"C1"}'])), 0);
  assert.equal(zeekTsvFormat.detect(sample([])), 0);
});

test('log type from rotated, dated and plain file names; none for reports', () => {
  assert.equal(logTypeFromFileName('conn.log'), 'conn');
  assert.equal(logTypeFromFileName('dns.15:00:00-16:00:00.log.gz'), 'dns');
  assert.equal(logTypeFromFileName('conn_20240101.log'), 'conn');
  assert.equal(logTypeFromFileName('known_certs.16:02:19-17:00:00.log.gz'), 'known_certs');
  assert.equal(logTypeFromFileName('x509.log'), 'x509');
  assert.equal(logTypeFromFileName('http.log'), 'http');
  assert.equal(logTypeFromFileName('conn-summary.00:00:00-01:00:00.log.gz'), undefined);
  assert.equal(logTypeFromFileName(''), undefined);
});
