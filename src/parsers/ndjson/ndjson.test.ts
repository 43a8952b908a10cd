// Generic NDJSON / ECS: ECS fields kept, pipeline-owned fields never taken from input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventDraft } from '../../core/index.ts';
import { fixture, readLines } from '../../../test/support/data.ts';
import { ParseFailure } from '../parser.ts';
import { NdjsonParser } from './ndjson.ts';

const [ecs, plain, timeless, array] = readLines(fixture('ndjson', 'ecs.ndjson'));
const parser = new NdjsonParser();

test('an ECS document keeps its fields; id, original and site come from the pipeline only', () => {
  const event = parser.parseLine(ecs ?? '') as EventDraft;
  assert.equal(event.event.dataset, 'proxy.access');
  assert.equal(event.event.module, 'proxy');
  assert.deepEqual(event.event.category, ['web']);
  assert.equal(event.url?.domain, 'update.mofa-go.jp');
  assert.equal(event.event.original, ecs);
  assert.equal((event.event as { id?: string }).id, undefined);
  assert.equal(event.site, undefined);
});

test('a plain record gets a generic dataset and an epoch time', () => {
  const event = parser.parseLine(plain ?? '') as EventDraft;
  assert.equal(event['@timestamp'], '2024-04-19T00:00:00.000Z');
  assert.equal(event.event.dataset, 'ndjson.generic');
  assert.equal(event.message, 'plain app log');
});

test('records without a time, or not objects, are rejected', () => {
  assert.match((parser.parseLine(timeless ?? '') as ParseFailure).reason, /no timestamp field/);
  assert.match((parser.parseLine(array ?? '') as ParseFailure).reason, /JSON object/);
});
