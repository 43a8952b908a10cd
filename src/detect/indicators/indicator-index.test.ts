import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventValue, Indicator, ValueType } from '../../core/index.ts';
import { IndicatorIndex, type IndexedIndicator, type PatternCompiler } from './indicator-index.ts';

function entry(
  type: Indicator['type'],
  value: string,
  extra: Partial<Indicator> = {},
): IndexedIndicator {
  return {
    indicator: { type, value, tlp: 'green', sources: [{ name: 'test', ref: value }], ...extra },
    confidence: 80,
    heldBack: false,
  };
}

function v(type: ValueType, value: string, field = 'f'): EventValue {
  return { type, value, role: 'r', field };
}

const matched = (index: IndicatorIndex, values: EventValue[]): string[] =>
  index
    .match(values)
    .map((hit) => hit.entry.indicator.value)
    .sort();

test('exact values by type: the same text under another type does not match', () => {
  const index = new IndicatorIndex([
    entry('ipv4', '203.0.113.7'),
    entry('md5', 'd41d8cd98f00b204e9800998ecf8427e'),
    entry('email', 'spy@evil.example'),
    entry('filename', 'svchost.exe'),
  ]);
  assert.deepEqual(matched(index, [v('ipv4', '203.0.113.7')]), ['203.0.113.7']);
  assert.deepEqual(matched(index, [v('md5', 'd41d8cd98f00b204e9800998ecf8427e')]), [
    'd41d8cd98f00b204e9800998ecf8427e',
  ]);
  assert.deepEqual(matched(index, [v('email', 'spy@evil.example'), v('filename', 'svchost.exe')]), [
    'spy@evil.example',
    'svchost.exe',
  ]);
  assert.deepEqual(
    matched(index, [v('ipv4', '203.0.113.8'), v('filename', 'spy@evil.example')]),
    [],
  );
});

test('a domain indicator matches the domain and every subdomain, never a longer label', () => {
  const index = new IndicatorIndex([entry('domain', 'evil.example')]);
  assert.deepEqual(matched(index, [v('domain', 'evil.example')]), ['evil.example']);
  assert.deepEqual(matched(index, [v('domain', 'a.b.evil.example')]), ['evil.example']);
  assert.deepEqual(matched(index, [v('domain', 'notevil.example')]), []);
  assert.deepEqual(matched(index, [v('domain', 'evil.example.org')]), []);
});

test('CIDR ranges of several prefix lengths, nested, IPv4 and IPv6', () => {
  const index = new IndicatorIndex([
    entry('cidr', '198.51.100.0/24'),
    entry('cidr', '198.51.0.0/16'),
    entry('cidr', '2001:db8:bad::/48'),
    entry('ipv4', '198.51.100.9'),
  ]);
  assert.deepEqual(matched(index, [v('ipv4', '198.51.100.9')]), [
    '198.51.0.0/16',
    '198.51.100.0/24',
    '198.51.100.9',
  ]);
  assert.deepEqual(matched(index, [v('ipv4', '198.51.7.1')]), ['198.51.0.0/16']);
  assert.deepEqual(matched(index, [v('ipv4', '198.52.0.1')]), []);
  assert.deepEqual(matched(index, [v('ipv6', '2001:db8:bad:1::5')]), ['2001:db8:bad::/48']);
  assert.deepEqual(matched(index, [v('ipv6', '2001:db8:bae::5')]), []);
});

test('a URL indicator also matches the URL with a query string', () => {
  const index = new IndicatorIndex([entry('url', 'http://evil.example/gate.php')]);
  assert.deepEqual(matched(index, [v('url', 'http://evil.example/gate.php?id=7')]), [
    'http://evil.example/gate.php',
  ]);
  assert.deepEqual(matched(index, [v('url', 'http://evil.example/gate.phpx')]), []);
});

test('an AND indicator matches only when the event carries every further value', () => {
  const index = new IndicatorIndex([
    entry('md5', 'd41d8cd98f00b204e9800998ecf8427e', {
      requires: [{ type: 'filename', value: 'a.exe' }],
    }),
  ]);
  assert.deepEqual(matched(index, [v('md5', 'd41d8cd98f00b204e9800998ecf8427e')]), []);
  assert.deepEqual(
    matched(index, [v('md5', 'd41d8cd98f00b204e9800998ecf8427e'), v('filename', 'a.exe')]),
    ['d41d8cd98f00b204e9800998ecf8427e'],
  );
});

test('one hit per indicator per event, whichever values matched it', () => {
  const index = new IndicatorIndex([entry('domain', 'evil.example')]);
  const hits = index.match([
    v('domain', 'www.evil.example', 'url.domain'),
    v('domain', 'evil.example', 'dns.question.name'),
  ]);
  assert.equal(hits.length, 1);
  assert.equal(hits[0]?.value.field, 'url.domain');
});

test('patterns are evaluated by the compiler given; ones that do not compile are reported', () => {
  // A stand-in for the STIX compiler: "prefix:<text>" matches URLs starting with text.
  const compile: PatternCompiler = (pattern) =>
    pattern.startsWith('prefix:')
      ? (values) =>
          values.some((value) => value.type === 'url' && value.value.startsWith(pattern.slice(7)))
      : { error: `cannot compile ${pattern}` };
  const index = new IndicatorIndex(
    [entry('pattern', 'prefix:http://evil.'), entry('pattern', 'nonsense')],
    compile,
  );
  assert.equal(index.problems.length, 1);
  assert.match(index.problems[0]?.reason ?? '', /cannot compile nonsense/);
  assert.deepEqual(matched(index, [v('url', 'http://evil.example/x')]), ['prefix:http://evil.']);
  assert.deepEqual(matched(index, [v('url', 'http://good.example/x')]), []);
});
