// A compiled rule bound to one log-source route: its field names resolved to event slots and its
// condition turned into one closure. Binding happens once per (rule, route), when an event of a
// new kind first arrives, never per event.
import type { MatchedField } from '../../../core/index.ts';
import type { CompiledItem } from '../compile/item.ts';
import type { CompiledRule } from '../compile/rule.ts';
import type { ConditionNode } from '../rule/model.ts';
import type { Route } from '../pipelines/types.ts';
import type { EventView, SlotTable } from './event-view.ts';
import { type Accessor, firstOf, pathAccessor, valuesAccessor } from './field-access.ts';
import { itemTest } from './item-test.ts';

type Test = (view: EventView) => boolean;

export interface BoundRule {
  compiled: CompiledRule;
  route: Route;
  /** Route conditions beyond the route key (e.g. the registry EventType), then the rule. */
  matches: Test;
  /** The fields of the positive searches that matched, read after `matches` said yes. */
  matchedFields(view: EventView): MatchedField[];
  /** The slot each Sigma field reads (null: the keyword message slots). */
  slotsOf(field: string | null): readonly number[];
  /**
   * When a field is one key of an object keyword searches read whole (`winlog.event_data.X` with
   * keywords over `winlog.event_data.*`): that object's path and the key, so the pre-filter can
   * scan each value of the object once for both kinds of literal.
   */
  containerKeyOf(field: string | null): { container: string; key: string } | undefined;
}

export function bindRule(compiled: CompiledRule, route: Route, slots: SlotTable): BoundRule {
  const fieldSlot = (field: string): number =>
    slots.slot(`${route.key}\u0000${field}`, () => fieldAccessor(route, field));
  const keywordSlots = route.keywords.map((path) =>
    slots.slot(`keyword\u0000${path}`, () =>
      path.endsWith('.*')
        ? valuesAccessor(path.slice(0, -2).split('.'))
        : pathAccessor(path.split('.')),
    ),
  );
  const slotsOf = (field: string | null): readonly number[] =>
    field === null ? keywordSlots : [fieldSlot(field)];
  const bindItem = (item: CompiledItem): Test => itemTest(item, slotsOf(item.field), fieldSlot);
  const searches = new Map<string, Test>();
  for (const [name, search] of compiled.searches) {
    const alternatives = search.alternatives.map((items) => all(items.map(bindItem)));
    searches.set(name, any(alternatives));
  }
  const condition = bindCondition(compiled.condition, searches);
  const where = whereTest(route, slots);
  const matches =
    where === undefined ? condition : (view: EventView) => where(view) && condition(view);
  const positive = positiveSearches(compiled.condition);
  const containers = route.keywords
    .filter((path) => path.endsWith('.*'))
    .map((path) => path.slice(0, -1));
  const containerKeyOf = (field: string | null): { container: string; key: string } | undefined => {
    if (field === null) return undefined;
    const paths = route.fields[field] ?? [
      route.defaultPrefix === undefined ? field : route.defaultPrefix + field,
    ];
    const [path] = paths;
    if (paths.length !== 1 || path === undefined) return undefined;
    const container = containers.find((prefix) => path.startsWith(prefix));
    if (container === undefined) return undefined;
    const key = path.slice(container.length);
    return key === '' ? undefined : { container: container.slice(0, -1), key };
  };
  return {
    compiled,
    route,
    matches,
    slotsOf,
    containerKeyOf,
    matchedFields(view) {
      const out: MatchedField[] = [];
      for (const name of positive) {
        const search = compiled.searches.get(name);
        if (search === undefined || searches.get(name)?.(view) !== true) continue;
        for (const items of search.alternatives) {
          const tests = items.map(bindItem);
          if (!tests.every((test) => test(view))) continue;
          for (const item of items) {
            if (item.negate || item.check.kind === 'null') continue;
            const value = firstText(view, slotsOf(item.field));
            if (value !== undefined) out.push({ field: item.field ?? 'keywords', value });
          }
        }
      }
      return out;
    },
  };
}

export function fieldAccessor(route: Route, field: string): Accessor {
  const paths = route.fields[field];
  if (paths !== undefined) return firstOf(paths.map((path) => pathAccessor(path.split('.'))));
  if (route.defaultPrefix !== undefined)
    return pathAccessor([...route.defaultPrefix.split('.').filter((s) => s !== ''), field]);
  return pathAccessor(field.split('.'));
}

function bindCondition(node: ConditionNode, searches: ReadonlyMap<string, Test>): Test {
  switch (node.type) {
    case 'ref':
      return searches.get(node.name) ?? (() => false);
    case 'not': {
      const child = bindCondition(node.child, searches);
      return (view) => !child(view);
    }
    case 'and':
      return all(node.children.map((child) => bindCondition(child, searches)));
    case 'or':
      return any(node.children.map((child) => bindCondition(child, searches)));
    case 'of': {
      const tests = node.names.map((name) => searches.get(name) ?? (() => false));
      return node.quantifier === 'all' ? all(tests) : any(tests);
    }
  }
}

function all(tests: readonly Test[]): Test {
  const [a, b] = tests;
  if (tests.length === 1 && a !== undefined) return a;
  if (tests.length === 2 && a !== undefined && b !== undefined) return (view) => a(view) && b(view);
  return (view) => {
    for (const test of tests) if (!test(view)) return false;
    return true;
  };
}

function any(tests: readonly Test[]): Test {
  const [a, b] = tests;
  if (tests.length === 1 && a !== undefined) return a;
  if (tests.length === 2 && a !== undefined && b !== undefined) return (view) => a(view) || b(view);
  return (view) => {
    for (const test of tests) if (test(view)) return true;
    return false;
  };
}

function whereTest(route: Route, slots: SlotTable): Test | undefined {
  if (route.where === undefined || route.where.length === 0) return undefined;
  const checks = route.where.map(({ path, values }) => {
    const slot = slots.slot(`path\u0000${path}`, () => pathAccessor(path.split('.')));
    const allowed = new Set(values.map((value) => value.toLowerCase()));
    return (view: EventView): boolean => {
      const lower = view.lower(slot);
      if (lower === undefined) return false;
      return typeof lower === 'string' ? allowed.has(lower) : lower.some((l) => allowed.has(l));
    };
  });
  return all(checks);
}

/** Search names reached without passing through a `not`: the ones whose fields explain a match. */
function positiveSearches(node: ConditionNode): string[] {
  switch (node.type) {
    case 'ref':
      return [node.name];
    case 'not':
      return [];
    case 'and':
    case 'or':
      return [...new Set(node.children.flatMap(positiveSearches))];
    case 'of':
      return node.names;
  }
}

function firstText(view: EventView, slots: readonly number[]): string | undefined {
  for (const slot of slots) {
    const text = view.text(slot);
    if (typeof text === 'string') return text;
    if (text !== undefined && text.length > 0) return text.join(', ');
  }
  return undefined;
}
