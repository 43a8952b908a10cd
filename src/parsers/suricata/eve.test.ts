// Suricata EVE: every event type named in the spec, both DNS shapes, malformed lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventDraft } from '../../core/index.ts';
import { fixture, readLines } from '../../../test/support/data.ts';
import { ParseFailure, type LineParser, type ParseOutcome } from '../parser.ts';
import { SuricataEveParser } from './eve.ts';

const parseFile = (name: string): ParseOutcome[] => {
  const parser: LineParser = new SuricataEveParser();
  return readLines(fixture('suricata', name)).map((line, index) =>
    parser.parseLine(line, index + 1),
  );
};
const isEvent = (o: ParseOutcome): o is EventDraft =>
  o !== undefined && !(o instanceof ParseFailure);

test('v2 fixture: alert, flow, dns query and answer, http, tls, fileinfo, anomaly, stats', () => {
  const outcomes = parseFile('eve-v2.json');
  const [alert, flow, query, answer, http, tls, fileinfo, anomaly, stats] =
    outcomes.filter(isEvent);
  assert.equal(alert?.event.kind, 'alert');
  assert.deepEqual(alert?.rule, {
    id: '2024897',
    name: 'ET MALWARE Backdoor Beacon',
    category: 'A Network Trojan was detected',
    version: '3',
  });
  assert.equal(alert?.event.severity, 1);
  assert.equal(alert?.['@timestamp'], '2024-04-19T00:15:02.123Z');
  assert.equal(alert?.url?.domain, 'update.mofa-go.jp');
  assert.equal(alert?.user_agent?.original, 'Modzilla/0.0001 (Atari 7800)');
  assert.equal(alert?.observer?.name, 'sensor-beijing');
  assert.deepEqual(flow?.source, { ip: '10.20.1.5', port: 49811, bytes: 812, packets: 6 });
  assert.deepEqual(flow?.destination, { ip: '64.225.56.201', port: 80, bytes: 1450, packets: 5 });
  assert.equal(flow?.network?.bytes, 2262);
  assert.equal(flow?.event.duration, 5.5e9);
  assert.deepEqual(query?.dns, {
    type: 'query',
    id: '4242',
    question: { name: 'update.mofa-go.jp', type: 'A' },
  });
  assert.deepEqual(answer?.dns?.answers, [
    { name: 'update.mofa-go.jp', type: 'A', data: '64.225.56.201', ttl: 300 },
  ]);
  assert.deepEqual(answer?.dns?.resolved_ip, ['64.225.56.201']);
  assert.equal(answer?.dns?.response_code, 'NOERROR');
  assert.equal(http?.http?.request?.method, 'POST');
  assert.equal(http?.http?.response?.status_code, 404);
  assert.equal(http?.http?.request?.referrer, 'http://example.org/');
  assert.equal(tls?.tls?.client?.server_name, 'cdn.example.net');
  assert.equal(tls?.tls?.version, '1.2');
  assert.equal(tls?.tls?.client?.ja3, 'e7d705a3286e19ea42f587b344ee6865');
  assert.equal(tls?.tls?.server?.hash?.sha1, 'abcdef0123456789abcdef0123456789abcdef01');
  assert.equal(tls?.destination?.domain, 'cdn.example.net');
  assert.equal(fileinfo?.file?.name, 'payload.bin');
  assert.equal(
    fileinfo?.file?.hash?.sha256,
    'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592',
  );
  assert.equal(fileinfo?.file?.size, 73802);
  assert.equal(anomaly?.message, 'decode: decoder.ipv4.trunc_pkt');
  assert.equal(stats?.event.action, 'stats');
  assert.deepEqual((stats?.suricata?.eve as { stats?: unknown }).stats, {
    uptime: 3600,
    capture: { kernel_packets: 123456 },
  });
  const failures = outcomes.filter((o): o is ParseFailure => o instanceof ParseFailure);
  assert.equal(failures.length, 1);
  assert.match(failures[0]?.reason ?? '', /invalid JSON/);
});

test('v3 fixture (Suricata 8): queries[] and request/response are read like v2', () => {
  const [request, response] = parseFile('eve-v3.json').filter(isEvent);
  assert.deepEqual(request?.dns?.question, { name: 'abcdef0123.dnsc.r-1x.com', type: 'TXT' });
  assert.equal(request?.dns?.type, 'query');
  assert.equal(response?.dns?.type, 'answer');
  assert.deepEqual(response?.dns?.question, { name: 'abcdef0123.dnsc.r-1x.com', type: 'TXT' });
  assert.equal(response?.dns?.answers?.[0]?.data, '302f017537c68f5169');
});

test('lines without event_type or timestamp are rejected with the reason', () => {
  const parser: LineParser = new SuricataEveParser();
  assert.match(
    (parser.parseLine('{"timestamp":"2024-01-01T00:00:00Z"}', 1) as ParseFailure).reason,
    /no event_type/,
  );
  assert.match(
    (parser.parseLine('{"event_type":"flow"}', 1) as ParseFailure).reason,
    /no usable timestamp/,
  );
});
