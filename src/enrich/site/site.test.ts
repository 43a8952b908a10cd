// Site registry import, address parsing and longest-prefix zone matching.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { eventId, type EcsEvent } from '../../core/index.ts';
import { enrichSite } from './enrich-site.ts';
import { isPublicAddress, parseCidr, parseIpv4, parseIpv6 } from '../../core/ip.ts';
import { parseOffset, readSiteCsv } from './registry-csv.ts';
import { SiteMatcher } from './site-matcher.ts';

const fixture = (name: string): string =>
  new URL(`../../../test/fixtures/sites/${name}`, import.meta.url).pathname;
const sites = readSiteCsv(readFileSync(fixture('sites.csv'), 'utf8'), 'sites.csv');

test('parses IPv4 and IPv6 addresses and refuses near misses', () => {
  assert.equal(parseIpv4('10.1.2.3'), 0x0a010203);
  assert.equal(parseIpv4('255.255.255.255'), 0xffffffff);
  for (const bad of ['10.1.2', '10.1.2.256', '1.2.3.4.5', '01234.1.1.1', 'a.b.c.d', '', '1..2.3'])
    assert.equal(parseIpv4(bad), -1, bad);
  assert.equal(parseIpv6('::1'), 1n);
  assert.equal(parseIpv6('2001:db8::ff'), (0x20010db8n << 96n) | 0xffn);
  assert.equal(parseIpv6('::ffff:10.0.0.1'), (0xffffn << 32n) | 0x0a000001n);
  assert.equal(parseIpv6('fe80::1%eth0'), (0xfe80n << 112n) | 1n);
  for (const bad of ['1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1', '12345::1'])
    assert.equal(parseIpv6(bad), undefined, bad);
  assert.equal(parseCidr('10.1.2.3/8')?.network, 0x0a000000);
  assert.equal(parseCidr('10.0.0.0/33'), undefined);
  assert.equal(parseCidr('2001:db8::/129'), undefined);
});

test('tells public addresses from special-purpose ones', () => {
  assert.equal(isPublicAddress('8.8.8.8'), true);
  assert.equal(isPublicAddress('2a00:1450::1'), true);
  for (const special of [
    '10.1.1.1',
    '172.16.5.4',
    '192.168.0.1',
    '127.0.0.1',
    '169.254.1.1',
    '100.64.0.1',
    '239.255.255.250',
    'fe80::1',
    'fd00::1',
    '::1',
  ]) {
    assert.equal(isPublicAddress(special), false, special);
  }
});

test('imports the registry with CIDR lists split on ; or spaces and extra columns kept', () => {
  assert.deepEqual(sites.problems, []);
  assert.equal(sites.sites.length, 4);
  const paris = sites.sites.find((s) => s.id === 'paris');
  assert.deepEqual(paris?.openCidrs, ['10.30.0.0/16', '2001:db8:30::/48']);
  assert.deepEqual(sites.sites.find((s) => s.id === 'beijing')?.openCidrs, [
    '10.20.0.0/16',
    '192.168.20.0/24',
  ]);
  assert.equal(paris.timezoneOffsetMinutes, 60);
  assert.equal(sites.sites.find((s) => s.id === 'washington')?.timezoneOffsetMinutes, -300);
  assert.deepEqual(paris.attributes, { region: 'europe' });
});

test('reports every problem of a bad registry with its line, and imports nothing', () => {
  const result = readSiteCsv(readFileSync(fixture('bad-sites.csv'), 'utf8'), 'bad-sites.csv');
  assert.deepEqual(result.sites, []);
  const messages = result.problems.map((p) => `${p.line}: ${p.message}`);
  assert.ok(
    messages.some((m) => m.startsWith('3: duplicate site id')),
    messages.join('\n'),
  );
  assert.ok(messages.some((m) => m.startsWith("3: country 'Japan'")));
  assert.ok(messages.some((m) => m.startsWith("3: timezone_offset '+25:00'")));
  assert.ok(messages.some((m) => m.startsWith("3: open_cidrs: '10.0.0.0/33'")));
  assert.ok(messages.some((m) => m.startsWith('3: 10.200.0.0/16 is already assigned')));
  assert.ok(messages.some((m) => m.startsWith('4: expected 6 columns, found 5')));
  assert.equal(
    readSiteCsv('name,country\nx,JP\n', 'f').problems[0]?.message.includes('missing column(s) id'),
    true,
  );
});

test('reads timezone offsets in the forms people write them', () => {
  assert.equal(parseOffset('+09:00'), 540);
  assert.equal(parseOffset('-0530'), -330);
  assert.equal(parseOffset('9'), 540);
  assert.equal(parseOffset('5.5'), 330);
  assert.equal(parseOffset('UTC-3'), -180);
  assert.equal(parseOffset('+15:00'), undefined);
  assert.equal(parseOffset('nine'), undefined);
});

test('matches the longest prefix: a closed /24 inside an open /16 wins', () => {
  const matcher = new SiteMatcher(sites.sites);
  assert.deepEqual(pick(matcher, '10.40.99.7'), ['washington', 'closed']);
  assert.deepEqual(pick(matcher, '10.40.1.7'), ['washington', 'open']);
  assert.deepEqual(pick(matcher, '10.200.3.4'), ['hq', 'closed']);
  assert.deepEqual(pick(matcher, '192.168.20.9'), ['beijing', 'open']);
  assert.deepEqual(pick(matcher, '2001:db8:30::5'), ['paris', 'open']);
  assert.deepEqual(pick(matcher, '10.99.0.1'), [undefined, undefined]);
  assert.deepEqual(pick(matcher, '64.225.56.201'), [undefined, 'external']);
});

function pick(matcher: SiteMatcher, ip: string): [string | undefined, string | undefined] {
  const found = matcher.classify(ip);
  return [found.match?.site.id, found.zone];
}

function connection(source: string, destination: string): EcsEvent {
  const original = `${source} ${destination}`;
  return {
    '@timestamp': '2024-04-19T00:00:00.000Z',
    event: {
      id: eventId(0, 'zeek.conn', original),
      kind: 'event',
      dataset: 'zeek.conn',
      module: 'zeek',
      original,
    },
    source: { ip: source },
    destination: { ip: destination },
  };
}

test('enrichment gives the event its site and zone, and each endpoint its own', () => {
  const matcher = new SiteMatcher(sites.sites);
  const outbound = connection('10.220.4.5', '64.225.56.201');
  enrichSite(outbound, matcher);
  assert.deepEqual(outbound.site, { id: 'beijing', name: 'Embassy in Beijing', country: 'CN' });
  assert.equal(outbound.network?.zone, 'closed');
  assert.deepEqual([outbound.source?.site, outbound.source?.zone], ['beijing', 'closed']);
  assert.deepEqual(
    [outbound.destination?.site, outbound.destination?.zone],
    [undefined, 'external'],
  );

  const inbound = connection('198.51.100.1', '10.30.1.1');
  enrichSite(inbound, matcher);
  assert.equal(inbound.site?.id, 'paris');
  assert.equal(inbound.network?.zone, 'open');
});

test('an explicit site overrides the address match', () => {
  const matcher = new SiteMatcher(sites.sites);
  const event = connection('10.30.1.1', '8.8.8.8');
  enrichSite(
    event,
    matcher,
    sites.sites.find((s) => s.id === 'hq'),
  );
  assert.equal(event.site?.id, 'hq');
  assert.equal(event.source?.site, 'paris');
  assert.equal(event.network?.zone, undefined);
});
