// Zeek TSV and JSON: header handling, typed values, ECS mappings, and every line of the real logs.
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { test } from 'node:test';
import type { EventDraft } from '../../core/index.ts';
import { fixture, needsShared, readLines, shared, walk } from '../../../test/support/data.ts';
import { ParseFailure, type LineParser, type ParseOutcome } from '../parser.ts';
import { ZeekJsonParser } from './json.ts';
import { logTypeFromFileName, ZeekTsvParser, zeekTsvFormat } from './tsv.ts';

function parseAll(parser: LineParser, lines: readonly string[]): ParseOutcome[] {
  return lines.map((line, index) => parser.parseLine(line, index + 1));
}

const events = (outcomes: ParseOutcome[]): EventDraft[] =>
  outcomes.filter((o): o is EventDraft => o !== undefined && !(o instanceof ParseFailure));
const failures = (outcomes: ParseOutcome[]): ParseFailure[] =>
  outcomes.filter((o): o is ParseFailure => o instanceof ParseFailure);

test('TSV: typed values, sets and vectors, \\x escapes, unset and empty fields', () => {
  const outcomes = parseAll(
    new ZeekTsvParser('mixed.log'),
    readLines(fixture('zeek', 'mixed.log')),
  );
  const [first, second] = events(outcomes);
  assert.equal(first?.['@timestamp'], '2024-04-19T00:00:00.500Z');
  assert.equal(first?.event.dataset, 'zeek.dns');
  assert.deepEqual(first?.dns?.question, { name: 'mofa-go.jp', type: 'A' });
  assert.deepEqual(first?.dns?.answers, [
    { data: '203.0.113.5', ttl: 60 },
    { data: '203.0.113.6', ttl: 60 },
  ]);
  assert.deepEqual(first?.dns?.resolved_ip, ['203.0.113.5', '203.0.113.6']);
  assert.deepEqual(first?.dns?.header_flags, ['RD']);
  assert.equal(first?.dns?.id, '4242');
  assert.deepEqual(first?.source, { ip: '10.20.1.5', port: 53211 });
  assert.equal(second?.dns?.question?.name, 'tab\tin,name.example');
  assert.equal(second?.dns?.answers, undefined, '(empty) vector gives no answers');
  assert.equal(second?.dns?.response_code, undefined, 'unset field is omitted');
});

test('TSV: a short line is rejected with the expected and actual column counts', () => {
  const outcomes = parseAll(
    new ZeekTsvParser('mixed.log'),
    readLines(fixture('zeek', 'mixed.log')),
  );
  assert.deepEqual(
    failures(outcomes).map((f) => f.reason),
    ['expected 15 tab-separated fields (from #fields), got 5'],
  );
});

test('TSV: a second header block switches the schema, binding columns by name (_node_name first)', () => {
  const conn = events(
    parseAll(new ZeekTsvParser('mixed.log'), readLines(fixture('zeek', 'mixed.log'))),
  )[2];
  assert.equal(conn?.event.dataset, 'zeek.conn');
  assert.deepEqual(conn?.source, { ip: '10.220.3.4', port: 49152, bytes: 5120, packets: 12 });
  assert.deepEqual(conn?.destination, { ip: '64.225.56.201', port: 443, bytes: 2048, packets: 10 });
  assert.deepEqual(conn?.network, { transport: 'tcp', protocol: 'ssl', bytes: 8312, packets: 22 });
  assert.equal(conn?.event.duration, 12_500_000_000);
  assert.equal(conn?.observer?.name, 'worker-1');
  assert.deepEqual(conn?.zeek, {
    session_id: 'Cdef1',
    conn: {
      conn_state: 'SF',
      history: 'ShADadFf',
      local_orig: true,
      local_resp: false,
      missed_bytes: 0,
      orig_ip_bytes: 5744,
      resp_ip_bytes: 2568,
    },
  });
  assert.equal(conn?.event.original.split('\t')[0], 'worker-1');
});

test('TSV: data before any header is rejected, and the file name gives the log type', () => {
  const tsv: LineParser = new ZeekTsvParser('conn.log');
  assert.ok(tsv.parseLine('1\t2\t3', 1) instanceof ParseFailure);
  assert.equal(logTypeFromFileName('conn.15:00:00-16:00:00.log.gz'), 'conn');
  assert.equal(logTypeFromFileName('dns_20240101.log'), 'dns');
  assert.equal(logTypeFromFileName('known_services.log'), 'known_services');
  assert.equal(
    zeekTsvFormat.detect({ fileName: 'x', lines: ['#separator \\x09'], head: new Uint8Array() }),
    1,
  );
});

test('JSON: log type from the file name, ISO or epoch ts, malformed lines rejected', () => {
  const parser: LineParser = new ZeekJsonParser('http.log');
  const event = parser.parseLine(
    '{"ts":"2024-04-19T00:00:01.5Z","uid":"C1","id.orig_h":"10.0.0.1","id.orig_p":5,"id.resp_h":"64.225.56.201","id.resp_p":80,"method":"POST","host":"c2.example","uri":"/up?x=1","request_body_len":40960,"status_code":200,"user_agent":"Modzilla/0.0001 (Atari 7800)","password":"hunter2"}',
    1,
  ) as EventDraft;
  assert.equal(event.event.dataset, 'zeek.http');
  assert.equal(event['@timestamp'], '2024-04-19T00:00:01.500Z');
  assert.deepEqual(event.url, {
    domain: 'c2.example',
    original: '/up?x=1',
    path: '/up',
    query: 'x=1',
    full: 'http://c2.example/up?x=1',
  });
  assert.equal(event.http?.request?.method, 'POST');
  assert.equal(event.http?.request?.body?.bytes, 40960);
  assert.equal(event.user_agent?.original, 'Modzilla/0.0001 (Atari 7800)');
  assert.equal(event.destination?.domain, 'c2.example');
  assert.equal(
    JSON.stringify(event.zeek).includes('hunter2'),
    false,
    'the password is not copied into fields',
  );
  assert.ok(parser.parseLine('{"ts": 1, "uid": ', 2) instanceof ParseFailure);
  assert.ok(parser.parseLine('[1]', 3) instanceof ParseFailure);
  assert.equal(parser.parseLine('', 4), undefined);
});

const zeekDir = shared('zeek');

test(
  'real Zeek logs: every data line of every log parses, TSV and JSON',
  { skip: needsShared('zeek') },
  () => {
    let dataLines = 0;
    let parsed = 0;
    const problems: string[] = [];
    for (const path of walk(zeekDir).filter(
      (p) => /\.log(\.gz)?$/.test(p) && !basename(p).startsWith('conn-summary'),
    )) {
      const lines = readLines(path);
      const parser =
        lines[0]?.startsWith('{') === true
          ? new ZeekJsonParser(basename(path))
          : new ZeekTsvParser(basename(path));
      const outcomes = parseAll(parser, lines);
      dataLines += lines.filter((line) => line !== '' && !line.startsWith('#')).length;
      parsed += events(outcomes).length;
      for (const failure of failures(outcomes)) problems.push(`${path}: ${failure.reason}`);
    }
    assert.deepEqual(problems.slice(0, 5), []);
    assert.equal(parsed, dataLines);
    assert.ok(dataLines > 300_000, `only ${dataLines} data lines found`);
  },
);

test(
  'real Zeek logs: the RITA beacon pair and the dnscat2 queries come out with the right fields',
  { skip: needsShared('zeek') },
  () => {
    const day = shared('zeek', 'rita', 'test_data', 'missing_host', '2024-04-19');
    const http = walk(day)
      .filter((p) => basename(p).startsWith('http.'))
      .flatMap((p) => events(parseAll(new ZeekTsvParser(basename(p)), readLines(p))));
    const beacon = http.filter(
      (e) => e.source?.ip === '73.54.23.243' && e.destination?.ip === '64.225.56.201',
    );
    assert.ok(beacon.length > 100, `found ${beacon.length} beacon requests`);
    assert.ok(beacon.every((e) => e.user_agent?.original === 'Modzilla/0.0001 (Atari 7800)'));
    const dns = events(
      parseAll(
        new ZeekJsonParser('dns.log'),
        readLines(shared('zeek', 'rita', 'test_data', 'json_with_all_fields', 'dns.log')),
      ),
    );
    const tunnel = dns.filter((e) => e.dns?.question?.name?.endsWith('.dnsc.r-1x.com') === true);
    assert.ok(tunnel.length > 0);
    assert.ok(
      tunnel.every(
        (e) =>
          e.dns?.question?.type === 'TXT' ||
          e.dns?.question?.type === 'CNAME' ||
          e.dns?.question?.type === 'MX',
      ),
    );
  },
);
