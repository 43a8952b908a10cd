import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DnsQuery, Flow } from '../flow.ts';
import { DnsTunnelDetector } from './tunnel.ts';

const T0 = 1_700_000_000;
const B32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Deterministic pseudo-random base32 label of `length` characters. */
function base32(seed: number, length: number): string {
  let x = seed * 2654435761 + 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += B32.charAt((x >>> 16) % 32);
  }
  return out;
}

function query(
  ts: number,
  src: string,
  name: string,
  qtype = 'A',
  answers: string[] = [],
): DnsQuery {
  return { ts, src, query: name, qtype, answers };
}

function flow(ts: number, src: string, dst: string): Flow {
  return {
    ts,
    src,
    dst,
    dstPort: 443,
    proto: 'tcp',
    origBytes: 500,
    respBytes: 5000,
    duration: 1,
    failed: false,
  };
}

test('300 base32 names under one domain, TXT, one host: a tunnel', () => {
  const d = new DnsTunnelDetector();
  for (let i = 0; i < 300; i++)
    d.observe(
      query(T0 + i, '10.0.0.5', `${base32(i, 50)}.${base32(i + 1000, 20)}.t.evil-c2.net`, 'TXT'),
    );
  const [f] = d.findings();
  assert.ok(f);
  assert.equal(f.dst, 'evil-c2.net');
  assert.equal(f.kind, 'dns-tunnel');
  assert.equal(f.components.distinct, 300);
  assert.ok(f.components.entropyBits! > 4.8, String(f.components.entropyBits));
  assert.ok(f.components.encodedShare! > 0.9);
  assert.equal(f.components.neverConnected, 0.15);
  assert.ok(f.score >= 0.9, `score ${f.score}`);
});

test('300 ordinary CDN hostnames under a popular domain score much lower', () => {
  const d = new DnsTunnelDetector();
  const cities = ['fra', 'ams', 'lhr', 'cdg', 'nrt', 'sin', 'iad', 'sjc', 'gru', 'syd'];
  let ts = T0;
  for (let i = 0; i < 300; i++) {
    const name = `img-${cities[i % 10]!}-${i}.static${i % 3}.cdn.example.com`;
    const address = `93.184.${i % 200}.${(i % 50) + 1}`;
    // Each name asked by several hosts, repeatedly, and connected to.
    for (let h = 0; h < 30; h++) {
      const src = `10.0.${h}.7`;
      d.observe(query(ts++, src, name, h % 2 ? 'AAAA' : 'A', [address]));
      d.observeFlow(flow(ts, src, address));
    }
  }
  const f = d.findings().find((x) => x.dst === 'example.com');
  assert.ok(f, 'RITA still flags 300 names');
  assert.equal(f.components.encodedShare, 0);
  assert.equal(f.components.neverConnected, 0);
  assert.equal(f.components.widespread, -0.15);
  assert.ok(f.score < 0.3, `score ${f.score}`);
});

test('a connection to an answer address, logged before or after the query, lifts the no-connection modifier', () => {
  for (const flowFirst of [false, true]) {
    const d = new DnsTunnelDetector();
    if (flowFirst) d.observeFlow(flow(T0, '10.0.0.5', '198.51.100.7'));
    for (let i = 0; i < 40; i++)
      d.observe(query(T0 + i, '10.0.0.5', `${base32(i, 40)}.x.evil-c2.net`, 'A', ['198.51.100.7']));
    if (!flowFirst) d.observeFlow(flow(T0 + 50, '10.0.0.5', '198.51.100.7'));
    const [f] = d.findings();
    assert.ok(f);
    assert.equal(f.components.neverConnected, 0, `flowFirst ${flowFirst}`);
  }
});

test('local, reverse, IP and unlisted-suffix names are ignored', () => {
  const d = new DnsTunnelDetector({ minScore: 0 });
  for (let i = 0; i < 200; i++) {
    d.observe(query(T0 + i, '10.0.0.5', `${base32(i, 30)}.printer.local`, 'TXT'));
    d.observe(query(T0 + i, '10.0.0.5', `${i}.1.168.192.in-addr.arpa`, 'PTR'));
    d.observe(query(T0 + i, '10.0.0.5', `${base32(i, 30)}.svc.internal`, 'TXT'));
    d.observe(query(T0 + i, '10.0.0.5', `${base32(i, 30)}.host.corp`, 'TXT'));
    d.observe(query(T0 + i, '10.0.0.5', `${base32(i, 30)}.localhost`, 'TXT'));
    d.observe(query(T0 + i, '10.0.0.5', '192.0.2.1', 'A'));
    d.observe(query(T0 + i, '10.0.0.5', '', 'A'));
  }
  assert.equal(d.trackedDomains, 0);
  assert.deepEqual(d.findings(), []);
});

test('a few normal lookups are not reported', () => {
  const d = new DnsTunnelDetector();
  for (const name of [
    'www.google.com',
    'mail.google.com',
    'outlook.office365.com',
    'www.bbc.co.uk',
  ])
    d.observe(query(T0, '10.0.0.5', name, 'A', ['203.0.113.1']));
  assert.deepEqual(d.findings(), []);
});

test('memory stays bounded: domain cap evicts the least recent, names turn to sampling', () => {
  const d = new DnsTunnelDetector({ maxDomains: 100, maxNamesPerDomain: 1000 });
  for (let i = 0; i < 5000; i++) d.observe(query(T0 + i, '10.0.0.5', `www.site${i}.com`));
  assert.ok(d.trackedDomains <= 100, String(d.trackedDomains));
  assert.ok(d.trackedDomains >= 90);
  const big = new DnsTunnelDetector({ maxNamesPerDomain: 1000 });
  for (let i = 0; i < 20_000; i++)
    big.observe(query(T0 + i / 10, '10.0.0.5', `${base32(i, 30)}.evil-c2.net`, 'TXT'));
  const [f] = big.findings();
  assert.ok(f);
  assert.ok(Math.abs(f.components.distinct! - 20_000) < 2_000, String(f.components.distinct));
  assert.ok(f.reasons[0]!.startsWith('about '));
  assert.equal(f.components.distinctScore, 0.8);
});

test('periods: a finding per day, and the window selects them', () => {
  const d = new DnsTunnelDetector();
  for (let day = 0; day < 2; day++)
    for (let i = 0; i < 150; i++)
      d.observe(
        query(
          T0 + day * 86_400 + i * 60,
          '10.0.0.5',
          `${base32(day * 1000 + i, 40)}.evil-c2.net`,
          'TXT',
        ),
      );
  assert.equal(d.findings().length, 2);
  const second = d.findings({ start: T0 + 86_400, end: T0 + 2 * 86_400 });
  assert.equal(second.length, 1);
  assert.equal(second[0]!.components.distinct, 150);
});
