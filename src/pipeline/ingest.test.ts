// The ingest pipeline end to end: format detection per file, gzip, site enrichment, dead-letter
// records for every kind of bad input, and idempotent re-ingest.
import assert from 'node:assert/strict';
import { closeSync, copyFileSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { formatByType } from '../parsers/registry.ts';
import { fixture } from '../../test/support/data.ts';
import { ingestStack, scratchDir, testSites } from '../../test/support/ingest.ts';

function mixedDirectory(): string {
  const dir = scratchDir();
  copyFileSync(fixture('zeek', 'mixed.log'), join(dir, 'dns-and-conn.log'));
  writeFileSync(
    join(dir, 'eve.json.gz'),
    gzipSync(readFileSync(fixture('suricata', 'eve-v2.json'))),
  );
  copyFileSync(fixture('windows', 'winlogbeat.ndjson'), join(dir, 'winlogbeat.json'));
  copyFileSync(fixture('syslog', 'messages.log'), join(dir, 'messages'));
  copyFileSync(fixture('mail', 'sample.mbox'), join(dir, 'inbox.mbox'));
  writeFileSync(join(dir, 'notes.txt'), 'just some notes\nnot telemetry\n');
  writeFileSync(
    join(dir, 'garbage.bin'),
    Buffer.from([0x00, 0x9f, 0x92, 0x96, 0xff, 0x00, 0x13, 0x37, 0xde, 0xad]),
  );
  writeFileSync(join(dir, 'empty.log'), '');
  return dir;
}

test('a directory of mixed formats: each file detected, bad files and lines kept as rejects', async () => {
  const { stores, ingestor } = ingestStack();
  const dir = mixedDirectory();
  const summary = (await ingestor.ingestPaths([dir])).toJSON();
  assert.deepEqual(summary.datasets, {
    'email.message': 3,
    'suricata.eve': 9,
    'syslog.log': 5,
    'windows.security': 1,
    'windows.sysmon_operational': 1,
    'zeek.conn': 1,
    'zeek.dns': 2,
  });
  const formats = Object.fromEntries(
    summary.files.map((f) => [f.source.slice(dir.length + 1), f.format ?? f.problem]),
  );
  assert.deepEqual(formats, {
    'dns-and-conn.log': 'zeek-tsv',
    'empty.log': 'empty input: nothing to ingest',
    'eve.json.gz': 'suricata-eve',
    'garbage.bin': 'binary data that is not a format Chancery reads',
    'inbox.mbox': 'mbox',
    messages: 'syslog',
    'notes.txt': 'unrecognised format (first line: "just some notes")',
    'winlogbeat.json': 'windows-json',
  });
  // JSON.parse's wording differs between Node versions: compare up to the colon.
  const rejects = (await stores.rejects.list({ limit: 100 })).rejects.map(
    (r) => `${r.source.slice(dir.length + 1)}:${r.line}: ${r.reason.split(/[;:]/)[0]}`,
  );
  assert.deepEqual(
    rejects.sort(),
    [
      'dns-and-conn.log:11: expected 15 tab-separated fields (from #fields), got 5',
      'eve.json.gz:10: invalid JSON',
      'garbage.bin:0: binary data that is not a format Chancery reads',
      'messages:6: PRI 999 is out of range (0-191)',
      'notes.txt:0: unrecognised format (first line',
    ].sort(),
  );
  assert.equal(summary.rejected, 5);
  assert.equal(summary.inserted, summary.events);
});

test('re-ingesting the same input adds no events and no rejects', async () => {
  const { stores, ingestor } = ingestStack();
  const dir = mixedDirectory();
  const first = (await ingestor.ingestPaths([dir])).toJSON();
  const again = (await ingestor.ingestPaths([dir])).toJSON();
  assert.equal(again.events, first.events);
  assert.equal(again.inserted, 0);
  assert.equal(again.duplicates, first.events);
  assert.equal(await stores.rejects.count(), 5);
  const stored = (await stores.events.countByDataset()).reduce((sum, d) => sum + d.count, 0);
  assert.equal(stored, first.events);
});

test('a truncated gzip keeps every complete line before the cut and says what happened', async () => {
  const { stores, ingestor } = ingestStack();
  const dir = scratchDir();
  const lines = Array.from({ length: 5000 }, (_, i) =>
    JSON.stringify({
      '@timestamp': new Date(Date.UTC(2024, 3, 19, 0, 0, i)).toISOString(),
      event: { dataset: 'app.log' },
      message: `event ${i} ${'x'.repeat(i % 97)}`,
    }),
  );
  const whole = gzipSync(Buffer.from(lines.join('\n') + '\n'));
  writeFileSync(join(dir, 'cut.ndjson.gz'), whole.subarray(0, Math.floor(whole.length * 0.6)));
  const summary = (await ingestor.ingestPaths([join(dir, 'cut.ndjson.gz')])).toJSON();
  assert.match(
    summary.files[0]?.problem ?? '',
    /gzip stream is truncated .* every complete line before it was ingested/,
  );
  assert.ok(
    summary.events > 1000 && summary.events < 5000,
    `${summary.events} events before the cut`,
  );
  const stored = await stores.events.query({ limit: 10_000, order: 'asc' });
  assert.equal(stored.events.length, summary.events);
  assert.deepEqual(
    stored.events.map((e) => e.message),
    lines.slice(0, summary.events).map((l) => (JSON.parse(l) as { message: string }).message),
  );
  const rejects = (await stores.rejects.list({ limit: 10 })).rejects;
  assert.ok(rejects.some((r) => r.line === 0 && /truncated/.test(r.reason)));
});

test('a 100 MB line is rejected with its size; the lines around it are ingested', async () => {
  const { stores, ingestor } = ingestStack({ max_line_bytes: 1024 * 1024 });
  const dir = scratchDir();
  const path = join(dir, 'huge.ndjson');
  const fd = openSync(path, 'w');
  const line = (i: number): string =>
    `${JSON.stringify({ '@timestamp': '2024-04-19T00:00:00Z', message: `line ${i}` })}\n`;
  writeSync(fd, line(1));
  const block = Buffer.alloc(1024 * 1024, 0x61);
  const head = '{"@timestamp":"2024-04-19T00:00:01Z","message":"';
  const size = head.length + 100 * block.length + 2;
  writeSync(fd, head);
  for (let i = 0; i < 100; i++) writeSync(fd, block);
  writeSync(fd, '"}\n');
  writeSync(fd, line(3));
  closeSync(fd);
  const summary = (await ingestor.ingestPaths([path])).toJSON();
  assert.equal(summary.events, 2);
  assert.equal(summary.rejected, 1);
  const [reject] = (await stores.rejects.list({ limit: 5 })).rejects;
  assert.equal(reject?.line, 2);
  assert.equal(
    reject?.reason,
    `line of ${size} bytes exceeds the limit of 1048576 bytes (ingest.max_line_bytes)`,
  );
  assert.equal(reject?.rawBytes, size);
  assert.equal(reject?.raw.length, 512);
});

test('invalid UTF-8 rejects only its line', async () => {
  const { stores, ingestor } = ingestStack();
  const dir = scratchDir();
  const good = (i: number): Buffer =>
    Buffer.from(
      `${JSON.stringify({ '@timestamp': '2024-04-19T00:00:00Z', message: `ok ${i}` })}\n`,
    );
  const bad = Buffer.concat([
    Buffer.from('{"@timestamp":"2024-04-19T00:00:00Z","message":"'),
    Buffer.from([0xc3, 0x28, 0xff]),
    Buffer.from('"}\n'),
  ]);
  writeFileSync(join(dir, 'mixed.ndjson'), Buffer.concat([good(1), bad, good(3)]));
  const summary = (await ingestor.ingestPaths([join(dir, 'mixed.ndjson')])).toJSON();
  assert.equal(summary.events, 2);
  const [reject] = (await stores.rejects.list({ limit: 5 })).rejects;
  assert.equal(reject?.line, 2);
  assert.match(reject?.reason ?? '', /invalid UTF-8 at byte 48/);
});

test('a missing path is reported and the other inputs still go in', async () => {
  const { ingestor } = ingestStack();
  const summary = (
    await ingestor.ingestPaths(['/nonexistent/file.log', fixture('syslog', 'messages.log')])
  ).toJSON();
  assert.equal(summary.files[0]?.problem, 'no such file or directory');
  assert.equal(summary.events, 5);
});

test('events get the site and zone of their addresses; --site overrides the site', async () => {
  const { stores, ingestor } = ingestStack();
  await ingestor.ingestPaths([fixture('zeek', 'mixed.log')]);
  const [conn] = (
    await stores.events.query({
      limit: 1,
      where: [{ field: 'event.dataset', op: '=', value: 'zeek.conn' }],
    })
  ).events;
  assert.deepEqual(conn?.site, { id: 'beijing', name: 'Embassy in Beijing', country: 'CN' });
  assert.equal(conn?.network?.zone, 'closed');
  assert.equal(conn?.destination?.zone, 'external');
  const paris = testSites().find((s) => s.id === 'paris');
  const { stores: other, ingestor: otherIngestor } = ingestStack();
  await otherIngestor.ingestPaths(
    [fixture('syslog', 'messages.log')],
    paris === undefined ? {} : { site: paris },
  );
  const events = (await other.events.query({ limit: 10 })).events;
  assert.equal(events.length, 5);
  assert.ok(events.every((e) => e.site?.id === 'paris'));
  assert.equal((await stores.events.query({ limit: 10, site: 'beijing' })).events.length, 3);
});

test('an HTTP body is detected like a file, gzip included, and --format skips detection', async () => {
  const { ingestor } = ingestStack();
  const body = gzipSync(readFileSync(fixture('suricata', 'eve-v3.json')));
  const summary = (await ingestor.ingestBytes('http:test', body)).toJSON();
  assert.deepEqual(summary.datasets, { 'suricata.eve': 2 });
  const forced = (
    await ingestor.ingestBytes('http:test', readFileSync(fixture('suricata', 'eve-v3.json')), {
      format: formatByType('ndjson'),
    })
  ).toJSON();
  assert.deepEqual(forced.datasets, { 'ndjson.generic': 2 });
});
