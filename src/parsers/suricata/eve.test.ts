// Suricata EVE: every mapped event type, both DNS shapes (v2 of Suricata <= 7, v3 of 8.x),
// other event types, exact flow ids, bad lines, timestamps and detection.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { EventDraft } from '../../core/index.ts';
import { fixture } from '../../../test/support/data.ts';
import { ParseFailure, type DetectSample, type LineParser, type ParseOutcome } from '../parser.ts';
import { suricataEveFormat, SuricataEveParser } from './eve.ts';
import { isoFromEve } from './time.ts';

const parseLines = (lines: readonly string[]): ParseOutcome[] => {
  const parser: LineParser = new SuricataEveParser();
  return lines.map((line, index) => parser.parseLine(line, index + 1));
};
const fixtureLines = (name: string): string[] =>
  readFileSync(fixture('suricata', name), 'utf8').split('\n');
const isEvent = (o: ParseOutcome): o is EventDraft =>
  o !== undefined && !(o instanceof ParseFailure);
const one = (line: string): EventDraft => {
  const outcome = new SuricataEveParser().parseLine(line);
  assert.ok(isEvent(outcome), outcome instanceof ParseFailure ? outcome.reason : 'no event');
  return outcome;
};

const v2 = parseLines(fixtureLines('eve-v2.json'));
const [alert, flow, query, answer, http, tls, fileinfo, anomaly, stats] = v2.filter(isEvent);

test('alert: event.kind alert, rule from the signature, severity, app-layer context', () => {
  assert.equal(alert?.['@timestamp'], '2024-04-19T00:15:02.123Z');
  assert.deepEqual(alert?.event, {
    kind: 'alert',
    category: ['network', 'intrusion_detection'],
    action: 'alert',
    dataset: 'suricata.eve',
    module: 'suricata',
    original: fixtureLines('eve-v2.json')[0],
    type: ['allowed'],
    severity: 1,
  });
  assert.deepEqual(alert?.rule, {
    id: '2024897',
    name: 'ET MALWARE Backdoor Beacon',
    category: 'A Network Trojan was detected',
    version: '3',
  });
  assert.equal(alert?.message, 'ET MALWARE Backdoor Beacon');
  assert.deepEqual(alert?.source, { ip: '10.20.1.5', port: 49811 });
  assert.deepEqual(alert?.destination, {
    ip: '64.225.56.201',
    port: 80,
    domain: 'update.mofa-go.jp',
  });
  assert.deepEqual(alert?.network, { transport: 'tcp', protocol: 'http', community_id: '1:abc=' });
  assert.deepEqual(alert?.observer, {
    name: 'sensor-beijing',
    type: 'ids',
    vendor: 'OISF',
    product: 'Suricata',
  });
  assert.equal(alert?.url?.full, 'http://update.mofa-go.jp/check.php?id=7');
  assert.equal(alert?.user_agent?.original, 'Modzilla/0.0001 (Atari 7800)');
  const eve = alert?.suricata?.eve as Record<string, unknown>;
  assert.equal(eve.event_type, 'alert');
  assert.equal(eve.in_iface, 'eth0');
  assert.deepEqual((eve.alert as { metadata: unknown }).metadata, {
    attack_target: ['Client_Endpoint'],
  });
  assert.equal(eve.src_ip, undefined, 'mapped fields are not repeated');
});

test('flow: bytes and packets per side, totals, duration; flow_id keeps all 64 bits', () => {
  assert.deepEqual(flow?.event.type, ['connection']);
  assert.deepEqual(flow?.source, { ip: '10.20.1.5', port: 49811, bytes: 812, packets: 6 });
  assert.deepEqual(flow?.destination, { ip: '64.225.56.201', port: 80, bytes: 1450, packets: 5 });
  assert.deepEqual(flow?.network, { transport: 'tcp', protocol: 'http', bytes: 2262, packets: 11 });
  assert.equal(flow?.event.duration, 5_500_000_000);
  const alertFlow = (alert?.suricata?.eve as { flow_id: string }).flow_id;
  assert.equal(alertFlow, '2305843009213693953');
  assert.equal((flow?.suricata?.eve as { flow_id: string }).flow_id, alertFlow);
  assert.deepEqual((flow?.suricata?.eve as { tcp: unknown }).tcp, {
    tcp_flags: '1b',
    syn: true,
    fin: true,
    psh: true,
    ack: true,
    state: 'closed',
  });
});

test('dns v2: query and answer events', () => {
  assert.deepEqual(query?.dns, {
    type: 'query',
    id: '4242',
    question: { name: 'update.mofa-go.jp', type: 'A' },
  });
  assert.deepEqual(query?.event.type, ['protocol']);
  assert.deepEqual(query?.network, { transport: 'udp', protocol: 'dns' });
  assert.deepEqual(answer?.dns, {
    type: 'answer',
    id: '4242',
    response_code: 'NOERROR',
    header_flags: ['RD', 'RA'],
    question: { name: 'update.mofa-go.jp', type: 'A' },
    answers: [{ name: 'update.mofa-go.jp', type: 'A', data: '64.225.56.201', ttl: 300 }],
    resolved_ip: ['64.225.56.201'],
  });
  assert.equal(answer?.event.outcome, 'success');
});

test('dns v3 (Suricata 8): queries[] and request/response read like v2', () => {
  const [request, response] = parseLines(fixtureLines('eve-v3.json')).filter(isEvent);
  assert.deepEqual(request?.dns, {
    type: 'query',
    id: '777',
    op_code: 'QUERY',
    header_flags: ['RD'],
    question: { name: 'abcdef0123.dnsc.r-1x.com', type: 'TXT' },
  });
  assert.deepEqual(response?.dns, {
    type: 'answer',
    id: '777',
    op_code: 'QUERY',
    response_code: 'NOERROR',
    header_flags: ['RD', 'RA'],
    question: { name: 'abcdef0123.dnsc.r-1x.com', type: 'TXT' },
    answers: [
      { name: 'abcdef0123.dnsc.r-1x.com', type: 'TXT', data: '302f017537c68f5169', ttl: 60 },
    ],
  });
  assert.equal(response?.['@timestamp'], '2025-06-01T12:00:00.050Z');
});

test('dns v2 variants: one answer per record (v1 style) and the grouped format', () => {
  const single = one(
    '{"timestamp":"2020-01-01T00:00:00.000000+0000","event_type":"dns","src_ip":"10.0.0.53","dest_ip":"10.0.0.5","proto":"UDP","dns":{"type":"answer","id":1,"rrname":"a.example","rrtype":"AAAA","ttl":30,"rdata":"2001:db8::1","rcode":"NOERROR"}}',
  );
  assert.deepEqual(single.dns?.answers, [
    { name: 'a.example', type: 'AAAA', data: '2001:db8::1', ttl: 30 },
  ]);
  assert.deepEqual(single.dns?.resolved_ip, ['2001:db8::1']);
  const grouped = one(
    '{"timestamp":"2020-01-01T00:00:00.000000+0000","event_type":"dns","dns":{"version":2,"type":"answer","id":2,"rrname":"b.example","rrtype":"A","rcode":"NXDOMAIN","grouped":{"CNAME":["c.example"],"A":["192.0.2.1","192.0.2.2"]}}}',
  );
  assert.deepEqual(grouped.dns?.answers, [
    { type: 'CNAME', data: 'c.example' },
    { type: 'A', data: '192.0.2.1' },
    { type: 'A', data: '192.0.2.2' },
  ]);
  assert.deepEqual(grouped.dns?.resolved_ip, ['192.0.2.1', '192.0.2.2']);
  assert.equal(grouped.event.outcome, 'failure');
});

test('http, tls, fileinfo, anomaly', () => {
  assert.deepEqual(http?.event.category, ['network', 'web']);
  assert.deepEqual(http?.http, {
    request: { method: 'POST', referrer: 'http://example.org/' },
    response: { status_code: 404, body: { bytes: 0 }, mime_type: 'text/html' },
    version: '1.1',
  });
  assert.deepEqual(http?.url, {
    domain: 'update.mofa-go.jp',
    original: '/upload',
    path: '/upload',
    port: 80,
    full: 'http://update.mofa-go.jp/upload',
  });
  assert.equal(http?.user_agent?.original, 'curl/8.0');
  assert.equal(http?.event.outcome, 'failure');

  assert.deepEqual(tls?.tls, {
    version: '1.2',
    version_protocol: 'tls',
    client: {
      server_name: 'cdn.example.net',
      ja3: 'e7d705a3286e19ea42f587b344ee6865',
      ja4: 't12d190800_d83cc789557e_7af1ed941c26',
    },
    server: {
      subject: 'CN=cdn.example.net',
      issuer: "CN=R3, O=Let's Encrypt, C=US",
      hash: { sha1: 'abcdef0123456789abcdef0123456789abcdef01' },
      ja3s: 'f4febc55ea12b31ae17cfb7e614afda8',
      not_before: '2024-01-01T00:00:00.000Z',
      not_after: '2024-04-01T00:00:00.000Z',
      x509: { serial_number: '04AB' },
    },
  });
  assert.equal(tls?.destination?.domain, 'cdn.example.net');

  assert.deepEqual(fileinfo?.event.category, ['network', 'file']);
  assert.deepEqual(fileinfo?.file, {
    name: 'payload.bin',
    extension: 'bin',
    size: 73802,
    hash: {
      md5: '9e107d9d372bb6826bd81d3542a419d6',
      sha1: '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12',
      sha256: 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592',
    },
  });
  assert.equal(fileinfo?.url?.original, '/payload.bin');
  assert.equal(
    (fileinfo?.suricata?.eve as { fileinfo: { magic: string } }).fileinfo.magic,
    'PE32 executable (GUI) Intel 80386, for MS Windows',
  );

  assert.equal(anomaly?.message, 'decode: decoder.ipv4.trunc_pkt');
  assert.deepEqual(anomaly?.event.type, ['info']);
});

test('other event types keep the common fields; stats are metrics', () => {
  assert.equal(stats?.event.kind, 'metric');
  assert.equal(stats?.event.action, 'stats');
  assert.equal(stats?.event.category, undefined);
  assert.deepEqual((stats?.suricata?.eve as { stats: unknown }).stats, {
    uptime: 3600,
    capture: { kernel_packets: 123456 },
  });
  const ssh = one(
    '{"timestamp":"2024-04-19T10:00:00.000000+0000","flow_id":9,"event_type":"ssh","src_ip":"198.51.100.9","src_port":51234,"dest_ip":"10.20.1.22","dest_port":22,"proto":"TCP","app_proto":"ssh","ssh":{"client":{"proto_version":"2.0","software_version":"libssh_0.10.5"},"server":{"proto_version":"2.0","software_version":"OpenSSH_8.2p1"}}}',
  );
  assert.deepEqual(ssh.event.category, ['network']);
  assert.equal(ssh.event.action, 'ssh');
  assert.deepEqual(ssh.network, { transport: 'tcp', protocol: 'ssh' });
  assert.deepEqual(ssh.destination, { ip: '10.20.1.22', port: 22 });
  assert.equal(
    (ssh.suricata?.eve as { ssh: { client: { software_version: string } } }).ssh.client
      .software_version,
    'libssh_0.10.5',
  );
  const smtp = one(
    '{"timestamp":"2024-04-19T10:00:01.000000+0000","event_type":"smtp","src_ip":"10.20.1.5","src_port":40000,"dest_ip":"203.0.113.25","dest_port":25,"proto":"TCP","smtp":{"helo":"pc.example","mail_from":"<a@example.org>","rcpt_to":["<b@example.net>"]}}',
  );
  assert.equal(smtp.event.action, 'smtp');
  assert.deepEqual((smtp.suricata?.eve as { smtp: { rcpt_to: string[] } }).smtp.rcpt_to, [
    '<b@example.net>',
  ]);
  const netflow = one(
    '{"timestamp":"2024-04-19T10:00:02.000000+0000","event_type":"netflow","src_ip":"10.20.1.5","src_port":40001,"dest_ip":"203.0.113.7","dest_port":443,"proto":"TCP","app_proto":"tls","netflow":{"pkts":7,"bytes":900,"start":"2024-04-19T09:59:58.250000+0000","end":"2024-04-19T10:00:01.000000+0000","age":3}}',
  );
  assert.deepEqual(netflow.source, { ip: '10.20.1.5', port: 40001, bytes: 900, packets: 7 });
  assert.deepEqual(netflow.network, { transport: 'tcp', protocol: 'tls', bytes: 900, packets: 7 });
  assert.equal(netflow.event.duration, 2_750_000_000);
});

test('a blocked alert with Suricata 8 DNS context; IPv6 addresses', () => {
  const event = one(
    '{"timestamp":"2025-06-01T12:00:01.000000+0200","event_type":"alert","src_ip":"2001:db8:30::7","src_port":5353,"dest_ip":"2001:db8:30::1","dest_port":53,"proto":"UDP","app_proto":"dns","alert":{"action":"blocked","gid":1,"signature_id":2027863,"rev":5,"signature":"ET INFO Observed DNS Query to .r-1x.com Domain","category":"Potentially Bad Traffic","severity":2},"dns":{"version":3,"type":"request","id":9,"queries":[{"rrname":"x.dnsc.r-1x.com","rrtype":"TXT"}]}}',
  );
  assert.equal(event['@timestamp'], '2025-06-01T10:00:01.000Z');
  assert.deepEqual(event.event.type, ['denied']);
  assert.equal(event.event.severity, 2);
  assert.equal(event.rule?.id, '2027863');
  assert.deepEqual(event.dns?.question, { name: 'x.dnsc.r-1x.com', type: 'TXT' });
  assert.deepEqual(event.source, { ip: '2001:db8:30::7', port: 5353 });
});

test('bad lines are ParseFailures with the reason; blank lines are skipped', () => {
  const failures = v2.filter((o): o is ParseFailure => o instanceof ParseFailure);
  assert.equal(failures.length, 1);
  assert.match(failures[0]?.reason ?? '', /^invalid JSON: /);
  assert.equal(v2.filter(isEvent).length, 9);
  const parser = new SuricataEveParser();
  const reason = (line: string) => (parser.parseLine(line) as ParseFailure).reason;
  assert.equal(reason('{"timestamp":"2024-01-01T00:00:00Z"}'), 'no event_type');
  assert.equal(reason('{"event_type":"flow"}'), 'no usable timestamp');
  assert.equal(reason('{"event_type":"flow","timestamp":"yesterday"}'), 'no usable timestamp');
  assert.equal(reason('["alert"]'), 'expected a JSON object per line');
  assert.equal(parser.parseLine(''), undefined);
  assert.equal(parser.parseLine('  '), undefined);
});

test('EVE timestamps: offsets with and without colon, Z, none, and fallbacks', () => {
  assert.equal(isoFromEve('2024-04-19T09:15:02.123456+0900'), '2024-04-19T00:15:02.123Z');
  assert.equal(isoFromEve('2024-04-18T19:15:02.999999-0500'), '2024-04-19T00:15:02.999Z');
  assert.equal(isoFromEve('2024-04-19T05:45:02+05:30'), '2024-04-19T00:15:02.000Z');
  assert.equal(isoFromEve('2024-04-19T00:15:02.5Z'), '2024-04-19T00:15:02.500Z');
  assert.equal(isoFromEve('2024-04-19T00:15:02'), '2024-04-19T00:15:02.000Z');
  assert.equal(isoFromEve('2024-04-19 00:15:02'), '2024-04-19T00:15:02.000Z');
  assert.equal(isoFromEve('not a time'), undefined);
});

test('detect: EVE lines are certain; Zeek JSON and text are not EVE', () => {
  const sample = (lines: string[]): DetectSample => ({
    fileName: 'eve.json',
    lines,
    head: new Uint8Array(),
  });
  const lines = fixtureLines('eve-v2.json');
  assert.equal(suricataEveFormat.detect(sample(lines.slice(0, 5))), 1);
  assert.equal(suricataEveFormat.detect(sample([lines[0]?.slice(0, 200) ?? ''])), 1, 'a cut line');
  assert.equal(suricataEveFormat.detect(sample(['{"ts":1,"uid":"C1","id.orig_h":"10.0.0.1"}'])), 0);
  assert.equal(suricataEveFormat.detect(sample(['{"timestamp":"2024-01-01T00:00:00Z"}'])), 0);
  assert.equal(suricataEveFormat.detect(sample(['<13>Apr 19 00:00:00 host app: hi'])), 0);
  assert.equal(suricataEveFormat.detect(sample([])), 0);
});
