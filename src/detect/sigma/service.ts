// Sigma as the application uses it: the active rule set (the library plus configured paths, with
// toggles and placeholders applied), the live detector built from it, and hunts over stored
// history. The CLI, the API and the ingest pipeline all go through this one object.
import type { Alert } from '../../core/index.ts';
import type { EventStore } from '../../storage/ports.ts';
import { SigmaDetector } from './detector.ts';
import { RuleLibrary } from './library.ts';
import { loadDefaultPipeline } from './pipelines/pipeline.ts';
import type { LogsourcePipeline } from './pipelines/types.ts';
import { loadRules } from './rule/load.ts';
import { buildRuleSet, type RuleSet } from './rule-set.ts';
import type { Toggle } from './selection.ts';

export interface SigmaSettings {
  enabled: boolean;
  /** Absolute paths of rule files or directories loaded in place. */
  rulePaths: readonly string[];
  placeholders: Readonly<Record<string, readonly string[]>>;
  huntDays: number;
}

export interface HuntOptions {
  /** Rule files or directories to hunt with; the active rule set when absent. */
  paths?: readonly string[];
  /** Epoch ms; default: `huntDays` before now. */
  since?: number;
  until?: number;
  /** Receives each page's alerts, in event-time order. */
  onAlerts: (alerts: Alert[]) => Promise<void>;
  pageSize?: number;
}

export interface HuntReport {
  rules: number;
  events: number;
  matches: number;
  alerts: number;
  since: string;
  seconds: number;
}

export class SigmaService {
  readonly library: RuleLibrary;
  private active: { ruleSet: RuleSet; detector: SigmaDetector; version: number } | undefined;

  constructor(
    readonly settings: SigmaSettings,
    dataDir: string,
    readonly pipeline: LogsourcePipeline = loadDefaultPipeline(),
  ) {
    this.library = new RuleLibrary(dataDir);
  }

  /** A rule set from the given paths (validation, hunts) or, by default, the active one. */
  load(paths?: readonly string[], toggles: readonly Toggle[] = this.library.toggles()): RuleSet {
    const loaded = loadRules(paths ?? [...this.library.paths(), ...this.settings.rulePaths]);
    return buildRuleSet(loaded, { placeholders: this.settings.placeholders, toggles });
  }

  ruleSet(): RuleSet {
    return this.activeSet().ruleSet;
  }

  /** The live detector, rebuilt after rules or toggles changed. */
  detector(): SigmaDetector {
    return this.activeSet().detector;
  }

  /** Forget the active set: the next event or request loads the rules again. */
  invalidate(): void {
    this.active = undefined;
  }

  async hunt(events: EventStore, options: HuntOptions): Promise<HuntReport> {
    const started = performance.now();
    const ruleSet = options.paths === undefined ? this.ruleSet() : this.load(options.paths, []);
    const detector = new SigmaDetector(ruleSet, this.pipeline);
    const since = options.since ?? Date.now() - this.settings.huntDays * 86_400_000;
    let cursor: string | undefined;
    let alerts = 0;
    const mode = { retrospective: true };
    do {
      const page = await events.query({
        since,
        ...(options.until === undefined ? {} : { until: options.until }),
        limit: options.pageSize ?? 5000,
        order: 'asc',
        ...(cursor === undefined ? {} : { cursor }),
      });
      const found = detector.detect(page.events, mode);
      if (found.length > 0) {
        alerts += found.length;
        await options.onAlerts(found);
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    const closing = detector.flush(mode);
    if (closing.length > 0) {
      alerts += closing.length;
      await options.onAlerts(closing);
    }
    const stats = detector.stats();
    return {
      rules: ruleSet.rules.length + ruleSet.correlations.length,
      events: stats.events,
      matches: stats.matches,
      alerts,
      since: new Date(since).toISOString(),
      seconds: (performance.now() - started) / 1000,
    };
  }

  private activeSet(): { ruleSet: RuleSet; detector: SigmaDetector } {
    // One stat per batch: a `rules add` or `rules disable` run from another process (while
    // `chancery serve` runs) takes effect on the next batch, without a restart.
    const version = this.library.version();
    if (this.active?.version !== version) {
      const ruleSet = this.load();
      this.active = { ruleSet, detector: new SigmaDetector(ruleSet, this.pipeline), version };
    }
    return this.active;
  }
}
