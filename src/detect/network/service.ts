// The network stage as the app runs it. Live: every stored batch feeds one long-lived analyzer,
// and at most once a minute (wall time) — or when asked — the last 24 hours are scored, the
// pairs stored and the alerts raised. History: `analyzeHistory` reads stored events for a time
// range in two passes (first the names HTTP/TLS give connections, then connections and DNS)
// into a fresh analyzer, the way RITA imports a day of logs.
import type { Alert, EcsEvent } from '../../core/index.ts';
import type { EventStore, NetworkStore } from '../../storage/ports.ts';
import { NetworkAnalyzer, type NetworkAnalyzerOptions, type NetworkReport } from './analyzer.ts';
import { findingAlert, pairAlert } from './network-alerts.ts';

export interface NetworkSettings {
  enabled: boolean;
  /** Seconds of wall time between live analyses. */
  intervalSeconds: number;
  alertThreshold: number;
}

export interface AnalysisResult {
  report: NetworkReport;
  alerts: Alert[];
}

const NAME_DATASETS = ['zeek.http', 'zeek.ssl'];
const TRAFFIC_FILTERS = [
  { field: 'event.dataset', op: '=', value: 'zeek.conn' },
  { field: 'event.dataset', op: '=', value: 'zeek.dns' },
] as const;
const PAGE = 5000;

export class NetworkService {
  #live: NetworkAnalyzer | undefined;
  #pending = false;
  #lastRun = 0;

  constructor(
    readonly settings: NetworkSettings,
    private readonly store: NetworkStore,
    private readonly options: NetworkAnalyzerOptions,
  ) {}

  /** Feeds a stored batch; analyses when the interval has passed. */
  async observe(
    events: readonly EcsEvent[],
    now = Date.now(),
  ): Promise<AnalysisResult | undefined> {
    if (!this.settings.enabled) return undefined;
    const analyzer = await this.#liveAnalyzer();
    for (const event of events) {
      const dataset = event.event.dataset;
      if (dataset.startsWith('zeek.') || dataset === 'suricata.eve') {
        analyzer.observe(event);
        this.#pending = true;
      }
    }
    if (!this.#pending || now - this.#lastRun < this.settings.intervalSeconds * 1000)
      return undefined;
    return this.flush(now);
  }

  /** Scores what the live analyzer holds now. */
  async flush(now = Date.now()): Promise<AnalysisResult | undefined> {
    if (this.#live === undefined || !this.#pending) return undefined;
    this.#pending = false;
    this.#lastRun = now;
    const result = await this.#finish(this.#live, false, new Date(now));
    this.#live.forgetOld();
    return result;
  }

  /** Analyses stored telemetry between `since` and `until` (epoch ms) from scratch. */
  async analyzeHistory(
    events: EventStore,
    range: { since: number; until?: number },
  ): Promise<AnalysisResult> {
    const analyzer = new NetworkAnalyzer(this.options, await this.store.firstSeen());
    const base = {
      since: range.since,
      ...(range.until === undefined ? {} : { until: range.until }),
    };
    for (const dataset of NAME_DATASETS)
      await eachEvent(
        events,
        { ...base, where: [{ field: 'event.dataset', op: '=', value: dataset }] },
        (event) => analyzer.observe(event),
      );
    for (const filter of TRAFFIC_FILTERS)
      await eachEvent(events, { ...base, where: [filter] }, (event) => analyzer.observe(event));
    await eachEvent(
      events,
      {
        ...base,
        where: [
          { field: 'event.dataset', op: '=', value: 'suricata.eve' },
          { field: 'event.action', op: '=', value: 'flow' },
        ],
      },
      (event) => analyzer.observe(event),
    );
    return this.#finish(analyzer, true, new Date());
  }

  async #liveAnalyzer(): Promise<NetworkAnalyzer> {
    this.#live ??= new NetworkAnalyzer(this.options, await this.store.firstSeen());
    return this.#live;
  }

  async #finish(
    analyzer: NetworkAnalyzer,
    retrospective: boolean,
    now: Date,
  ): Promise<AnalysisResult> {
    const report = analyzer.analyze();
    await this.store.putPairs(report.pairs);
    await this.store.recordFirstSeen(analyzer.firstSeen);
    const options = { retrospective, now };
    const alerts = [
      ...report.pairs.flatMap((pair) => pairAlert(pair, options) ?? []),
      ...report.findings.flatMap(
        (finding) => findingAlert(finding, this.settings.alertThreshold, options) ?? [],
      ),
    ];
    return { report, alerts };
  }
}

async function eachEvent(
  events: EventStore,
  query: Omit<Parameters<EventStore['query']>[0], 'limit' | 'cursor' | 'order'>,
  visit: (event: EcsEvent) => void,
): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await events.query({
      ...query,
      order: 'asc',
      limit: PAGE,
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const event of page.events) visit(event);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
}
