import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseIpv4 } from '../../core/ip.ts';
import { formatIpv4 } from './address.ts';
import { AsnLookup } from './asn.ts';

function csvLookup(v4: string, v6 = ''): AsnLookup {
  const dir = mkdtempSync(join(tmpdir(), 'chancery-asn-'));
  writeFileSync(join(dir, 'v4.csv'), v4);
  writeFileSync(join(dir, 'v6.csv'), v6);
  return new AsnLookup({ ipv4Path: join(dir, 'v4.csv'), ipv6Path: join(dir, 'v6.csv') });
}

const ip = (value: number): string => formatIpv4(value);

test('binary search: both ends of a range hit, the addresses beside them miss', () => {
  const base = parseIpv4('20.0.0.0');
  const lookup = csvLookup(
    [
      `${base},${base + 255},100,First`,
      `${base + 256},${base + 511},200,"Second, Inc."`,
      `${base + 1024},${base + 1024},300,"The ""Quoted"" Org"\r`,
      `${base + 2048},${base + 4095},100,First`,
      '',
    ].join('\n'),
  );
  assert.equal(lookup.asn(ip(base - 1)), undefined);
  assert.deepEqual(lookup.asn(ip(base)), { number: 100, organization: 'First' });
  assert.deepEqual(lookup.asn(ip(base + 255)), { number: 100, organization: 'First' });
  assert.deepEqual(lookup.asn(ip(base + 256)), { number: 200, organization: 'Second, Inc.' });
  assert.deepEqual(lookup.asn(ip(base + 511)), { number: 200, organization: 'Second, Inc.' });
  assert.equal(lookup.asn(ip(base + 512)), undefined);
  assert.equal(lookup.asn(ip(base + 1023)), undefined);
  assert.deepEqual(lookup.asn(ip(base + 1024)), { number: 300, organization: 'The "Quoted" Org' });
  assert.equal(lookup.asn(ip(base + 1025)), undefined);
  assert.equal(lookup.asn(ip(base + 4095))?.number, 100);
  assert.equal(lookup.asn(ip(base + 4096)), undefined);
  const stats = lookup.load().ipv4;
  assert.equal(stats.ranges, 4);
  assert.equal(stats.organizations, 3, 'organization names are deduplicated');
});

test('special ranges never reach the table; malformed lines are skipped and counted', () => {
  const lookup = csvLookup(
    ['1,9,1,Low', 'garbage', '10,5,2,Backwards', `4294967040,4294967295,9,High`].join('\n'),
  );
  assert.equal(lookup.asn('0.0.0.1'), undefined, '0.0.0.0/8 is special');
  assert.deepEqual(lookup.asn('255.255.255.254'), undefined, '240.0.0.0/4 is special');
  assert.equal(lookup.load().ipv4.skippedLines, 2);
  assert.equal(lookup.load().ipv4.ranges, 2);
});

test('overlapping ranges: the later, more specific one wins its span', () => {
  const base = parseIpv4('30.0.0.0');
  const lookup = csvLookup(
    [
      `${base},${base + 999},1,Outer`,
      `${base + 100},${base + 199},2,Inner`,
      `${base + 900},${base + 1999},3,Overlap`,
    ].join('\n'),
  );
  assert.equal(lookup.asn(ip(base + 99))?.number, 1);
  assert.equal(lookup.asn(ip(base + 100))?.number, 2);
  assert.equal(lookup.asn(ip(base + 199))?.number, 2);
  assert.equal(lookup.asn(ip(base + 200))?.number, 1);
  assert.equal(lookup.asn(ip(base + 899))?.number, 1);
  assert.equal(lookup.asn(ip(base + 900))?.number, 3);
  assert.equal(lookup.asn(ip(base + 1999))?.number, 3);
  assert.equal(lookup.asn(ip(base + 2000)), undefined);
});

test('a range running into the next is trimmed in place', () => {
  const base = parseIpv4('40.0.0.0');
  const lookup = csvLookup(
    [`${base},${base + 99},1,A`, `${base + 50},${base + 149},2,B`].join('\n'),
  );
  assert.equal(lookup.asn(ip(base + 49))?.number, 1);
  assert.equal(lookup.asn(ip(base + 50))?.number, 2);
  assert.equal(lookup.asn(ip(base + 149))?.number, 2);
  assert.equal(lookup.load().ipv4.ranges, 2);
});

test('IPv6 ranges with bounds that straddle the 64-bit halves', () => {
  const start = (0x2a00n << 112n) | ((1n << 64n) - 1n); // last address of a /64
  const end = start + 2n;
  const lookup = csvLookup('', `${start},${end},64500,"Six, Ltd"\n`);
  const text = (value: bigint): string =>
    Array.from({ length: 8 }, (_, i) =>
      ((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16),
    ).join(':');
  assert.equal(lookup.asn(text(start - 1n)), undefined);
  assert.deepEqual(lookup.asn(text(start)), { number: 64500, organization: 'Six, Ltd' });
  assert.equal(lookup.asn(text(start + 1n))?.number, 64500);
  assert.equal(lookup.asn(text(end))?.number, 64500);
  assert.equal(lookup.asn(text(end + 1n)), undefined);
});

test('real data: well-known addresses and the edges of 1.0.0.0/24', () => {
  const lookup = new AsnLookup();
  assert.equal(lookup.asn('8.8.8.8')?.number, 15169);
  assert.equal(lookup.asn('77.88.55.55')?.number, 13238);
  assert.equal(lookup.asn('1.0.0.0')?.number, 13335);
  assert.equal(lookup.asn('1.0.0.255')?.number, 13335);
  assert.equal(lookup.asn('1.0.1.0'), undefined);
  assert.equal(lookup.asn('1.0.4.0')?.number, 38803);
  assert.equal(lookup.asn('2001:4860:4860::8888')?.number, 15169);
  assert.equal(lookup.asn('::ffff:8.8.8.8')?.number, 15169);
  for (const special of ['192.168.1.1', '10.0.0.1', '172.16.5.5', '100.64.0.1', 'fd00::1']) {
    assert.equal(lookup.asn(special), undefined, special);
  }
  const stats = lookup.load();
  assert.ok(stats.ipv4.ranges > 400_000, `${stats.ipv4.ranges} IPv4 ranges`);
  assert.ok(stats.ipv6.ranges > 100_000, `${stats.ipv6.ranges} IPv6 ranges`);
  assert.equal(stats.ipv4.skippedLines, 0);
  assert.match(lookup.provenance().version, /^\d+\.\d+\.\d+$/);
});
