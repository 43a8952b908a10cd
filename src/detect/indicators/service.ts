// Threat intelligence as the application uses it: imports merged into the store, the live
// matcher built from the active indicators, and retro-hunts over stored history. The CLI, the
// API and the ingest pipeline all go through this one object.
import {
  type Alert,
  type EcsEvent,
  type ImportProblem,
  type ImportResult,
  type Indicator,
  eventValues,
} from '../../core/index.ts';
import type {
  EventStore,
  IndicatorRecord,
  IntelStore,
  StoredIndicator,
  ValueIndex,
} from '../../storage/ports.ts';
import { DEFAULT_DECAY, indicatorState, type DecayPolicy } from './decay.ts';
import { IndicatorIndex, type IndexedIndicator, type PatternCompiler } from './indicator-index.ts';
import { intelAlert } from './intel-alerts.ts';
import { retroHunt, type IntelHuntReport } from './retro-hunt.ts';
import { mergeIndicators, mergeTwo } from './merge.ts';

export interface IntelSettings {
  enabled: boolean;
  /** How far back a retro-hunt looks by default. */
  huntDays: number;
  /** Hunt history for new and changed indicators as soon as they are imported. */
  huntOnImport: boolean;
  decay: DecayPolicy;
}

export interface IntelDependencies {
  store: IntelStore;
  values: ValueIndex;
  events: EventStore;
  compilePattern?: PatternCompiler;
  /** The warninglists that name an indicator (common benign infrastructure). */
  warninglistsOf?: (indicator: Indicator) => string[];
  now?: () => number;
}

export interface ImportReport {
  files: number;
  /** Indicators read (before deduplication). */
  read: number;
  /** Distinct indicators in this import. */
  distinct: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Of the distinct ones: named by a warninglist, so held back from alerting. */
  heldBack: number;
  /** Of the distinct ones: already past valid_until or decayed away. */
  expired: number;
  problems: ImportProblem[];
  counts: Record<string, number>;
  /** Keys of the new and changed indicators: what a retro-hunt should look for. */
  changed: string[];
}

export interface IntelHuntOptions {
  /** Epoch ms; default `huntDays` ago. */
  since?: number;
  until?: number;
  /** Indicator keys to hunt for; default every active indicator. */
  keys?: readonly string[];
  onAlerts: (alerts: Alert[]) => Promise<void>;
}

export interface IntelStats {
  indicators: number;
  active: number;
  expired: number;
  heldBack: number;
  patternProblems: number;
  eventsMatched: number;
  matches: number;
  heldBackMatches: number;
}

interface Active {
  index: IndicatorIndex;
  version: string;
  expired: number;
}

const DAY_MS = 86_400_000;

export class IntelService {
  private active: Active | undefined;
  private readonly counters = { eventsMatched: 0, matches: 0, heldBackMatches: 0 };
  private readonly now: () => number;

  constructor(
    readonly settings: IntelSettings,
    private readonly deps: IntelDependencies,
  ) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * Merges importer output into the store (one indicator per value, every source kept) and, when
   * `huntOnImport` is set and `onAlerts` given, hunts history for what is new or changed.
   */
  async import(
    results: readonly ImportResult[],
    onAlerts?: (alerts: Alert[]) => Promise<void>,
  ): Promise<{ report: ImportReport; hunt?: IntelHuntReport }> {
    const report = await this.store(results);
    if (!this.settings.huntOnImport || onAlerts === undefined || report.changed.length === 0)
      return { report };
    return { report, hunt: await this.hunt({ keys: report.changed, onAlerts }) };
  }

  private async store(results: readonly ImportResult[]): Promise<ImportReport> {
    const batch = mergeIndicators(results.flatMap((result) => result.indicators));
    const stored = await this.deps.store.getMany([...batch.keys()]);
    const now = new Date(this.now()).toISOString();
    const records: IndicatorRecord[] = [];
    const report: ImportReport = {
      files: results.length,
      read: results.reduce((sum, result) => sum + result.indicators.length, 0),
      distinct: batch.size,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      heldBack: 0,
      expired: 0,
      problems: results.flatMap((result) => result.problems),
      counts: sumCounts(results),
      changed: [],
    };
    for (const [key, incoming] of batch) {
      const known = stored.get(key);
      const indicator =
        known === undefined ? incoming : mergeTwo(structuredClone(known.indicator), incoming);
      const warninglists = this.deps.warninglistsOf?.(indicator) ?? [];
      const record: IndicatorRecord = {
        indicator,
        warninglists,
        forced: known?.forced ?? false,
        added: known?.added ?? now,
        updated: now,
      };
      if (warninglists.length > 0 && !record.forced) report.heldBack++;
      if (indicatorState(indicator, this.now(), this.settings.decay).expired) report.expired++;
      if (known !== undefined && sameRecord(known, record)) {
        report.unchanged++;
        continue;
      }
      records.push(record);
      report.changed.push(key);
    }
    const written = await this.deps.store.put(records);
    report.inserted = written.inserted;
    report.updated = written.updated;
    this.active = undefined;
    return report;
  }

  /** Alert on (or, when held back, only count) an indicator that a warninglist names. */
  async setForced(id: number, forced: boolean): Promise<StoredIndicator | undefined> {
    const stored = await this.deps.store.get(id);
    if (stored === undefined) return undefined;
    const changed: IndicatorRecord = {
      indicator: stored.indicator,
      warninglists: stored.warninglists,
      added: stored.added,
      forced,
      updated: new Date(this.now()).toISOString(),
    };
    await this.deps.store.put([changed]);
    this.active = undefined;
    return { id, ...changed };
  }

  /** Live matching of a stored batch. */
  async detect(events: readonly EcsEvent[], mode: { retrospective: boolean }): Promise<Alert[]> {
    const { index } = await this.current();
    if (index.size === 0) return [];
    const alerts: Alert[] = [];
    const now = new Date(this.now());
    for (const event of events) {
      const hits = index.match(eventValues(event));
      if (hits.length === 0) continue;
      this.counters.eventsMatched++;
      for (const hit of hits) {
        this.counters.matches++;
        if (hit.entry.heldBack) this.counters.heldBackMatches++;
        else alerts.push(intelAlert(event, hit, { retrospective: mode.retrospective, now }));
      }
    }
    return alerts;
  }

  /** Searches stored history for the indicators (retro-hunt.ts), by default `huntDays` back. */
  async hunt(options: IntelHuntOptions): Promise<IntelHuntReport> {
    const started = performance.now();
    const now = this.now();
    const since = options.since ?? now - this.settings.huntDays * DAY_MS;
    const until = options.until ?? now + DAY_MS;
    const backlog = await this.deps.values.catchUp();
    const index = await this.huntIndex(options.keys);
    const report = await retroHunt(index, this.deps, { since, until }, options.onAlerts, this.now);
    report.backlog = backlog;
    report.seconds = (performance.now() - started) / 1000;
    return report;
  }

  async stats(): Promise<IntelStats> {
    const active = await this.current();
    return {
      indicators: active.index.size + active.expired,
      active: active.index.size,
      expired: active.expired,
      heldBack: active.index.entries.filter((entry) => entry.heldBack).length,
      patternProblems: active.index.problems.length,
      ...this.counters,
    };
  }

  /** The live matcher over every active indicator, rebuilt when the stored set changed. */
  async current(): Promise<Active> {
    const version = await this.deps.store.version();
    if (this.active?.version !== version) {
      const entries: IndexedIndicator[] = [];
      let expired = 0;
      const now = this.now();
      await this.deps.store.forEach((record) => {
        const entry = this.indexed(record, now);
        if (entry === undefined) expired++;
        else entries.push(entry);
      });
      this.active = {
        index: new IndicatorIndex(entries, this.deps.compilePattern),
        version,
        expired,
      };
    }
    return this.active;
  }

  private async huntIndex(keys: readonly string[] | undefined): Promise<IndicatorIndex> {
    if (keys === undefined) return (await this.current()).index;
    const now = this.now();
    const entries = [...(await this.deps.store.getMany(keys)).values()]
      .map((record) => this.indexed(record, now))
      .filter((entry): entry is IndexedIndicator => entry !== undefined);
    return new IndicatorIndex(entries, this.deps.compilePattern);
  }

  private indexed(record: StoredIndicator, now: number): IndexedIndicator | undefined {
    const state = indicatorState(record.indicator, now, this.settings.decay);
    if (state.expired) return undefined;
    return {
      indicator: record.indicator,
      confidence: state.confidence,
      heldBack: record.warninglists.length > 0 && !record.forced,
    };
  }
}

export const DEFAULT_INTEL_SETTINGS: IntelSettings = {
  enabled: true,
  huntDays: 90,
  huntOnImport: true,
  decay: DEFAULT_DECAY,
};

function sameRecord(known: StoredIndicator, record: IndicatorRecord): boolean {
  return (
    JSON.stringify(known.indicator) === JSON.stringify(record.indicator) &&
    known.warninglists.join('\n') === record.warninglists.join('\n')
  );
}

function sumCounts(results: readonly ImportResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results)
    for (const [kind, count] of Object.entries(result.counts))
      counts[kind] = (counts[kind] ?? 0) + count;
  return counts;
}

export type { IntelHuntReport } from './retro-hunt.ts';
