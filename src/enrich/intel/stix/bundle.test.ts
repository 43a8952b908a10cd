import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { ImportResult, Indicator } from '../../../core/index.ts';
import { fixture } from '../../../../test/support/data.ts';
import { importStixBundle } from './bundle.ts';

const FILE = fixture('intel', 'stix', 'partner-bundle.json');
const TEXT = readFileSync(FILE, 'utf8');

function find(result: ImportResult, value: string): Indicator {
  const found = result.indicators.find((indicator) => indicator.value === value);
  assert.ok(
    found,
    `no indicator ${value} among ${result.indicators.map((i) => i.value).join(', ')}`,
  );
  return found;
}

function reasonOf(result: ImportResult, ref: string): string[] {
  return result.problems.filter((problem) => problem.ref === ref).map((problem) => problem.reason);
}

test('an indicator takes its source, confidence, context, sightings and TLP 2.0 marking', () => {
  const result = importStixBundle(TEXT, FILE);
  assert.deepEqual(find(result, 'update-check.example.net'), {
    type: 'domain',
    value: 'update-check.example.net',
    tlp: 'amber+strict',
    sources: [
      {
        name: 'Partner CERT',
        ref: 'indicator--00000002-0000-4000-8000-000000000002',
        confidence: 80,
        context: [
          'TinyBot',
          'Operation Paper Lantern',
          'Harbour Crane',
          'Weekly partner report 2024-10',
        ],
        description: 'C2 domain: Beacons every 60 s',
        reported: '2024-03-01T10:00:00.000Z',
      },
    ],
    valid_from: '2024-03-01T00:00:00Z',
    valid_until: '2024-09-01T00:00:00Z',
    first_seen: '2024-02-28T08:00:00.000Z',
    last_seen: '2024-03-03T09:00:00Z',
    sightings: 4,
  });
});

test('TLP: own TLP 1.0 marking, else the report, else a bundle-defined marking, else the default', () => {
  const result = importStixBundle(TEXT, FILE);
  assert.equal(find(result, '198.51.100.8').tlp, 'green');
  const hash = find(result, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(hash.tlp, 'clear');
  assert.deepEqual(hash.requires, [{ type: 'filename', value: 'invoice.exe' }]);
  assert.deepEqual(hash.sources[0]?.context, ['TinyBot', 'Weekly partner report 2024-10']);
  assert.equal(find(result, 'ceo@payroll-example.com').tlp, 'red');
  assert.equal(find(result, '2001:db8::/32').tlp, 'green');
  assert.equal(find(result, 'unmarked.example.com').tlp, 'amber');
  const relaxed = importStixBundle(TEXT, FILE, { defaultTlp: 'green' });
  assert.equal(find(relaxed, 'unmarked.example.com').tlp, 'green');
});

test('only the newest version of an object counts', () => {
  const result = importStixBundle(TEXT, FILE);
  assert.equal(
    result.indicators.some((indicator) => indicator.value === '198.51.100.7'),
    false,
  );
});

test('an observable no indicator stands for is kept at a lowered confidence', () => {
  const result = importStixBundle(TEXT, FILE);
  const observed = find(result, 'lure@mail-example.org');
  assert.equal(observed.type, 'email');
  assert.equal(observed.tlp, 'clear');
  assert.equal(observed.sources[0]?.confidence, 30);
  assert.match(observed.sources[0]?.description ?? '', /not an indicator/);
  assert.equal(observed.first_seen, '2024-03-01T07:00:00Z');
});

test('revoked, yara, sequence and pattern-less indicators are problems, each by id', () => {
  const result = importStixBundle(TEXT, FILE);
  assert.deepEqual(reasonOf(result, 'indicator--00000005-0000-4000-8000-000000000005'), [
    'revoked',
  ]);
  assert.deepEqual(reasonOf(result, 'indicator--00000006-0000-4000-8000-000000000006'), [
    'indicator without a pattern',
  ]);
  assert.deepEqual(reasonOf(result, 'indicator--00000007-0000-4000-8000-000000000007'), [
    'pattern_type yara not supported here',
  ]);
  assert.match(
    reasonOf(result, 'indicator--00000009-0000-4000-8000-000000000009')[0] ?? '',
    /FOLLOWEDBY/,
  );
  assert.equal(result.problems.length, 4);
  assert.equal(result.indicators.length, 7);
  assert.equal(result.counts.indicator, 11);
  assert.equal(result.counts['x-partner-note'], 1);
  assert.equal(
    result.problems.every((problem) => problem.file === FILE),
    true,
  );
});

test('the source option names every indicator', () => {
  const result = importStixBundle(TEXT, FILE, { source: 'partner-feed' });
  assert.deepEqual(
    new Set(result.indicators.map((i) => i.sources[0]?.name)),
    new Set(['partner-feed']),
  );
});

test('a single object, an array and an envelope import too; the file names an anonymous source', () => {
  const object = {
    type: 'indicator',
    spec_version: '2.1',
    id: 'indicator--11111111-0000-4000-8000-000000000001',
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
    pattern: "[url:value = 'http://one.example/a']",
    pattern_type: 'stix',
    valid_from: '2024-01-01T00:00:00Z',
  };
  for (const input of [object, [object], { objects: [object] }, JSON.stringify(object)]) {
    const result = importStixBundle(input, '/feeds/single.json');
    assert.deepEqual(result.problems, []);
    assert.deepEqual(
      result.indicators.map((i) => [i.value, i.sources[0]?.name]),
      [['http://one.example/a', 'single.json']],
    );
  }
});

test('input that is not STIX is one problem, and no crash', () => {
  assert.match(
    importStixBundle('{"type": "bundle", ', 'x.json').problems[0]?.reason ?? '',
    /^not JSON/,
  );
  assert.match(importStixBundle(42, 'x.json').problems[0]?.reason ?? '', /^not STIX/);
  const mixed = importStixBundle(
    { type: 'bundle', id: 'bundle--x', objects: [7, { type: 'x' }] },
    'x.json',
  );
  assert.deepEqual(
    mixed.problems.map((problem) => problem.ref),
    ['objects[0]', 'objects[1]'],
  );
});
