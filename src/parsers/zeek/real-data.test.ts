// Every file of the shared Zeek data (RITA test data: hourly TSV .log.gz, cluster logs with
// _node_name, JSON; WRCCDC 2018 TSV): detected as the right format, and every data line becomes
// exactly one well-formed event. The conn-summary reports (not Zeek logs) are claimed by no format.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { EventDraft } from '../../core/index.ts';
import { needsShared, shared } from '../../../test/support/data.ts';
import { ParseFailure, type DetectSample, type LineFormat } from '../parser.ts';
import { suricataEveFormat } from '../suricata/index.ts';
import { zeekJsonFormat, zeekTsvFormat } from './index.ts';

const FORMATS: readonly LineFormat[] = [zeekTsvFormat, zeekJsonFormat, suricataEveFormat];

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
}

/** The file's text lines, gunzipped here (not through the pipeline's reader). */
function lines(path: string): string[] {
  const bytes = readFileSync(path);
  const gz = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const text = (gz ? gunzipSync(bytes) : bytes).toString('utf8');
  const all = text.split('\n');
  if (all.at(-1) === '') all.pop();
  return all;
}

function sampleOf(path: string, all: readonly string[]): DetectSample {
  const head = all.filter((line) => line.trim() !== '').slice(0, 20);
  return {
    fileName: basename(path),
    lines: head.map((l) => l.slice(0, 4096)),
    head: new Uint8Array(),
  };
}

/** Events carry no undefined values and no empty objects (they are serialized millions of times). */
function problemsOf(value: unknown, path: string, out: string[]): void {
  if (value === undefined) out.push(`${path} is undefined`);
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item: unknown, index) => problemsOf(item, `${path}[${index}]`, out));
    return;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) out.push(`${path} is an empty object`);
  for (const [key, item] of entries) problemsOf(item, `${path}.${key}`, out);
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

test(
  'shared Zeek data: detection, and events = data lines with no failures (TSV and JSON)',
  { skip: needsShared('zeek') },
  () => {
    let dataLines = 0;
    let parsed = 0;
    const byDataset = new Map<string, number>();
    const problems: string[] = [];
    for (const path of files(shared('zeek'))) {
      const name = basename(path);
      const all = lines(path);
      const scores = FORMATS.map((format) => format.detect(sampleOf(path, all)));
      if (!/\.log(\.gz)?$/.test(name) || name.startsWith('conn-summary')) {
        assert.deepEqual(scores, [0, 0, 0], `${name} is not a Zeek log`);
        continue;
      }
      const json = all[0]?.startsWith('{') === true;
      assert.deepEqual(scores, json ? [0, 1, 0] : [1, 0, 0], `detection of ${name}`);
      const parser = (json ? zeekJsonFormat : zeekTsvFormat).create({ fileName: name });
      for (const [index, line] of all.entries()) {
        if (line !== '' && !line.startsWith('#')) dataLines++;
        const outcome = parser.parseLine(line, index + 1);
        if (outcome === undefined) continue;
        if (outcome instanceof ParseFailure) {
          problems.push(`${name}:${index + 1}: ${outcome.reason}`);
          continue;
        }
        parsed++;
        checkEvent(outcome, `${name}:${index + 1}`, problems);
        byDataset.set(outcome.event.dataset, (byDataset.get(outcome.event.dataset) ?? 0) + 1);
      }
    }
    assert.deepEqual(problems.slice(0, 10), []);
    assert.equal(parsed, dataLines);
    assert.ok(dataLines > 300_000, `only ${dataLines} data lines found`);
    for (const log of [
      'conn',
      'dns',
      'http',
      'ssl',
      'files',
      'x509',
      'notice',
      'weird',
      'ntp',
      'sip',
    ])
      assert.ok((byDataset.get(`zeek.${log}`) ?? 0) > 0, `no zeek.${log} events`);
  },
);

function checkEvent(event: EventDraft, where: string, problems: string[]): void {
  if (!ISO.test(event['@timestamp'])) problems.push(`${where}: @timestamp ${event['@timestamp']}`);
  if (event.event.module !== 'zeek' || !event.event.dataset.startsWith('zeek.'))
    problems.push(`${where}: dataset ${event.event.dataset}`);
  const found: string[] = [];
  problemsOf(event, 'event', found);
  for (const problem of found.slice(0, 1)) problems.push(`${where}: ${problem}`);
}
