import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { ImportResult } from '../../../core/index.ts';
import { fixture } from '../../../../test/support/data.ts';
import { MAX_LINE_LENGTH } from './list-lines.ts';
import { importPlainList, type PlainListOptions } from './plain-list.ts';

function importFixture(name: string, options?: PlainListOptions): ImportResult {
  const path = fixture('intel', 'lists', name);
  return importPlainList(readFileSync(path, 'utf8'), path, options);
}

/** `line type value` per indicator, from the source ref `file:line`. */
function rows(result: ImportResult): string[] {
  return result.indicators.map((i) => `${i.sources[0]?.ref.split(':').pop()} ${i.type} ${i.value}`);
}

function problems(result: ImportResult): string[] {
  return result.problems.map((p) => `${p.ref}: ${p.reason}`);
}

test('TXT: comments, blank lines, defanged values and mixed types; bad lines are problems', () => {
  const result = importFixture('mixed.txt');
  assert.deepEqual(rows(result), [
    '4 ipv4 198.51.100.23',
    '5 url https://login-secure.example.net/owa/auth.php',
    '6 domain mail.evil-example.com',
    '7 ipv6 2001:db8::bad',
    '8 cidr 203.0.113.0/25',
    '9 sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    '10 email phisher@evil-example.com',
    '15 domain evil-example.com',
  ]);
  assert.deepEqual(problems(result), [
    'line 11: not a recognizable indicator: this is not an indicator',
    'line 12: not a recognizable indicator: 12345',
    'line 14: not a URL: http://two words.example/',
  ]);
  assert.equal(result.counts['layout.text'], 1);
  assert.equal(result.counts['line.comment'], 2);
  assert.equal(result.counts['line.blank'], 2);
  assert.equal(result.counts['line.data'], 11);
  assert.equal(result.counts['row.imported']! + result.counts['row.invalid']!, 11);
  const first = result.indicators[0]!;
  assert.equal(first.tlp, 'amber');
  assert.equal(first.sources[0]?.name, 'mixed.txt');
  assert.equal(first.sources[0]?.confidence, undefined);
});

test('TXT: options set the type, source, TLP and confidence of every line', () => {
  const result = importPlainList('evil.example\n192.0.2.1\n', 'list.txt', {
    type: 'domain',
    source: 'partner',
    tlp: 'green',
    confidence: 60,
  });
  assert.deepEqual(rows(result), ['1 domain evil.example']);
  assert.deepEqual(problems(result), ['line 2: not a domain name: 192.0.2.1']);
  assert.deepEqual(result.indicators[0]?.sources[0], {
    name: 'partner',
    ref: 'partner:1',
    confidence: 60,
  });
  assert.equal(result.indicators[0]?.tlp, 'green');
});

test('TXT: CRLF, a byte-order mark, a URL with a comma, and an over-long line', () => {
  const long = `http://example.com/${'a'.repeat(MAX_LINE_LENGTH)}`;
  const text = `\uFEFFevil.example\r\nhttp://x.example/a,b\r\n${long}\r\n192.0.2.9\r\n`;
  const result = importPlainList(text, 'list.txt');
  assert.deepEqual(rows(result), [
    '1 domain evil.example',
    '2 url http://x.example/a,b',
    '4 ipv4 192.0.2.9',
  ]);
  assert.deepEqual(problems(result), [`line 3: line longer than ${MAX_LINE_LENGTH} characters`]);
});

test('CSV with a header: value, type (ours and MISP names), TLP, confidence, dates', () => {
  const result = importFixture('with-header.csv');
  assert.deepEqual(rows(result), [
    '2 domain evil.example.com',
    '3 ipv4 198.51.100.23',
    '4 domain c2.example.org',
    '4 ipv4 192.0.2.44',
    '5 md5 d41d8cd98f00b204e9800998ecf8427e',
    '11 url https://drop.example.net/a.zip',
  ]);
  const [first] = result.indicators;
  assert.equal(first?.tlp, 'green');
  assert.equal(first?.first_seen, '2024-04-01T00:00:00.000Z');
  assert.equal(first?.last_seen, '2024-04-19T10:00:00.000Z');
  assert.equal(first?.valid_until, '2024-07-01T00:00:00.000Z');
  assert.equal(first?.sources[0]?.confidence, 80);
  assert.equal(first?.sources[0]?.description, 'C2, seen in beacons');
  assert.deepEqual(
    result.indicators.map((i) => i.tlp),
    ['green', 'amber', 'red', 'red', 'amber+strict', 'clear'],
  );
  assert.deepEqual(problems(result), [
    'line 6: MISP type regkey: no telemetry of ours carries registry keys',
    'line 7: unknown TLP: purple',
    'line 8: confidence not a number 0..100: 150',
    'line 9: first_seen not a date: yesterday-ish',
    'line 10: unknown type: weird-type',
    'line 12: no value in the value column(s)',
  ]);
  assert.equal(result.counts['line.header'], 1);
});

test("CSV: the list's TLP is a floor; a line's stricter TLP wins", () => {
  const result = importFixture('with-header.csv', { tlp: 'amber' });
  assert.deepEqual(
    result.indicators.map((i) => i.tlp),
    ['amber', 'amber', 'red', 'red', 'amber+strict', 'amber'],
  );
});

test('CSV without a header: values in the first column, other columns ignored', () => {
  const result = importFixture('no-header.csv');
  assert.deepEqual(rows(result), [
    '1 ipv4 198.51.100.77',
    '2 domain bad-host.example.net',
    '4 sha256 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8',
  ]);
  assert.deepEqual(problems(result), ['line 3: not a recognizable indicator: not a value']);
  // The shape is enough without the .csv name: the first field is a value, the line is not.
  const byShape = importPlainList('192.0.2.5,c2,2024\nevil.example,phish,2024\n', 'feed.txt');
  assert.equal(byShape.counts['layout.csv'], 1);
  assert.deepEqual(rows(byShape), ['1 ipv4 192.0.2.5', '2 domain evil.example']);
});

test('CSV whose header is the last comment before the data (abuse.ch style)', () => {
  const result = importFixture('abuse-style.csv');
  assert.deepEqual(rows(result), ['6 ipv4 51.75.33.127', '8 ipv6 2001:db8::c2']);
  assert.deepEqual(problems(result), ['line 7: not an IP address: 192.0.2.300']);
  const [emotet] = result.indicators;
  assert.equal(emotet?.first_seen, '2021-01-17T07:44:46.000Z');
  assert.equal(emotet?.last_seen, '2024-04-18T00:00:00.000Z');
  assert.deepEqual(emotet?.sources[0]?.context, ['Emotet']);
});

test('CSV with one column per hash type gives one indicator per filled cell', () => {
  const text = [
    'sha256_hash,md5_hash,file_name',
    `${'a'.repeat(64)},${'b'.repeat(32)},x.exe`,
    `${'c'.repeat(64)},,y.exe`,
    `${'d'.repeat(64)},${'e'.repeat(31)},z.exe`,
  ].join('\n');
  const result = importPlainList(text, 'bazaar.csv');
  assert.deepEqual(rows(result), [
    `2 sha256 ${'a'.repeat(64)}`,
    `2 md5 ${'b'.repeat(32)}`,
    `3 sha256 ${'c'.repeat(64)}`,
  ]);
  // A line is all or nothing: the bad md5 sinks its row.
  assert.deepEqual(problems(result), [`line 4: not a MD5 hash: ${'e'.repeat(31)}`]);
});

test('an empty list is no indicators and no problems', () => {
  const result = importPlainList('# nothing yet\n\n', 'empty.txt');
  assert.deepEqual([result.indicators, result.problems], [[], []]);
});
