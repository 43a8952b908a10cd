// Ingest benchmark: events/s of each parser and of whole ingestion into the embedded store,
// each beside the floor measured in the same run on the same bytes (read + gunzip + split lines +
// JSON.parse or TSV split, nothing else), and the ratio to it.
//
//   npm run bench:ingest [-- --events 1000000]
//
// Inputs come from ../shared/data when present (real Zeek conn logs and OTRF Windows events,
// repeated with a per-copy marker so that every line is a distinct event) and are synthesized
// otherwise, so the benchmark runs on a fresh clone too.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SiteMatcher } from '../src/enrich/site/site-matcher.ts';
import { eventId, type EcsEvent } from '../src/core/index.ts';
import { ParseFailure, type InputFormat } from '../src/parsers/parser.ts';
import { formatByType } from '../src/parsers/registry.ts';
import { Ingestor } from '../src/pipeline/ingestor.ts';
import { fileSource } from '../src/sources/byte-source.ts';
import { LineSplitter } from '../src/sources/line-splitter.ts';
import { openSqliteStores } from '../src/storage/sqlite/index.ts';
import { BENCH_DIR, prepareInputs, type BenchInput } from './inputs.ts';

interface Row {
  input: string;
  lines: number;
  floor: number;
  parse: number;
  /** Storing already-parsed events only (JSON document + SQLite row): the store's own ceiling. */
  store: number;
  ingest: number;
  /** Largest resident memory seen while the whole pipeline ran. */
  peakMiB: number;
}

const args = process.argv.slice(2);
const target = Number(args[args.indexOf('--events') + 1] ?? '') || 1_000_000;

/** Reads a file through the same byte source and line splitter the pipeline uses. */
async function readLines(path: string, onLine: (line: string) => void): Promise<number> {
  let count = 0;
  const splitter = new LineSplitter(
    { line: (text) => ((count += 1), onLine(text)), reject: () => undefined },
    { maxLineBytes: 1 << 20, keepBytes: 64 },
  );
  for await (const chunk of fileSource(path, '').chunks()) splitter.push(chunk);
  splitter.end();
  return count;
}

async function rate(run: () => Promise<number>): Promise<number> {
  // Best of two: the machines are shared; the faster run is the one less disturbed.
  let best = 0;
  for (let attempt = 0; attempt < 2; attempt++) {
    const started = performance.now();
    const events = await run();
    best = Math.max(best, events / ((performance.now() - started) / 1000));
  }
  return best;
}

async function measure(input: BenchInput): Promise<Row> {
  const format = formatByType(input.format) as InputFormat & { framing: 'lines' };
  let sink = 0;
  const floor = await rate(() =>
    readLines(input.path, (line) => {
      if (input.floor === 'tsv') sink += line.charCodeAt(0) === 35 ? 0 : line.split('\t').length;
      else sink += Object.keys(JSON.parse(line) as object).length;
    }),
  );
  const parse = await rate(async () => {
    const parser = format.create({ fileName: input.fileName });
    let events = 0;
    let lineNumber = 0;
    await readLines(input.path, (line) => {
      if (parser.parseLine(line, ++lineNumber) !== undefined) events++;
    });
    return events;
  });
  global.gc?.();
  let peakMiB = 0;
  const sampler = setInterval(() => {
    peakMiB = Math.max(peakMiB, Math.round(process.memoryUsage().rss / 1048576));
  }, 50);
  const ingest = await rate(async () => {
    const dir = join(BENCH_DIR, `store-${input.name}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const stores = openSqliteStores(dir);
    const ingestor = new Ingestor({
      events: stores.events,
      rejects: stores.rejects,
      matcher: new SiteMatcher([]),
      limits: {
        max_line_bytes: 1 << 20,
        max_document_bytes: 1 << 26,
        reject_keep_bytes: 4096,
        batch_size: 5000,
      },
    });
    const summary = await ingestor.ingestPaths([input.path], { format });
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
    if (summary.rejected > 0 || summary.inserted !== summary.events) {
      throw new Error(
        `${input.name}: ${summary.rejected} rejected, ${summary.inserted}/${summary.events} inserted`,
      );
    }
    return summary.events;
  });
  clearInterval(sampler);
  const parsed: EcsEvent[] = [];
  {
    const parser = format.create({ fileName: input.fileName });
    let lineNumber = 0;
    await readLines(input.path, (line) => {
      const outcome = parser.parseLine(line, ++lineNumber);
      if (outcome === undefined || outcome instanceof ParseFailure) return;
      const event = outcome as EcsEvent;
      event.event.id = eventId(
        Date.parse(event['@timestamp']),
        event.event.dataset,
        event.event.original,
      );
      parsed.push(event);
    });
  }
  const store = await rate(async () => {
    const dir = join(BENCH_DIR, `store-only-${input.name}`);
    rmSync(dir, { recursive: true, force: true });
    const stores = openSqliteStores(dir);
    for (let index = 0; index < parsed.length; index += 5000)
      await stores.events.append(parsed.slice(index, index + 5000));
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
    return parsed.length;
  });
  parsed.length = 0;
  if (sink < 0) console.log(sink); // keeps the floor's work observable so it is not optimized away
  return { input: input.name, lines: input.lines, floor, parse, store, ingest, peakMiB };
}

const inputs = await prepareInputs(target);
const rows: Row[] = [];
for (const input of inputs) rows.push(await measure(input));

const k = (value: number): string => `${Math.round(value / 1000).toLocaleString('en-US')}k`;
const pct = (value: number, floor: number): string => `${Math.round((value / floor) * 100)}%`;
console.log(`\nIngest benchmark (node ${process.version}; events/s, best of 2)\n`);
console.log(
  'input                 lines    floor/s   parse/s (of floor)   store/s   ingest/s (of floor)',
);
for (const row of rows) {
  console.log(
    `${row.input.padEnd(20)} ${String(row.lines).padStart(7)}   ${k(row.floor).padStart(7)}   ${k(row.parse).padStart(7)} (${pct(row.parse, row.floor).padStart(4)})   ${k(row.store).padStart(7)}   ${k(row.ingest).padStart(7)} (${pct(row.ingest, row.floor).padStart(4)})   ${String(row.peakMiB).padStart(4)} MiB`,
  );
}
console.log('\nfloor:  read + gunzip + split lines + JSON.parse or TSV split, nothing else');
console.log('parse:  the same plus the format parser (ECS mapping)');
console.log(
  'store:  writing already-parsed events to the embedded store (JSON document + SQLite row, indexes, WAL)',
);
console.log(
  'ingest: the whole pipeline: read, parse, id, site/zone, store (SQLite in its writer thread)',
);
console.log('peak:   resident memory while ingesting (streaming: it does not grow with the input)');
console.log(JSON.stringify({ benchmark: 'ingest', rows }));
