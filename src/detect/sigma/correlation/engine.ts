// Sigma correlation rules (event_count, value_count, value_sum, value_avg, temporal,
// temporal_ordered) over the hits of detection rules, live and in hunts.
//
// Semantics chosen where the specification leaves room, each tested:
// - Windows slide (spec: "sliding, not fixed buckets"): a group's window is the last `timespan`
//   before its newest hit, half-open, so a hit exactly `timespan` older is outside.
// - A condition with only lower bounds (gt, gte) fires the moment it holds; the group's state is
//   then reset, so a burst fires once and the next burst again. Conditions with an upper bound
//   (lt, lte, eq, neq) are decided when the window is over: at a later hit of the same group
//   past the window, or at `flush(now)` (end of a hunt, or the live stream's clock).
// - A hit without a value for every group-by field is not counted (there is no group to put it
//   in); aliases name the field per referenced rule.
// - Memory is bounded: at most `maxGroupsPerRule` groups per correlation, the least recently
//   updated evicted first and counted; at most MAX_ENTRIES hits per group.
// - Chaining: a correlation's hit is fed, like a rule hit, to correlations that reference it.
import type { EcsEvent } from '../../../core/index.ts';
import type { CorrelationRule } from '../rule/model.ts';
import { decidedAtClose, holds } from './condition.ts';
import { GroupWindow } from './group-window.ts';

export interface RuleHit {
  rule: { id: string; name?: string };
  timeMs: number;
  event: EcsEvent;
  value(field: string): unknown;
}

export interface CorrelationHit {
  rule: CorrelationRule;
  group: Record<string, string>;
  firstMs: number;
  lastMs: number;
  value: number;
  events: EcsEvent[];
  eventCount: number;
}

export interface CorrelationOptions {
  maxGroupsPerRule?: number;
  maxEventsKept?: number;
}

/** A chain deeper than this is almost certainly a reference cycle. */
const MAX_CHAIN = 8;

export class CorrelationEngine {
  readonly inputs: ReadonlySet<string>;
  private readonly correlators: Correlator[];
  private readonly generating = new Map<string, boolean>();

  constructor(rules: readonly CorrelationRule[], options: CorrelationOptions = {}) {
    this.correlators = rules.map((rule) => new Correlator(rule, options));
    const inputs = new Set<string>();
    for (const rule of rules)
      for (const ref of rule.rules) {
        inputs.add(ref);
        // A rule stays silent only if every correlation using it says generate: false.
        this.generating.set(ref, (this.generating.get(ref) ?? false) || rule.generate);
      }
    this.inputs = inputs;
  }

  suppressed(ruleId: string, ruleName?: string): boolean {
    const byId = this.generating.get(ruleId);
    const byName = ruleName === undefined ? undefined : this.generating.get(ruleName);
    if (byId === undefined && byName === undefined) return false;
    return byId !== true && byName !== true;
  }

  observe(hit: RuleHit, depth = 0): CorrelationHit[] {
    const out: CorrelationHit[] = [];
    for (const correlator of this.correlators) out.push(...correlator.observe(hit));
    if (depth < MAX_CHAIN)
      for (const fired of [...out]) out.push(...this.observe(asHit(fired), depth + 1));
    return out;
  }

  flush(nowMs: number): CorrelationHit[] {
    const out: CorrelationHit[] = [];
    for (const correlator of this.correlators) out.push(...correlator.flush(nowMs));
    for (const fired of [...out]) out.push(...this.observe(asHit(fired), 1));
    return out;
  }

  stats(): { groups: number; evicted: number; late: number } {
    let groups = 0;
    let evicted = 0;
    let late = 0;
    for (const c of this.correlators) {
      groups += c.groups.size;
      evicted += c.evicted;
      late += c.late;
    }
    return { groups, evicted, late };
  }
}

class Correlator {
  readonly groups = new Map<string, { window: GroupWindow; values: Record<string, string> }>();
  evicted = 0;
  late = 0;
  private readonly atClose: boolean;
  private readonly maxGroups: number;
  private readonly maxEvents: number;

  constructor(
    readonly rule: CorrelationRule,
    options: CorrelationOptions,
  ) {
    this.atClose = decidedAtClose(rule.condition);
    this.maxGroups = options.maxGroupsPerRule ?? 100_000;
    this.maxEvents = options.maxEventsKept ?? 10;
  }

  observe(hit: RuleHit): CorrelationHit[] {
    const index = this.rule.rules.findIndex((ref) => ref === hit.rule.id || ref === hit.rule.name);
    if (index === -1) return [];
    const values = this.groupValues(hit);
    if (values === undefined) return [];
    const [only] = this.rule.groupBy;
    const key =
      this.rule.groupBy.length === 1 && only !== undefined
        ? (values[only] ?? '')
        : JSON.stringify(this.rule.groupBy.map((field) => values[field]));
    const out: CorrelationHit[] = [];
    let group = this.groups.get(key);
    if (
      group !== undefined &&
      this.atClose &&
      hit.timeMs >= group.window.firstMs + this.rule.timespanMs
    ) {
      // The group's window is over: decide it, then this hit opens the next one.
      const decided = this.decide(group.window, group.values);
      if (decided !== undefined) out.push(decided);
      this.groups.delete(key);
      group = undefined;
    }
    if (group === undefined) {
      group = { window: new GroupWindow(this.rule.timespanMs), values };
      if (this.groups.size >= this.maxGroups) this.evictOldest();
    } else {
      this.groups.delete(key); // re-inserted below: most recently updated last
    }
    this.groups.set(key, group);
    const field = this.rule.condition.field;
    const added = group.window.add({
      timeMs: hit.timeMs,
      rule: index,
      value: field === undefined ? undefined : hit.value(this.fieldFor(field, hit)),
      event: hit.event,
    });
    if (!added) this.late++;
    if (!this.atClose) {
      const value = group.window.aggregate(this.rule.type, this.rule.rules.length);
      if (holds(this.rule.condition, value)) {
        out.push(this.fire(group.window, group.values, value));
        this.groups.delete(key);
      }
    }
    return out;
  }

  flush(nowMs: number): CorrelationHit[] {
    if (!this.atClose) return [];
    const out: CorrelationHit[] = [];
    for (const [key, group] of this.groups) {
      if (nowMs < group.window.firstMs + this.rule.timespanMs) continue;
      const decided = this.decide(group.window, group.values);
      if (decided !== undefined) out.push(decided);
      this.groups.delete(key);
    }
    return out;
  }

  private decide(window: GroupWindow, values: Record<string, string>): CorrelationHit | undefined {
    const value = window.aggregate(this.rule.type, this.rule.rules.length);
    return holds(this.rule.condition, value) ? this.fire(window, values, value) : undefined;
  }

  private fire(window: GroupWindow, values: Record<string, string>, value: number): CorrelationHit {
    const entries = window.entries;
    const kept =
      entries.length <= this.maxEvents
        ? entries
        : [...entries.slice(0, this.maxEvents - 1), ...entries.slice(-1)];
    return {
      rule: this.rule,
      group: values,
      firstMs: window.firstMs,
      lastMs: window.lastMs,
      value,
      events: kept.map((entry) => entry.event),
      eventCount: window.total,
    };
  }

  /** The group-by values of a hit, as text; undefined when one is missing. */
  private groupValues(hit: RuleHit): Record<string, string> | undefined {
    const values: Record<string, string> = {};
    for (const field of this.rule.groupBy) {
      const value = hit.value(this.fieldFor(field, hit));
      if (value === undefined || value === null || value === '') return undefined;
      values[field] = typeof value === 'string' ? value : JSON.stringify(value);
    }
    return values;
  }

  /** An alias names the field per referenced rule (by id or name); other names are fields. */
  private fieldFor(field: string, hit: RuleHit): string {
    const alias = this.rule.aliases[field];
    if (alias === undefined) return field;
    return (
      alias[hit.rule.id] ??
      (hit.rule.name === undefined ? undefined : alias[hit.rule.name]) ??
      field
    );
  }

  private evictOldest(): void {
    const oldest = this.groups.keys().next();
    if (oldest.done !== true) {
      this.groups.delete(oldest.value);
      this.evicted++;
    }
  }
}

/** A correlation hit seen as a rule hit by the correlations that chain on it. */
function asHit(fired: CorrelationHit): RuleHit {
  const last = fired.events.at(-1);
  if (last === undefined) throw new Error('a correlation hit always carries an event');
  return {
    rule: {
      id: fired.rule.id,
      ...(fired.rule.name === undefined ? {} : { name: fired.rule.name }),
    },
    timeMs: fired.lastMs,
    event: last,
    value: (field) => fired.group[field],
  };
}
