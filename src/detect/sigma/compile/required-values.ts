// The values a field must equal for a rule to match at all, e.g. the EventIDs a Windows rule
// selects (`EventID: 4688`, or `EventID: [4624, 4625]` in one branch and `EventID: 4648` in the
// other). The engine files such a rule under those event ids only, instead of evaluating it on
// every event of the channel. Same bottom-up reasoning as the literal need (needles.ts).
import type { ConditionNode } from '../rule/model.ts';
import type { CompiledItem } from './item.ts';
import type { CompiledRule, CompiledSearch } from './rule.ts';

/** Lowercased values `field` must equal in every matching event, or null when not bounded. */
export function requiredValues(rule: CompiledRule, field: string): ReadonlySet<string> | null {
  return ofNode(rule.condition, rule.searches, field);
}

function ofNode(
  node: ConditionNode,
  searches: ReadonlyMap<string, CompiledSearch>,
  field: string,
): ReadonlySet<string> | null {
  switch (node.type) {
    case 'ref': {
      const search = searches.get(node.name);
      return search === undefined ? null : ofSearch(search, field);
    }
    case 'not':
      return null;
    case 'and':
      return intersect(node.children.map((child) => ofNode(child, searches, field)));
    case 'or':
      return union(node.children.map((child) => ofNode(child, searches, field)));
    case 'of': {
      const parts = node.names.map((name) => ofNode({ type: 'ref', name }, searches, field));
      return node.quantifier === 'all' ? intersect(parts) : union(parts);
    }
  }
}

function ofSearch(search: CompiledSearch, field: string): ReadonlySet<string> | null {
  return union(
    search.alternatives.map((items) => intersect(items.map((item) => ofItem(item, field)))),
  );
}

function ofItem(item: CompiledItem, field: string): ReadonlySet<string> | null {
  if (item.field !== field || item.negate || item.check.kind !== 'values' || item.check.all)
    return null;
  const values = new Set<string>();
  for (const test of item.check.tests) {
    if (test.exact === undefined) return null;
    values.add(test.exact);
  }
  return values;
}

/** Every bounded part must hold: the values allowed by all of them. */
function intersect(parts: readonly (ReadonlySet<string> | null)[]): ReadonlySet<string> | null {
  let result: Set<string> | null = null;
  for (const part of parts) {
    if (part === null) continue;
    if (result === null) result = new Set(part);
    else for (const value of result) if (!part.has(value)) result.delete(value);
  }
  return result;
}

/** Any part may hold: bounded only when every part is. */
function union(parts: readonly (ReadonlySet<string> | null)[]): ReadonlySet<string> | null {
  if (parts.length === 0) return null;
  const result = new Set<string>();
  for (const part of parts) {
    if (part === null) return null;
    for (const value of part) result.add(value);
  }
  return result;
}
