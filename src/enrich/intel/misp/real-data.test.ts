// The importers on real MISP data (PyMISP test events, CIRCL OSINT content, and a feed built from
// them). The expected numbers were counted by hand in the files (jq group_by on attribute types).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { ImportResult } from '../../../core/index.ts';
import { needsShared, shared } from '../../../../test/support/data.ts';
import { importMispEvent } from './event.ts';
import { attributesOf, eventsOf } from './events-of.ts';
import { importMispFeed } from './feed.ts';

const EVENTS = shared('cti', 'misp-events');
const FEED = shared('cti', 'misp-feed-sample');
const skip = needsShared('cti');

function importFile(name: string): { result: ImportResult; attributes: number } {
  const path = join(EVENTS, name);
  const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const attributes = eventsOf(json).reduce((sum, event) => sum + attributesOf(event).length, 0);
  return { result: importMispEvent(json, path), attributes };
}

function typeCounts(result: ImportResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { type } of result.indicators) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

function outcomes(result: ImportResult): number[] {
  return ['imported', 'skipped', 'invalid', 'deleted'].map(
    (outcome) => result.counts[`attribute.${outcome}`] ?? 0,
  );
}

function reportProblems(t: TestContext, result: ImportResult): void {
  const byReason = new Map<string, number>();
  for (const { reason } of result.problems) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  for (const [reason, count] of [...byReason].sort((a, b) => b[1] - a[1]))
    t.diagnostic(`${count} × ${reason}`);
}

test(
  'every staged MISP event: each attribute is an indicator source or a problem',
  { skip },
  (t) => {
    for (const name of readdirSync(EVENTS).filter((file) => file.endsWith('.json'))) {
      const { result, attributes } = importFile(name);
      assert.ok(attributes > 0, name);
      assert.equal(result.counts.attribute, attributes, name);
      const [imported, skipped, invalid, deleted] = outcomes(result);
      assert.equal(imported! + skipped! + invalid! + deleted!, attributes, name);
      // A skipped, invalid or deleted attribute is exactly one problem; so is a bad part of a
      // composite whose other part was imported.
      const badParts = Object.entries(result.counts)
        .filter(([key]) => key.startsWith('invalid_part.'))
        .reduce((sum, [, count]) => sum + count, 0);
      assert.equal(result.problems.length, skipped! + invalid! + deleted! + badParts, name);
      assert.ok(result.indicators.length >= imported!, name);
      t.diagnostic(`${name}: ${attributes} attributes, ${JSON.stringify(typeCounts(result))}`);
    }
  },
);

test('Xorist: 9 attributes give 4 file indicators, TLP clear from tlp:white', { skip }, (t) => {
  const { result, attributes } = importFile('pymisp-57c4445b-c548-4654-af0b-4be3950d210f.json');
  assert.equal(attributes, 9);
  assert.deepEqual(
    result.indicators.map((i) => [i.type, i.value]),
    [
      ['filename', '3z4wng9603it23y.exe'],
      ['md5', '0749bae92ca336a02c83d126e04ec628'],
      ['sha1', '77b0c41b7d340b8a3d903f21347bbf06aa766b5b'],
      ['sha256', 'b3c4ae251f8094fa15b510051835c657eaef2a6cea46075d3aec964b14a99f68'],
    ],
  );
  assert.ok(result.indicators.every((i) => i.tlp === 'clear'));
  // threat_level_id 3 (low) → 50; all four are to_ids true.
  assert.ok(result.indicators.every((i) => i.sources[0]?.confidence === 50));
  assert.ok(result.indicators.every((i) => i.sources[0]?.name === 'CIRCL'));
  assert.deepEqual(
    Object.fromEntries(Object.entries(result.counts).filter(([key]) => key.startsWith('skipped.'))),
    { 'skipped.link': 2, 'skipped.comment': 1, 'skipped.text': 1, 'skipped.regkey|value': 1 },
  );
  reportProblems(t, result);
});

test('long_event: 370 attributes, composites split into file names and hashes', { skip }, (t) => {
  const { result, attributes } = importFile('pymisp-long_event.json');
  assert.equal(attributes, 370);
  // Three `url` attributes are not URLs ('107.183.86', 'Data/dtl.dat', 'Data/glp.uin'): invalid.
  assert.deepEqual(outcomes(result), [289, 78, 3, 0]);
  // filename 18 + filename|md5 46 + filename|sha256 46 + email-attachment 3 = 113 file names;
  // md5 31 + 46 composites; sha256 41 + 46; domain 3 + hostname 21.
  assert.deepEqual(typeCounts(result), {
    url: 11,
    md5: 77,
    sha256: 87,
    domain: 24,
    filename: 113,
    email: 2,
    ipv4: 9,
    sha1: 58,
  });
  assert.equal(result.counts['skipped.link'], 64);
  // threat_level_id 2 → 70, halved for a name beside a hash and again for to_ids false:
  // 88 to_ids names beside a hash and 16 to_ids-false filename/email-attachment → 35; 4 to_ids-false
  // names beside a hash → 17.5 → 18; 4 filename and 1 email-attachment with to_ids → 70.
  const confidences: Record<string, number> = {};
  for (const { type, sources } of result.indicators)
    if (type === 'filename') {
      const key = String(sources[0]?.confidence);
      confidences[key] = (confidences[key] ?? 0) + 1;
    }
  assert.deepEqual(confidences, { '18': 4, '35': 104, '70': 5 });
  reportProblems(t, result);
});

test('existing_event: a bare event whose indicators mostly sit in objects', { skip }, (t) => {
  const { result, attributes } = importFile('pymisp-existing_event.json');
  assert.equal(attributes, 122); // 9 event-level + 113 in 49 objects
  assert.equal(result.counts.object, 49);
  assert.deepEqual(typeCounts(result), { domain: 19, filename: 15, sha1: 37, ipv4: 12 });
  assert.ok(result.indicators.every((i) => i.tlp === 'clear'));
  const context = result.indicators[0]?.sources[0]?.context ?? [];
  assert.ok(context.includes('Sofacy') && context.includes('X-Agent'), context.join(', '));
  reportProblems(t, result);
});

test('galaxy_1: attribute-level galaxies join the context', { skip }, (t) => {
  const { result } = importFile('pymisp-galaxy_1.json');
  assert.deepEqual(typeCounts(result), { sha256: 2, sha1: 1, md5: 1 });
  const sha1 = result.indicators.find((i) => i.type === 'sha1');
  assert.ok(sha1?.sources[0]?.context?.includes('Account Manipulation - T1098'));
  reportProblems(t, result);
});

test('mainly_objects_1: pe and file objects give hashes and names', { skip }, (t) => {
  const { result, attributes } = importFile('pymisp-mainly_objects_1.json');
  assert.equal(attributes, 74);
  assert.deepEqual(typeCounts(result), { sha256: 6, sha1: 6, md5: 14, filename: 7, sha512: 3 });
  reportProblems(t, result);
});

test('sighting_1: sightings of each type, and no TLP tag so the default applies', { skip }, () => {
  const { result } = importFile('pymisp-sighting_1.json');
  const byValue = new Map(result.indicators.map((i) => [i.value, i]));
  const seen = byValue.get('ooiasjdnqjwbeasdasd.com');
  assert.deepEqual([seen?.sightings, seen?.first_seen], [1, '2019-02-27T07:52:30.000Z']);
  assert.equal(seen?.sources[0]?.confidence, 50);
  // Type 1 (false positive) halves the confidence.
  assert.equal(byValue.get('eqowiesajenqweasd.com')?.sources[0]?.confidence, 25);
  // Type 2 (expiration) plus a false positive.
  const expired = byValue.get('diqjwhebseqhbasdh.com');
  assert.equal(expired?.valid_until, '2019-02-27T07:52:48.000Z');
  assert.equal(expired?.sources[0]?.confidence, 25);
  assert.ok(result.indicators.every((i) => i.tlp === 'amber'));
  assert.equal(seen?.sources[0]?.name, 'Synovus Financial');
});

test('the feed sample: 6 events, every hashes.csv line confirmed', { skip }, (t) => {
  const result = importMispFeed(FEED);
  assert.equal(result.counts['feed.event_listed'], 6);
  assert.equal(result.counts.event, 6);
  assert.equal(result.counts['feed.event_missing'], undefined);
  assert.equal(result.counts['feed.file_unlisted'], undefined);
  // 9 + 122 + 10 + 370 + 74 + 5 attributes, the same events as misp-events/.
  assert.equal(result.counts.attribute, 590);
  // Three of long_event's `url` values are not URLs (see above).
  assert.equal(result.indicators.length, 513);
  // 683 lines: 590 attributes, plus a second line for each two-part value (46 + 46 in
  // long_event, the regkey|value in Xorist).
  assert.equal(result.counts['hashes.listed'], 683);
  assert.equal(result.counts['hashes.confirmed'], 683);
  assert.equal(result.counts['hashes.mismatched'], 0);
  t.diagnostic(`counts ${JSON.stringify(result.counts)}`);
  reportProblems(t, result);
});
