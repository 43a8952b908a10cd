import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture, needsShared, shared } from '../../../test/support/data.ts';
import { overallClass, Warninglists } from './index.ts';

const ids = (matches: readonly { id: string }[]): string[] =>
  matches.map((match) => match.id).sort();

test('fixture lists: IP matching by CIDR, mapped IPv6 as IPv4', () => {
  const lists = Warninglists.fromDirectory(fixture('warninglists'));
  assert.equal(lists.lists.length, 7);
  const google = lists.matchIp('8.8.8.8');
  assert.deepEqual(ids(google), ['public-dns-v4']);
  assert.equal(google[0]?.class, 'known-good');
  assert.equal(google[0]?.name, 'Fixture public DNS resolvers (IPv4)');
  assert.deepEqual(ids(lists.matchIp('9.9.10.255')), ['public-dns-v4'], 'merged adjacent /24s');
  assert.deepEqual(ids(lists.matchIp('9.9.11.0')), []);
  assert.deepEqual(ids(lists.matchIp('::ffff:8.8.8.8')), ['public-dns-v4']);
  assert.deepEqual(ids(lists.matchIp('198.51.100.7')), ['vpn-ipv6']);
  assert.deepEqual(ids(lists.matchIp('2a0e:1234:ffff::1')), ['vpn-ipv6']);
  assert.equal(lists.matchIp('2a0e:1234::1')[0]?.class, 'raise');
  assert.deepEqual(lists.matchIp('not an address'), []);
});

test('fixture lists: names by type (hostname suffix, string exact, substring, regex)', () => {
  const lists = Warninglists.fromDirectory(fixture('warninglists'));
  assert.deepEqual(ids(lists.matchDomain('x1.duckdns.org')), ['dynamic-dns']);
  assert.deepEqual(ids(lists.matchDomain('duckdns.org')), ['dynamic-dns', 'tranco10k']);
  assert.deepEqual(ids(lists.matchDomain('a.b.No-IP.org.')), ['dynamic-dns']);
  assert.deepEqual(ids(lists.matchDomain('www.microsoft.com')), ['microsoft']);
  assert.deepEqual(ids(lists.matchDomain('microsoft.com')), ['microsoft']);
  assert.deepEqual(ids(lists.matchDomain('login.live.com')), ['microsoft']);
  assert.deepEqual(ids(lists.matchDomain('x.login.live.com')), [], 'string entries are exact');
  assert.deepEqual(ids(lists.matchDomain('www.example.com')), [], 'rankings are exact');
  assert.deepEqual(ids(lists.matchDomain('go.bit.ly')), ['url-shortener']);
  assert.deepEqual(ids(lists.matchDomain('OCSP.acme.example')), ['crl-regex']);
  assert.deepEqual(lists.matchDomain(''), []);
  assert.equal(overallClass(lists.matchDomain('duckdns.org')), 'raise');
  assert.equal(overallClass(lists.matchDomain('www.microsoft.com')), 'known-good');
  assert.equal(overallClass(lists.matchDomain('unknown.test')), 'neutral');
});

test('fixture lists: entry problems are reported per file, the lists still load', () => {
  const lists = Warninglists.fromDirectory(fixture('warninglists'));
  const warnings = lists.problems.map(
    (problem) => `${problem.severity} ${problem.path}: ${problem.reason}`,
  );
  assert.equal(lists.problems.length, 2, warnings.join('\n'));
  assert.ok(
    warnings.some((line) =>
      /public-dns-v4.list\.json: 1 invalid CIDR entry skipped: "not-a-cidr"/.test(line),
    ),
  );
  assert.ok(
    warnings.some((line) => /crl-regex.list\.json: 2 invalid regex entries skipped/.test(line)),
  );
  assert.ok(lists.problems.every((problem) => problem.severity === 'warning'));
});

const sharedSkip = needsShared('warninglists');

test('MISP warninglists: well-known destinations and load time', { skip: sharedSkip }, () => {
  const lists = Warninglists.fromDirectory(shared('warninglists'));
  assert.ok(lists.lists.length >= 130, `${lists.lists.length} lists`);
  assert.deepEqual(
    lists.problems.filter((problem) => problem.severity === 'error'),
    [],
    'every list of the real set loads',
  );
  assert.ok(lists.milliseconds < 2000, `loaded in ${lists.milliseconds.toFixed(0)} ms`);

  const dns = lists.matchIp('8.8.8.8').find((match) => match.id === 'public-dns-v4');
  assert.equal(dns?.class, 'known-good');

  const duck = lists.matchDomain('c2.duckdns.org');
  assert.equal(duck.find((match) => match.id === 'dynamic-dns')?.class, 'raise');
  assert.ok(
    !duck.some((match) => match.id === 'tranco10k'),
    'a subdomain of a top site is not one',
  );
  assert.equal(overallClass(duck), 'raise');

  const microsoft = lists.matchDomain('www.microsoft.com');
  assert.ok(microsoft.some((match) => match.id === 'microsoft' && match.class === 'known-good'));
  assert.equal(overallClass(microsoft), 'known-good');

  assert.ok(lists.matchIp('10.1.2.3').some((match) => match.id === 'rfc1918'));
  assert.ok(lists.matchIp('fe80::1').some((match) => match.id === 'ipv6-linklocal'));
});
