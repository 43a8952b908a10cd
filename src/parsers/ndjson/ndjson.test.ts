// Generic NDJSON / ECS: ECS fields kept when their type fits, pipeline-owned fields never taken
// from input, the first usable time field wins, and detection stays below the specific formats.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventDraft } from '../../core/index.ts';
import { fixture, readLines } from '../../../test/support/data.ts';
import { ParseFailure } from '../parser.ts';
import { ndjsonFormat, NdjsonParser } from './ndjson.ts';

const [ecs, plain, timeless, array] = readLines(fixture('ndjson', 'ecs.ndjson'));
const variants = readLines(fixture('ndjson', 'variants.ndjson'));
const parser = new NdjsonParser();
const parse = (line: string): EventDraft => {
  const outcome = parser.parseLine(line);
  assert.ok(
    outcome !== undefined && !(outcome instanceof ParseFailure),
    outcome instanceof ParseFailure ? outcome.reason : 'no event',
  );
  return outcome;
};

test('an ECS document keeps its fields; id, original and site come from the pipeline only', () => {
  const event = parse(ecs ?? '');
  assert.deepEqual(event, {
    '@timestamp': '2024-04-19T00:00:00.000Z',
    event: {
      kind: 'event',
      dataset: 'proxy.access',
      module: 'proxy',
      original: ecs,
      category: ['web'],
    },
    source: { ip: '10.20.1.5' },
    url: { domain: 'update.mofa-go.jp' },
  });
});

test('a plain record gets the generic dataset and an epoch time', () => {
  const event = parse(plain ?? '');
  assert.equal(event['@timestamp'], '2024-04-19T00:00:00.000Z');
  assert.equal(event.event.dataset, 'ndjson.generic');
  assert.equal(event.event.module, 'ndjson');
  assert.equal(event.event.kind, 'event');
  assert.equal(event.message, 'plain app log');
  assert.equal((event as unknown as Record<string, unknown>).level, 'info');
  // Field names that are also Object methods are plain fields.
  const odd = parse('{"ts":1,"constructor":"x","toString":2}');
  assert.deepEqual(
    Object.entries(odd).filter(([key]) => key === 'constructor' || key === 'toString'),
    [
      ['constructor', 'x'],
      ['toString', 2],
    ],
  );
});

test('wrong-typed ECS fields are left out rather than passed on', () => {
  const event = parse(variants[0] ?? '');
  assert.equal(event['@timestamp'], '2024-04-19T00:00:00.000Z');
  assert.equal(event.event.dataset, 'ndjson.generic', 'a string `event` is ignored');
  assert.equal(event.source, undefined);
  assert.deepEqual(event.host, { name: 'proxy-01' });
  assert.deepEqual(event.tags, ['vpn']);
  assert.equal(event.message, '42');

  const typed = parse(variants[1] ?? '');
  assert.deepEqual(typed.event, {
    kind: 'event',
    dataset: 'ndjson.generic',
    module: 'ndjson',
    original: variants[1],
    category: ['network'],
    type: ['connection'],
    code: '4625',
  });
  assert.deepEqual(typed.source, { ip: '10.20.1.5' }, 'zone and site are the pipeline’s');
  assert.deepEqual(typed.network, { transport: 'tcp' });
  assert.deepEqual(typed.destination, { ip: '8.8.8.8' });
});

test('the first time field that reads as a time wins: ISO, epoch ms, zone-less', () => {
  assert.equal(parse(variants[2] ?? '')['@timestamp'], '2024-04-19T00:00:01.500Z');
  const nginx = parse(variants[3] ?? '');
  assert.equal(nginx['@timestamp'], '2024-04-19T00:00:02.250Z');
  assert.equal(nginx.event.dataset, 'nginx.access', 'from data_stream.dataset');
});

test('records without a usable time, or not objects, are rejected', () => {
  const reason = (line: string): string => (parser.parseLine(line) as ParseFailure).reason;
  assert.equal(reason(timeless ?? ''), 'no timestamp field (@timestamp, timestamp, time or ts)');
  assert.equal(reason(variants[4] ?? ''), 'no timestamp field (@timestamp, timestamp, time or ts)');
  assert.equal(reason(array ?? ''), 'expected a JSON object per line');
  assert.equal(reason(variants[5] ?? ''), 'expected a JSON object per line');
  assert.match(reason('{"ts":'), /^invalid JSON/);
  assert.equal(parser.parseLine(''), undefined);
});

test('detection: 0.9 for ECS documents, 0.3 for other JSON objects, 0 for text', () => {
  const detect = (...lines: string[]): number =>
    ndjsonFormat.detect({ fileName: '', lines, head: new Uint8Array() });
  assert.equal(detect(ecs ?? '', ecs ?? ''), 0.9);
  assert.equal(detect(plain ?? '', timeless ?? ''), 0.3);
  assert.equal(detect(`{"@timestamp":"2024-04-19T00:00:00Z","message":"${'x'.repeat(5000)}`), 0.3);
  assert.equal(detect('<34>Oct 11 22:14:15 host su: x'), 0);
  assert.equal(detect(plain ?? '', 'text', 'more text'), 0);
  assert.equal(detect(), 0);
});
