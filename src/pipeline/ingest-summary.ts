// Counters of one ingest run: what the CLI prints at the end and the HTTP API returns.

export interface FileOutcome {
  source: string;
  format?: string;
  events: number;
  rejected: number;
  /** Set when the input as a whole could not be read to the end or not recognised. */
  problem?: string;
}

export class IngestSummary {
  readonly startedAt = performance.now();
  readonly datasets = new Map<string, number>();
  readonly files: FileOutcome[] = [];
  events = 0;
  inserted = 0;
  duplicates = 0;
  rejected = 0;
  bytesRead = 0;

  countEvent(dataset: string): void {
    this.events++;
    this.datasets.set(dataset, (this.datasets.get(dataset) ?? 0) + 1);
  }

  get seconds(): number {
    return (performance.now() - this.startedAt) / 1000;
  }

  get eventsPerSecond(): number {
    const seconds = this.seconds;
    return seconds > 0 ? this.events / seconds : 0;
  }

  toJSON(): IngestReport {
    return {
      events: this.events,
      inserted: this.inserted,
      duplicates: this.duplicates,
      rejected: this.rejected,
      datasets: Object.fromEntries([...this.datasets].sort(([a], [b]) => a.localeCompare(b))),
      files: this.files,
      seconds: Number(this.seconds.toFixed(3)),
      events_per_second: Math.round(this.eventsPerSecond),
    };
  }
}

export interface IngestReport {
  events: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  datasets: Record<string, number>;
  files: FileOutcome[];
  seconds: number;
  events_per_second: number;
}
