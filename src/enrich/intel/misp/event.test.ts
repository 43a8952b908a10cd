import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Indicator, ImportResult } from '../../../core/index.ts';
import { fixture } from '../../../../test/support/data.ts';
import { importMispEvent } from './event.ts';

function load(name: string): { text: string; path: string } {
  const path = fixture('intel', 'misp', name);
  return { text: readFileSync(path, 'utf8'), path };
}

/** The indicators of one attribute, by its uuid. */
function ofAttribute(result: ImportResult, uuid: string): Indicator[] {
  return result.indicators.filter((indicator) => indicator.sources[0]?.ref === uuid);
}

function only(result: ImportResult, uuid: string): Indicator {
  const found = ofAttribute(result, uuid);
  assert.equal(found.length, 1, `one indicator for ${uuid}`);
  return found[0]!;
}

const wrapped = load('event-wrapped.json');
const result = importMispEvent(wrapped.text, wrapped.path);
const uuid = (n: number): string => `a0000001-0000-4000-8000-${String(n).padStart(12, '0')}`;

test('every attribute of a wrapped event, objects included, ends in exactly one outcome', () => {
  const event = (
    JSON.parse(wrapped.text) as {
      Event: { Attribute: unknown[]; Object: { Attribute: unknown[] }[] };
    }
  ).Event;
  const attributes =
    event.Attribute.length + event.Object.reduce((sum, object) => sum + object.Attribute.length, 0);
  const { counts } = result;
  assert.equal(counts.attribute, attributes);
  assert.equal(counts.object, event.Object.length);
  const outcomes = ['imported', 'skipped', 'invalid', 'deleted'].map(
    (o) => counts[`attribute.${o}`] ?? 0,
  );
  assert.equal(
    outcomes.reduce((a, b) => a + b, 0),
    attributes,
  );
  assert.deepEqual(outcomes, [15, 4, 1, 1]);
  assert.equal(counts.indicator, result.indicators.length);
});

test('the event TLP is the strictest of its TLP tags; attribute and object tags take precedence', () => {
  // Event tags: tlp:green and tlp:amber+strict.
  assert.equal(only(result, uuid(3)).tlp, 'amber+strict');
  // tlp:white on the attribute is clear.
  assert.equal(only(result, uuid(1)).tlp, 'clear');
  // The file object is tlp:red; its attributes inherit it.
  assert.equal(only(result, uuid(101)).tlp, 'red');
  assert.equal(only(result, uuid(102)).tlp, 'red');
  // In the untagged domain-ip object, an attribute's own tag wins over the event's.
  assert.equal(only(result, uuid(201)).tlp, 'amber+strict');
  assert.equal(only(result, uuid(202)).tlp, 'green');
});

test('source name, reference, report time and context come from the event', () => {
  const indicator = only(result, uuid(3));
  const source = indicator.sources[0]!;
  assert.equal(source.name, 'Example CERT'); // Orgc before Org
  assert.equal(source.ref, uuid(3));
  assert.equal(source.reported, '2023-11-14T22:13:20.000Z');
  assert.deepEqual(source.context, ['Phishing wave against embassies', 'Sofacy', 'APT 28']);
  assert.equal(source.confidence, 90); // threat level 1
  assert.deepEqual([indicator.type, indicator.value], ['cidr', '203.0.113.0/24']);
  // An attribute-level galaxy tag adds to the context.
  assert.deepEqual(only(result, uuid(14)).sources[0]!.context?.at(-1), 'X-Agent');
  assert.equal(only(result, uuid(14)).value, 'phisher@evil.example.net');
});

test('options.source overrides the organisation', () => {
  const renamed = importMispEvent(wrapped.text, wrapped.path, { source: 'partner feed' });
  assert.ok(renamed.indicators.every((indicator) => indicator.sources[0]?.name === 'partner feed'));
});

test('to_ids false halves the confidence and says so', () => {
  const source = only(result, uuid(2)).sources[0]!;
  assert.equal(source.confidence, 45);
  assert.match(source.description ?? '', /to_ids false/);
});

test('composite types give one indicator per mapped part', () => {
  assert.deepEqual(
    ofAttribute(result, uuid(4)).map((i) => [i.type, i.value]),
    [['ipv6', '2001:db8::1']],
  );
  assert.deepEqual(
    ofAttribute(result, uuid(5)).map((i) => [i.type, i.value]),
    [
      ['domain', 'bad.example.org'],
      ['ipv4', '192.0.2.10'],
    ],
  );
  const [name, hash] = ofAttribute(result, uuid(6));
  assert.deepEqual(
    [name?.type, name?.value, name?.sources[0]?.confidence],
    ['filename', 'invoice.exe', 45],
  );
  assert.deepEqual([hash?.type, hash?.sources[0]?.confidence], ['sha256', 90]);
  assert.equal(hash?.sources[0]?.description, 'dropper');
  assert.deepEqual(
    ofAttribute(result, uuid(16)).map((i) => i.type),
    ['md5'],
  );
});

test('attribute first_seen/last_seen become validity and sighting times', () => {
  const url = only(result, uuid(7));
  assert.equal(url.valid_from, '2023-11-01T10:00:00.000Z');
  assert.equal(url.first_seen, '2023-11-01T10:00:00.000Z');
  assert.equal(url.last_seen, '2023-11-05T12:30:00.000Z');
  assert.equal(url.sightings, undefined);
});

test('sightings: seen counts and dates, false positives lower confidence, expiration ends validity', () => {
  const seen = only(result, uuid(1));
  assert.equal(seen.sightings, 2);
  assert.equal(seen.first_seen, '2023-11-14T22:15:00.000Z');
  assert.equal(seen.last_seen, '2023-11-14T22:18:20.000Z');

  const falsePositive = only(result, uuid(12)).sources[0]!;
  assert.equal(falsePositive.confidence, 45);
  assert.match(falsePositive.description ?? '', /1 false-positive sighting/);

  const expiring = only(result, uuid(13));
  assert.equal(expiring.valid_until, '2025-01-01T00:00:00.000Z');
  assert.equal(expiring.sightings, 1);
  assert.equal(expiring.sources[0]!.confidence, 90);
});

test('object attributes say which object and relation they came from', () => {
  const dll = only(result, uuid(101));
  assert.deepEqual([dll.type, dll.value], ['filename', 'payload.dll']);
  assert.equal(dll.sources[0]!.description, 'MISP object file, relation filename');
  assert.equal(only(result, uuid(102)).value, '9e107d9d372bb6826bd81d3542a419d6');
});

test('deleted, skipped, invalid and unknown attributes are problems with their reason', () => {
  const reasons = new Map(result.problems.map((p) => [p.ref, p.reason]));
  assert.equal(reasons.get(uuid(8)), 'MISP type link: reference link, not an indicator');
  assert.equal(
    reasons.get(uuid(9)),
    'MISP type regkey: no telemetry of ours carries registry keys',
  );
  assert.equal(reasons.get(uuid(10)), 'MISP type md5: deleted in MISP');
  assert.equal(reasons.get(uuid(11)), 'MISP type sha1: not a SHA1 hash: not-a-sha1');
  assert.equal(
    reasons.get(uuid(15)),
    'MISP type made-up-type: unknown type, not in the mapping table',
  );
  assert.match(reasons.get(uuid(103)) ?? '', /^MISP type size-in-bytes: /);
  assert.equal(result.problems.length, 6);
  assert.ok(result.problems.every((p) => p.file === wrapped.path));
  for (const id of [8, 9, 10, 11, 15, 103]) assert.deepEqual(ofAttribute(result, uuid(id)), []);
  assert.equal(result.counts['skipped.made-up-type'], 1);
  assert.equal(result.counts['invalid.sha1'], 1);
  assert.equal(result.counts['deleted.md5'], 1);
  assert.equal(result.counts['invalid.md5'], undefined);
});

test('a bare event without TLP tags takes the default TLP, and Org names the source', () => {
  const bare = load('event-bare.json');
  const plain = importMispEvent(JSON.parse(bare.text), bare.path);
  assert.equal(plain.counts.event, 1);
  assert.deepEqual(
    plain.indicators.map((i) => [
      i.type,
      i.value,
      i.tlp,
      i.sources[0]?.name,
      i.sources[0]?.confidence,
    ]),
    [
      ['domain', 'www.bare.example', 'amber', 'Bare Org', 50],
      ['ipv4', '192.0.2.200', 'amber', 'Bare Org', 50],
    ],
  );
  // Without its own timestamp the attribute was reported when the event was.
  assert.equal(plain.indicators[1]?.sources[0]?.reported, '2023-07-22T04:26:40.000Z');
  const cleared = importMispEvent(bare.text, bare.path, { defaultTlp: 'clear' });
  assert.ok(cleared.indicators.every((i) => i.tlp === 'clear'));
});

test('a REST search response holds several events, tagged through EventTag', () => {
  const rest = load('rest-search.json');
  const search = importMispEvent(rest.text, rest.path);
  assert.equal(search.counts.event, 2);
  assert.deepEqual(
    search.indicators.map((i) => [
      i.type,
      i.tlp,
      i.sources[0]?.confidence,
      i.sources[0]?.context?.[0],
    ]),
    [
      ['sha1', 'amber+strict', 70, 'First of two'],
      ['email', 'clear', 50, 'Second of two'],
    ],
  );
  assert.deepEqual(
    search.problems.map((p) => p.ref),
    ['a0000004-0000-4000-8000-000000000002'],
  );
});

test('input that is not JSON or holds no event is one problem, not an exception', () => {
  const broken = importMispEvent('{"Event": {', 'broken.json');
  assert.equal(broken.problems.length, 1);
  assert.match(broken.problems[0]!.reason, /^not JSON/);
  const other = importMispEvent({ type: 'bundle', objects: [] }, 'bundle.json');
  assert.match(other.problems[0]!.reason, /^no MISP event/);
  assert.deepEqual(other.indicators, []);
});

test('a composite with one bad part keeps the good part and reports the bad one', () => {
  const partial = importMispEvent(
    {
      Event: {
        uuid: 'e0000009-0000-4000-8000-000000000009',
        Attribute: [{ uuid: 'p1', type: 'domain|ip', value: 'ok.example|999.0.0.1' }],
        Object: [
          {
            name: 'domain-ip',
            deleted: true,
            Attribute: [{ uuid: 'p2', type: 'domain', value: 'gone.example' }],
          },
        ],
      },
    },
    'inline.json',
  );
  assert.deepEqual(
    partial.indicators.map((i) => i.value),
    ['ok.example'],
  );
  assert.deepEqual(
    partial.problems.map((p) => `${p.ref} ${p.reason}`),
    [
      'p1 MISP type domain|ip: not an IP address: 999.0.0.1',
      'p2 MISP type domain: deleted in MISP',
    ],
  );
  assert.equal(partial.counts['attribute.imported'], 1);
  assert.equal(partial.counts['invalid_part.domain|ip'], 1);
  assert.equal(partial.counts['attribute.deleted'], 1);
});
