// The Sigma engine: compiled rules indexed by log-source route, evaluated per event through the
// bucket for the event's route keys. Buckets are built the first time an event of their kind
// arrives, so a rule set for every product costs nothing for the products never seen.
import type { EcsEvent, MatchedField } from '../../../core/index.ts';
import type { CompiledRule } from '../compile/rule.ts';
import type { LogsourcePipeline, Route } from '../pipelines/types.ts';
import type { DetectionRule } from '../rule/model.ts';
import { requiredValues } from '../compile/required-values.ts';
import { type BoundRule, bindRule, fieldAccessor } from './bind.ts';
import type { Accessor } from './field-access.ts';
import { Bucket, type BucketStats } from './bucket.ts';
import { EventView, SlotTable } from './event-view.ts';

export interface RuleMatch {
  rule: DetectionRule;
  route: Route;
  matched: MatchedField[];
}

export interface EngineStats {
  rules: number;
  /** Rules whose log source no ingested event kind can match (e.g. product: aws). */
  unrouted: number;
  buckets: { keys: string; stats: BucketStats }[];
}

export class SigmaEngine {
  private readonly byKey = new Map<string, { compiled: CompiledRule; route: Route }[]>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly bucketsByKeys = new WeakMap<readonly string[], Bucket>();
  /** Correlation group-by reads, compiled once per route and field. */
  private readonly accessors = new WeakMap<Route, Map<string, Accessor>>();
  private readonly slots = new SlotTable();
  private readonly view = new EventView(this.slots);
  readonly unrouted: CompiledRule[] = [];

  constructor(
    readonly rules: readonly CompiledRule[],
    private readonly pipeline: LogsourcePipeline,
  ) {
    for (const compiled of rules) {
      const routes = pipeline.resolve(compiled.rule.logsource);
      if (routes.length === 0) this.unrouted.push(compiled);
      for (const route of routes.flatMap((r) => narrow(compiled, r))) {
        let entries = this.byKey.get(route.key);
        if (entries === undefined) this.byKey.set(route.key, (entries = []));
        entries.push({ compiled, route });
      }
    }
  }

  /** Every rule the event matches, with the fields that made each match. */
  match(event: EcsEvent): RuleMatch[] {
    const bucket = this.bucketFor(this.pipeline.routeKeys(event));
    if (bucket.rules.length === 0) return [];
    this.view.reset(event);
    const bound = bucket.match(this.view);
    if (bound.length === 0) return [];
    return bound.map((rule) => ({
      rule: rule.compiled.rule,
      route: rule.route,
      matched: rule.matchedFields(this.view),
    }));
  }

  /** A Sigma field of an event as a rule on `route` reads it (correlation group-by uses this). */
  readField(route: Route, event: EcsEvent, field: string): unknown {
    let accessors = this.accessors.get(route);
    if (accessors === undefined)
      this.accessors.set(route, (accessors = new Map<string, Accessor>()));
    let accessor = accessors.get(field);
    if (accessor === undefined) accessors.set(field, (accessor = fieldAccessor(route, field)));
    return accessor(event);
  }

  stats(): EngineStats {
    return {
      rules: this.rules.length,
      unrouted: this.unrouted.length,
      buckets: [...this.buckets].map(([keys, bucket]) => ({ keys, stats: bucket.stats() })),
    };
  }

  private bucketFor(keys: readonly string[]): Bucket {
    // The pipeline hands out one cached key list per kind of event: its identity finds the
    // bucket without joining strings per event.
    const known = this.bucketsByKeys.get(keys);
    if (known !== undefined) return known;
    const cacheKey = keys.join('\n');
    let bucket = this.buckets.get(cacheKey);
    if (bucket === undefined) {
      const bound: BoundRule[] = [];
      const seen = new Set<CompiledRule>();
      for (const key of keys)
        for (const { compiled, route } of this.byKey.get(key) ?? []) {
          // A rule reachable through two keys of one event is evaluated once, on the first route.
          if (seen.has(compiled)) continue;
          seen.add(compiled);
          bound.push(bindRule(compiled, route, this.slots));
        }
      bucket = new Bucket(bound);
      this.buckets.set(cacheKey, bucket);
    }
    this.bucketsByKeys.set(keys, bucket);
    return bucket;
  }
}

/**
 * A route whose key ends in a value the rule itself pins down (a Windows channel's event id) is
 * narrowed to those values: `service: security` with `EventID: 4625` is filed under 4625 only,
 * and a route the rule's values exclude is dropped.
 */
function narrow(compiled: CompiledRule, route: Route): Route[] {
  if (route.refineBy === undefined) return [route];
  const values = requiredValues(compiled, route.refineBy);
  if (values === null) return [route];
  const cut = route.key.lastIndexOf(':');
  const prefix = route.key.slice(0, cut + 1);
  const last = route.key.slice(cut + 1);
  if (last !== '*') return values.has(last.toLowerCase()) ? [route] : [];
  return [...values].map((value) => ({ ...route, key: prefix + value }));
}
