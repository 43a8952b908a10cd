import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventValues, normalizeValue } from './event-values.ts';
import { inferType, normalizeIndicator, refang } from './indicator-value.ts';
import type { EcsEvent } from './event.ts';

const value = (type: Parameters<typeof normalizeIndicator>[0], raw: string): string | undefined => {
  const result = normalizeIndicator(type, raw);
  return 'error' in result ? undefined : result.value;
};

test('addresses: canonical IPv4 and RFC 5952 IPv6; a /32 is an address, a range is masked', () => {
  assert.equal(value('ipv4', ' 203.0.113.7 '), '203.0.113.7');
  assert.equal(value('ipv6', '2001:0DB8:0000:0000:0000:0000:0000:0001'), '2001:db8::1');
  assert.equal(value('ipv6', '::ffff:198.51.100.4'), '198.51.100.4');
  assert.deepEqual(normalizeIndicator('cidr', '10.1.2.3/16'), {
    type: 'cidr',
    value: '10.1.0.0/16',
  });
  assert.deepEqual(normalizeIndicator('cidr', '10.1.2.3/32'), { type: 'ipv4', value: '10.1.2.3' });
  assert.deepEqual(normalizeIndicator('cidr', '2001:db8:1::5/48'), {
    type: 'cidr',
    value: '2001:db8:1::/48',
  });
  assert.equal(value('ipv4', '256.1.1.1'), undefined);
  assert.equal(value('cidr', '10.0.0.0/33'), undefined);
});

test('names, URLs, hashes, mail addresses and file names in one normal form each', () => {
  assert.equal(value('domain', 'Mofa-Go.JP.'), 'mofa-go.jp');
  assert.equal(value('domain', '*.evil.example'), 'evil.example');
  assert.equal(value('domain', 'bücher.example'), 'xn--bcher-kva.example');
  assert.equal(value('domain', 'not a domain'), undefined);
  assert.equal(
    value('url', 'HTTP://Evil.Example:80/Path?q=1#frag'),
    'http://evil.example/Path?q=1',
  );
  assert.equal(value('url', 'https://evil.example/'), 'https://evil.example');
  assert.equal(value('url', 'evil.example/dl.php'), 'http://evil.example/dl.php');
  assert.equal(
    value('md5', 'D41D8CD98F00B204E9800998ECF8427E'),
    'd41d8cd98f00b204e9800998ecf8427e',
  );
  assert.equal(value('sha256', 'abc'), undefined);
  assert.equal(value('email', 'mailto:Taro.Yamada@MOFA-GO.JP'), 'taro.yamada@mofa-go.jp');
  assert.equal(value('filename', 'C:\\Users\\x\\AppData\\Local\\Temp\\WINWORD.EXE'), 'winword.exe');
});

test('plain-list values: defanged text is refanged and the type inferred', () => {
  assert.equal(refang('hxxps://evil[.]example/a'), 'https://evil.example/a');
  assert.equal(refang('bad[@]evil(.)example'), 'bad@evil.example');
  const cases: [string, string | undefined][] = [
    ['203.0.113.7', 'ipv4'],
    ['2001:db8::1', 'ipv6'],
    ['10.0.0.0/8', 'cidr'],
    ['evil[.]example', 'domain'],
    ['hxxp://evil.example/x', 'url'],
    ['evil.example/x.php', 'url'],
    ['d41d8cd98f00b204e9800998ecf8427e', 'md5'],
    ['da39a3ee5e6b4b0d3255bfef95601890afd80709', 'sha1'],
    ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'sha256'],
    ['spy@evil.example', 'email'],
    ['abcdef', undefined],
    ['hello world', undefined],
  ];
  for (const [raw, type] of cases) assert.equal(inferType(raw), type, raw);
});

test('event values: every matchable field, normalized, with its field and role', () => {
  const event = {
    '@timestamp': '2011-07-12T00:00:00.000Z',
    event: { id: 'e1', kind: 'event', dataset: 'zeek.http', module: 'zeek', original: '' },
    source: { ip: '10.1.1.5' },
    destination: { ip: '203.0.113.7', domain: 'WWW.Evil.Example' },
    url: { full: 'http://www.evil.example/gate.php?id=1', domain: 'www.evil.example' },
    process: {
      executable: 'C:\\Temp\\svchost.exe',
      hash: { md5: 'D41D8CD98F00B204E9800998ECF8427E' },
    },
    email: { from: { address: ['Spy@Evil.Example'] } },
  } as EcsEvent;
  const values = eventValues(event).map((v) => `${v.type} ${v.value} ${v.field} ${v.role}`);
  assert.deepEqual(values, [
    'ipv4 10.1.1.5 source.ip source',
    'ipv4 203.0.113.7 destination.ip destination',
    'domain www.evil.example destination.domain destination',
    'url http://www.evil.example/gate.php?id=1 url.full request',
    'domain www.evil.example url.domain destination',
    'md5 d41d8cd98f00b204e9800998ecf8427e process.hash.md5 process',
    'filename svchost.exe process.executable process',
    'email spy@evil.example email.from.address sender',
  ]);
  assert.deepEqual(normalizeValue('ip', '1.2.3.4'), { type: 'ipv4', value: '1.2.3.4' });
  assert.equal(normalizeValue('hash', 'xyz'), undefined);
});
