// Ingest of endless streams (syslog listeners): records are batched and flushed when a batch is
// full or a second has passed, whichever comes first; flushes never overlap.
import type { Site } from '../core/index.ts';
import { ParseFailure, type ParseOutcome } from '../parsers/parser.ts';
import { EventSink } from './event-sink.ts';
import { IngestSummary } from './ingest-summary.ts';
import type { IngestorDeps } from './ingestor.ts';

export class StreamIngest {
  readonly summary = new IngestSummary();
  private readonly sink: EventSink;
  private flushing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private received = 0;

  constructor(
    deps: IngestorDeps,
    private readonly format: string,
    site: Site | undefined,
    flushMillis = 1000,
  ) {
    this.sink = new EventSink(
      deps,
      {
        batchSize: deps.limits.batch_size,
        keepBytes: deps.limits.reject_keep_bytes,
        matcher: deps.matcher,
        ...(site === undefined ? {} : { site }),
        ...(deps.onBatch === undefined ? {} : { onBatch: deps.onBatch }),
      },
      this.summary,
    );
    this.timer = setInterval(() => void this.flush(), flushMillis);
    this.timer.unref();
  }

  accept(outcome: ParseOutcome, raw: string, source: string): void {
    this.received++;
    if (outcome === undefined) return;
    if (outcome instanceof ParseFailure)
      this.sink.reject(source, this.received, outcome.reason, raw, this.format);
    else this.sink.add(outcome, source, this.received);
    if (this.sink.full) void this.flush();
  }

  reject(source: string, reason: string, raw: string, rawBytes: number): void {
    this.received++;
    this.sink.reject(source, this.received, reason, raw, this.format, rawBytes);
  }

  flush(): Promise<void> {
    this.flushing = this.flushing
      .then(async () => {
        await this.sink.flush();
        await this.sink.drain();
      })
      .catch((error: unknown) => {
        process.stderr.write(
          `chancery: storing syslog events failed: ${(error as Error).message}\n`,
        );
      });
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
