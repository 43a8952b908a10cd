// Where parsed records go: drafts become events (stable id, ingest time, site and zone), are
// batched, and are written with their rejects. A batch is acknowledged only once it is stored.
import { eventId, type EcsEvent, type EventDraft, type Site } from '../core/index.ts';
import { enrichSite } from '../enrich/site/enrich-site.ts';
import type { SiteMatcher } from '../enrich/site/site-matcher.ts';
import type { EventStore, Reject, RejectStore } from '../storage/ports.ts';
import type { IngestSummary } from './ingest-summary.ts';

export interface SinkTargets {
  events: EventStore;
  rejects: RejectStore;
}

/** Called with each stored batch, after it is durable (later stages subscribe here). */
export type BatchListener = (events: readonly EcsEvent[]) => void | Promise<void>;

export interface SinkOptions {
  batchSize: number;
  keepBytes: number;
  matcher: SiteMatcher;
  /** Site given explicitly (`--site`, listener, request); overrides the address match. */
  site?: Site;
  onBatch?: BatchListener;
}

/** The store failed: unlike a bad record this stops the ingest, because nothing more can be kept. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
}

export class EventSink {
  private inFlight: Promise<void> = Promise.resolve();
  private events: EcsEvent[] = [];
  private rejects: Reject[] = [];
  private ingested = new Date().toISOString();

  constructor(
    private readonly targets: SinkTargets,
    private readonly options: SinkOptions,
    private readonly summary: IngestSummary,
  ) {}

  /** True when the caller should `await flush()` before adding more. */
  get full(): boolean {
    return (
      this.events.length >= this.options.batchSize || this.rejects.length >= this.options.batchSize
    );
  }

  /** Finishes a draft into an event; returns false (and rejects it) when its time is unusable. */
  add(draft: EventDraft, source: string, line: number): boolean {
    const millis = Date.parse(draft['@timestamp']);
    if (Number.isNaN(millis)) {
      this.reject(
        source,
        line,
        `unusable @timestamp '${draft['@timestamp']}'`,
        draft.event.original,
        draft.event.module,
      );
      return false;
    }
    const event = draft as EcsEvent;
    event.event.id = eventId(millis, draft.event.dataset, draft.event.original);
    event.event.ingested = this.ingested;
    enrichSite(event, this.options.matcher, this.options.site);
    this.events.push(event);
    this.summary.countEvent(draft.event.dataset);
    return true;
  }

  reject(
    source: string,
    line: number,
    reason: string,
    raw: string,
    format?: string,
    rawBytes?: number,
  ): void {
    const keep = this.options.keepBytes;
    // Cut by characters first (cheap), then make sure the kept text is within the byte budget.
    let kept = raw.length > keep ? raw.slice(0, keep) : raw;
    while (Buffer.byteLength(kept) > keep) kept = kept.slice(0, Math.floor(kept.length * 0.9));
    this.rejects.push({
      source,
      line,
      reason,
      raw: kept,
      rawBytes: rawBytes ?? Buffer.byteLength(raw),
      ...(format === undefined ? {} : { format }),
      receivedAt: new Date().toISOString(),
    });
    this.summary.rejected++;
  }

  /**
   * Hands the current batch to the store and returns once the batch before it is stored: one batch
   * is written while the next is parsed, and no more than one waits. Call `drain()` to know that
   * everything is stored.
   */
  async flush(): Promise<void> {
    const events = this.events;
    const rejects = this.rejects;
    this.events = [];
    this.rejects = [];
    this.ingested = new Date().toISOString();
    const previous = this.inFlight;
    this.inFlight = this.store(previous, events, rejects);
    await previous;
  }

  /** Resolves when every batch handed over is stored; rejects with a StorageError if one failed. */
  async drain(): Promise<void> {
    await this.inFlight;
  }

  private async store(
    previous: Promise<void>,
    events: EcsEvent[],
    rejects: Reject[],
  ): Promise<void> {
    await previous; // keeps batches in order, and stops at the first failure
    try {
      if (rejects.length > 0) await this.targets.rejects.add(rejects);
      if (events.length > 0) {
        const result = await this.targets.events.append(events);
        this.summary.inserted += result.inserted;
        this.summary.duplicates += result.duplicates;
        await this.options.onBatch?.(events);
      }
    } catch (error) {
      throw new StorageError((error as Error).message);
    }
  }
}
