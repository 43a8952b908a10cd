import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixture } from '../../../../test/support/data.ts';
import { importMispFeed, isMispFeed } from './feed.ts';

const FEED = fixture('intel', 'misp', 'feed');
const EVENT_A = 'f0000001-0000-4000-8000-000000000001';
const EVENT_B = 'f0000002-0000-4000-8000-000000000002';
const EVENT_C = 'f0000003-0000-4000-8000-000000000003';
const EVENT_D = 'f0000004-0000-4000-8000-000000000004';

const result = importMispFeed(FEED);

test('isMispFeed recognises a feed directory by its manifest', () => {
  assert.equal(isMispFeed(FEED), true);
  assert.equal(isMispFeed(fixture('intel', 'misp')), false);
  assert.equal(isMispFeed(mkdtempSync(join(tmpdir(), 'chancery-feed-'))), false);
});

test('listed events are imported, with manifest metadata filling what the event file lacks', () => {
  assert.deepEqual(
    result.indicators.map((i) => [
      i.type,
      i.value,
      i.tlp,
      i.sources[0]?.name,
      i.sources[0]?.confidence,
    ]),
    [
      // The event file has no Tag and no Orgc: tlp:green and "Feed Org" come from the manifest.
      ['domain', 'feed.example.com', 'green', 'Feed Org', 70],
      ['ipv4', '192.0.2.1', 'green', 'Feed Org', 70],
      ['sha256', '0123456789abcdef'.repeat(4), 'green', 'Feed Org', 70],
    ],
  );
  assert.equal(result.counts.event, 1);
  assert.equal(result.counts.attribute, 4);
  assert.equal(result.counts['feed.event_listed'], 3);
});

test('a missing event, a broken file and an unlisted file are problems; the rest goes on', () => {
  const byRef = new Map(result.problems.map((p) => [p.ref, p]));
  assert.match(byRef.get(EVENT_B)?.reason ?? '', /listed in manifest.json but its file is missing/);
  assert.match(byRef.get(EVENT_C)?.reason ?? '', /^not JSON/);
  assert.equal(byRef.get(EVENT_C)?.file, join(FEED, `${EVENT_C}.json`));
  assert.match(byRef.get(EVENT_D)?.reason ?? '', /not listed in manifest.json/);
  assert.ok(!byRef.has(EVENT_A));
  assert.equal(result.counts['feed.event_missing'], 1);
  assert.equal(result.counts['feed.file_broken'], 1);
  assert.equal(result.counts['feed.file_unlisted'], 1);
  assert.ok(!result.indicators.some((i) => i.value === 'unlisted.example.com'));
  // Problems: B, C, D, and event A's text attribute.
  assert.equal(result.problems.length, 4);
  assert.match(byRef.get('a1000001-0000-4000-8000-000000000003')?.reason ?? '', /MISP type text/);
});

test('hashes.csv is checked against the md5 of every attribute value part', () => {
  // 7 lines, one malformed; event A's 5 value parts (the port counts: PyMISP hashes both halves
  // of a composite) are listed except the sha256, whose line holds another value's md5.
  assert.equal(result.counts['hashes.listed'], 7);
  assert.equal(result.counts['hashes.malformed'], 1);
  assert.equal(result.counts['hashes.confirmed'], 4);
  assert.equal(result.counts['hashes.mismatched'], 1);
});

test('a directory without manifest or hashes reports both and imports nothing', () => {
  const empty = importMispFeed(mkdtempSync(join(tmpdir(), 'chancery-feed-')));
  assert.deepEqual(empty.indicators, []);
  assert.deepEqual(
    empty.problems.map((p) => p.ref),
    ['manifest.json', 'hashes.csv'],
  );
});

test('a path that is not a directory is an input error', () => {
  assert.throws(() => importMispFeed(join(FEED, 'missing-dir')), {
    code: 'CHN_ERR_INPUT_NOT_FOUND',
  });
});
