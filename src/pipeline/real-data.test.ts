// Ingesting the real shared data through the whole pipeline: every valid line becomes an event,
// only files that are not telemetry are rejected, and counts match the files' own line counts.
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { test } from 'node:test';
import { needsShared, readLines, shared, walk } from '../../test/support/data.ts';
import { ingestStack } from '../../test/support/ingest.ts';
import { logTypeFromFileName } from '../parsers/zeek/tsv.ts';

test(
  'all of ../shared/data/zeek (TSV gz and JSON): events = data lines, no valid line rejected',
  { skip: needsShared('zeek') },
  async () => {
    const dir = shared('zeek');
    const files = walk(dir);
    const logs = files.filter(
      (p) => /\.log(\.gz)?$/.test(p) && !basename(p).startsWith('conn-summary'),
    );
    const distinct = new Set<string>();
    let dataLines = 0;
    for (const path of logs) {
      const type = logTypeFromFileName(basename(path));
      for (const line of readLines(path)) {
        if (line === '' || line.startsWith('#')) continue;
        dataLines++;
        distinct.add(`${type}\u0000${line}`);
      }
    }
    const { stores, ingestor } = ingestStack({ batch_size: 5000 });
    const summary = (await ingestor.ingestPaths([dir])).toJSON();
    assert.equal(summary.events, dataLines);
    assert.equal(summary.inserted, distinct.size);
    assert.equal(summary.inserted + summary.duplicates, summary.events);
    const notTelemetry = files.length - logs.length;
    assert.equal(
      summary.rejected,
      notTelemetry,
      'one whole-file reject for each README, LICENSE and conn-summary report',
    );
    const rejects = (await stores.rejects.list({ limit: 1000 })).rejects;
    assert.ok(
      rejects.every((r) => r.line === 0 && /unrecognised format/.test(r.reason)),
      'no line of a real log was rejected',
    );
    const stored = (await stores.events.countByDataset()).reduce((sum, d) => sum + d.count, 0);
    assert.equal(stored, distinct.size);
  },
);

test(
  'all of ../shared/data/windows/otrf: 15,541 events, byte-identical duplicates stored once',
  { skip: needsShared('windows', 'otrf') },
  async () => {
    const dir = shared('windows', 'otrf');
    const lines = walk(dir).flatMap(readLines);
    const { stores, ingestor } = ingestStack({ batch_size: 5000 });
    const summary = (await ingestor.ingestPaths([dir])).toJSON();
    assert.equal(summary.events, 15_541);
    assert.equal(summary.events, lines.length);
    assert.equal(summary.rejected, 0);
    assert.equal(summary.inserted, new Set(lines).size);
    const sysmon = await stores.events.query({
      limit: 1,
      where: [
        { field: 'winlog.event_id', op: '=', value: '1' },
        { field: 'event.dataset', op: '=', value: 'windows.sysmon_operational' },
      ],
    });
    assert.equal(sysmon.events[0]?.event.action, 'process-created');
  },
);
