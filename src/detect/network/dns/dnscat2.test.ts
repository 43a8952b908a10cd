// Golden test on real traffic: RITA's `json_with_all_fields` capture holds a dnscat2 session
// (TXT queries for `<hex>.dnsc.r-1x.com` from 192.168.88.2) beside ordinary Windows lookups
// of Microsoft and Akamai names. Only 23 distinct names: below RITA's 100-a-day count, so the
// name shape and query type have to carry it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { needsShared, shared } from '../../../../test/support/data.ts';
import type { DnsQuery } from '../flow.ts';
import { DnsTunnelDetector } from './tunnel.ts';

const DIR = ['zeek', 'rita', 'test_data', 'json_with_all_fields'];

function zeekDns(path: string): DnsQuery[] {
  const out: DnsQuery[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as Record<string, unknown>;
    if (typeof row.query !== 'string') continue;
    out.push({
      ts: Number(row.ts),
      src: String(row['id.orig_h']),
      query: row.query.toLowerCase().replace(/\.$/, ''),
      qtype: typeof row.qtype_name === 'string' ? row.qtype_name : '',
      answers: Array.isArray(row.answers) ? row.answers.map(String) : [],
      eventId: String(row.uid),
    });
  }
  return out;
}

test(
  'dnscat2 over r-1x.com is reported as a tunnel; Microsoft and Akamai names are not',
  {
    skip: needsShared(...DIR, 'dns.log'),
  },
  () => {
    const detector = new DnsTunnelDetector();
    for (const query of zeekDns(shared(...DIR, 'dns.log'))) detector.observe(query);
    const findings = detector.findings();
    const tunnel = findings.find((f) => f.dst === 'r-1x.com');
    assert.ok(tunnel, `r-1x.com not reported; got ${findings.map((f) => f.dst).join(', ')}`);
    assert.equal(tunnel.kind, 'dns-tunnel');
    assert.equal(tunnel.src, '192.168.88.2');
    assert.equal(tunnel.components.distinct, 23);
    assert.equal(tunnel.components.queries, 24);
    assert.equal(tunnel.components.encodedShare, 1);
    assert.equal(tunnel.components.unusualQtypeShare, 1);
    assert.equal(tunnel.components.neverConnected, 0.15);
    assert.ok(tunnel.score >= 0.6, `score ${tunnel.score}: ${tunnel.reasons.join('; ')}`);
    for (const other of findings.filter((f) => f !== tunnel))
      assert.ok(other.score < 0.4, `${other.dst} scored ${other.score}`);
    for (const ordinary of [
      'akadns.net',
      'microsoft.com.akadns.net',
      'com.akadns.net',
      'edgekey.net',
    ])
      assert.equal(
        findings.find((f) => f.dst === ordinary),
        undefined,
        ordinary,
      );
  },
);
