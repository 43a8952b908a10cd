// The Sigma detector: events in, alerts out. Each rule match becomes an alert carrying the rule's
// title, level, ATT&CK tags and author (the Detection Rule License requires showing it), the
// event, the fields that matched and the event's observables; matches also feed the correlation
// engine, whose hits become alerts of their own.
import type { Alert, AlertLevel, EcsEvent } from '../../core/index.ts';
import { alertId } from '../../alerts/alert-id.ts';
import { eventObservables } from '../observables.ts';
import { type CorrelationHit, CorrelationEngine } from './correlation/index.ts';
import { SigmaEngine, type RuleMatch } from './engine/engine.ts';
import type { LogsourcePipeline } from './pipelines/types.ts';
import type { CorrelationRule, DetectionRule } from './rule/model.ts';
import type { RuleSet } from './rule-set.ts';

export interface DetectOptions {
  /** Searching stored history rather than live telemetry. */
  retrospective: boolean;
}

export interface DetectorStats {
  events: number;
  matches: number;
  correlationHits: number;
}

export class SigmaDetector {
  readonly engine: SigmaEngine;
  private readonly correlation: CorrelationEngine;
  private readonly counters: DetectorStats = { events: 0, matches: 0, correlationHits: 0 };
  /** The newest event time seen: the live stream's clock for closing correlation windows. */
  private watermarkMs = Number.NEGATIVE_INFINITY;

  constructor(
    readonly ruleSet: RuleSet,
    pipeline: LogsourcePipeline,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.engine = new SigmaEngine(ruleSet.rules, pipeline);
    this.correlation = new CorrelationEngine(ruleSet.correlations);
  }

  detect(events: readonly EcsEvent[], options: DetectOptions): Alert[] {
    const alerts: Alert[] = [];
    for (const event of events) {
      this.counters.events++;
      const timeMs = Date.parse(event['@timestamp']);
      if (timeMs > this.watermarkMs) this.watermarkMs = timeMs;
      const matches = this.engine.match(event);
      for (const match of matches) {
        this.counters.matches++;
        const { rule } = match;
        if (!this.correlation.suppressed(rule.id, rule.name))
          alerts.push(this.ruleAlert(match, event, options));
        if (this.feedsCorrelation(rule)) {
          const hits = this.correlation.observe({
            rule,
            timeMs,
            event,
            value: (field) => this.engine.readField(match.route, event, field),
          });
          for (const hit of hits) alerts.push(this.correlationAlert(hit, options));
        }
      }
    }
    return alerts;
  }

  /** Correlation windows still open are decided (end of a hunt, or on shutdown). */
  flush(options: DetectOptions, nowMs = Number.POSITIVE_INFINITY): Alert[] {
    return this.correlation.flush(nowMs).map((hit) => this.correlationAlert(hit, options));
  }

  /**
   * Decides the correlation windows that ended before the newest event seen, so a condition with
   * an upper bound (`lt: 3`) is reported as telemetry moves on, not only when a hunt ends.
   */
  closeWindows(options: DetectOptions): Alert[] {
    return Number.isFinite(this.watermarkMs) ? this.flush(options, this.watermarkMs) : [];
  }

  stats(): DetectorStats & { correlationGroups: number } {
    return { ...this.counters, correlationGroups: this.correlation.stats().groups };
  }

  private feedsCorrelation(rule: DetectionRule): boolean {
    const inputs = this.correlation.inputs;
    return (
      inputs.size > 0 && (inputs.has(rule.id) || (rule.name !== undefined && inputs.has(rule.name)))
    );
  }

  private ruleAlert(match: RuleMatch, event: EcsEvent, options: DetectOptions): Alert {
    const { rule } = match;
    const alert = baseAlert(rule, event, options, this.now());
    alert.matched = match.matched;
    alert.details = {
      status: rule.status ?? null,
      logsource: rule.logsource,
      route: match.route.key,
      falsepositives: rule.falsepositives,
    };
    alert.id = alertId(alert);
    return alert;
  }

  private correlationAlert(hit: CorrelationHit, options: DetectOptions): Alert {
    this.counters.correlationHits++;
    const last = hit.events.at(-1);
    const first = hit.events[0];
    const alert = baseAlert(hit.rule, first ?? last, options, this.now());
    alert['@timestamp'] = new Date(hit.firstMs).toISOString();
    alert.last_seen = new Date(hit.lastMs).toISOString();
    alert.count = hit.eventCount;
    alert.event_ids = hit.events.map((event) => event.event.id);
    alert.matched = Object.entries(hit.group).map(([field, value]) => ({ field, value }));
    alert.details = {
      correlation: hit.rule.type,
      group: hit.group,
      value: hit.value,
      timespan_ms: hit.rule.timespanMs,
      rules: hit.rule.rules,
    };
    alert.id = alertId(alert);
    return alert;
  }
}

function baseAlert(
  rule: DetectionRule | CorrelationRule,
  event: EcsEvent | undefined,
  options: DetectOptions,
  now: Date,
): Alert {
  const time = event?.['@timestamp'] ?? now.toISOString();
  const alert: Alert = {
    id: '',
    detector: 'sigma',
    rule: {
      id: rule.id,
      name: rule.title,
      references: rule.references,
      source: rule.at.file,
      ...(rule.author === undefined ? {} : { author: rule.author }),
      ...(rule.description === undefined ? {} : { description: rule.description }),
    },
    level: levelOf(rule.level),
    tags: rule.tags,
    '@timestamp': time,
    last_seen: time,
    count: 1,
    event_ids: event === undefined ? [] : [event.event.id],
    matched: [],
    observables: event === undefined ? [] : eventObservables(event),
    retrospective: options.retrospective,
    created: now.toISOString(),
  };
  if (event?.site !== undefined)
    alert.site = {
      id: event.site.id,
      ...(event.site.name === undefined ? {} : { name: event.site.name }),
    };
  const host = event?.host?.name ?? event?.source?.ip;
  if (host !== undefined) alert.host = host;
  if (event !== undefined) alert.event = event;
  return alert;
}

function levelOf(level: string | undefined): AlertLevel {
  return level === 'informational' || level === 'low' || level === 'high' || level === 'critical'
    ? level
    : 'medium';
}
