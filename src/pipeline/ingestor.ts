// The ingest entry point shared by the CLI, the HTTP API and the syslog listeners: it walks
// inputs, runs each through ingestSource, and reports progress and a summary.
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Site } from '../core/index.ts';
import type { SiteMatcher } from '../enrich/site/site-matcher.ts';
import type { InputFormat } from '../parsers/parser.ts';
import { fileSource, memorySource, stdinSource, type ByteSource } from '../sources/byte-source.ts';
import type { EventStore, RejectStore } from '../storage/ports.ts';
import { EventSink, type BatchListener } from './event-sink.ts';
import { ingestSource } from './ingest-source.ts';
import { IngestSummary } from './ingest-summary.ts';

export interface IngestLimits {
  max_line_bytes: number;
  max_document_bytes: number;
  reject_keep_bytes: number;
  batch_size: number;
}

export interface IngestorDeps {
  events: EventStore;
  rejects: RejectStore;
  matcher: SiteMatcher;
  limits: IngestLimits;
  onBatch?: BatchListener;
}

export interface IngestOptions {
  site?: Site;
  format?: InputFormat;
  /** Called every few hundred milliseconds while inputs are read. */
  onProgress?: (progress: IngestProgress) => void;
}

export interface IngestProgress {
  bytesRead: number;
  bytesTotal: number;
  events: number;
  rejected: number;
  inputsDone: number;
  inputsTotal: number;
  eventsPerSecond: number;
}

export class Ingestor {
  constructor(readonly deps: IngestorDeps) {}

  /** Files, directories (recursively, in name order) and `-` for stdin. */
  async ingestPaths(paths: readonly string[], options: IngestOptions = {}): Promise<IngestSummary> {
    const summary = new IngestSummary();
    const inputs: (ByteSource | { missing: string })[] = [];
    for (const path of paths) {
      if (path === '-') inputs.push(stdinSource());
      else inputs.push(...expandPath(path));
    }
    const total = inputs.reduce((sum, input) => sum + ('size' in input ? (input.size ?? 0) : 0), 0);
    let doneBytes = 0;
    let done = 0;
    for (const input of inputs) {
      if ('missing' in input) {
        summary.files.push({
          source: input.missing,
          events: 0,
          rejected: 0,
          problem: 'no such file or directory',
        });
        continue;
      }
      const timer = setInterval(() => {
        options.onProgress?.(
          progress(summary, doneBytes + input.bytesRead, total, done, inputs.length),
        );
      }, 250);
      try {
        summary.files.push(await this.ingestOne(input, summary, options));
      } finally {
        clearInterval(timer);
      }
      doneBytes += input.size ?? input.bytesRead;
      summary.bytesRead += input.bytesRead;
      done++;
      options.onProgress?.(progress(summary, doneBytes, total, done, inputs.length));
    }
    return summary;
  }

  /** One in-memory body (an HTTP request), detected like a file. */
  async ingestBytes(
    name: string,
    bytes: Buffer,
    options: IngestOptions = {},
  ): Promise<IngestSummary> {
    const summary = new IngestSummary();
    const source = memorySource(name, bytes);
    summary.files.push(await this.ingestOne(source, summary, options));
    summary.bytesRead = bytes.length;
    return summary;
  }

  private ingestOne(source: ByteSource, summary: IngestSummary, options: IngestOptions) {
    const { limits } = this.deps;
    const sink = new EventSink(
      this.deps,
      {
        batchSize: limits.batch_size,
        keepBytes: limits.reject_keep_bytes,
        matcher: this.deps.matcher,
        ...(options.site === undefined ? {} : { site: options.site }),
        ...(this.deps.onBatch === undefined ? {} : { onBatch: this.deps.onBatch }),
      },
      summary,
    );
    return ingestSource(source, sink, {
      ...(options.format === undefined ? {} : { format: options.format }),
      maxLineBytes: limits.max_line_bytes,
      maxDocumentBytes: limits.max_document_bytes,
      keepBytes: limits.reject_keep_bytes,
    });
  }
}

function expandPath(path: string): (ByteSource | { missing: string })[] {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return [{ missing: path }];
  }
  if (stats.isFile()) return [fileSource(path, basename(path))];
  if (!stats.isDirectory()) return [];
  const entries = readdirSync(path, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name));
  return entries.flatMap((entry) => expandPath(join(path, entry.name)));
}

function progress(
  summary: IngestSummary,
  bytesRead: number,
  bytesTotal: number,
  inputsDone: number,
  inputsTotal: number,
): IngestProgress {
  return {
    bytesRead,
    bytesTotal,
    events: summary.events,
    rejected: summary.rejected,
    inputsDone,
    inputsTotal,
    eventsPerSecond: summary.eventsPerSecond,
  };
}
