// A detection rule compiled once, independent of where its events come from: every value test
// built, the condition kept as a tree, and the literals that any match must contain worked out
// (the pre-filter's input). Field names are bound to event paths later, per log-source route.
import type { ConditionNode, DetectionRule, FilterRule, RuleIssue, Search } from '../rule/model.ts';
import type { CompileOptions, CompileContext } from './context.ts';
import { type CompiledItem, compileItem } from './item.ts';
import { type Need, needOf } from './needles.ts';

/** A search identifier's body: OR of alternatives, each an AND of items. */
export interface CompiledSearch {
  alternatives: CompiledItem[][];
}

export interface CompiledRule {
  rule: DetectionRule;
  searches: ReadonlyMap<string, CompiledSearch>;
  condition: ConditionNode;
  /** At least one of these (field, literal) pairs occurs in every matching event; null: no such set. */
  need: Need | null;
}

export type CompileResult =
  { ok: true; compiled: CompiledRule } | { ok: false; issues: RuleIssue[] };

export function compileRule(
  rule: DetectionRule,
  options: CompileOptions = {},
  filters: readonly FilterRule[] = [],
): CompileResult {
  const context: CompileContext = { options, issues: [], ruleId: rule.id };
  let searches = rule.detection.searches;
  let condition = rule.detection.condition;
  for (const filter of filters) {
    // A filter's identifiers are renamed so they never collide with the rule's own.
    const prefix = `filter.${filter.id}.`;
    const renamed: Record<string, Search> = {};
    for (const [name, search] of Object.entries(filter.detection.searches))
      renamed[prefix + name] = search;
    searches = { ...searches, ...renamed };
    condition = {
      type: 'and',
      children: [condition, prefixRefs(filter.detection.condition, prefix)],
    };
  }
  const compiled = new Map<string, CompiledSearch>();
  for (const [name, search] of Object.entries(searches)) {
    const result = compileSearch(search, context);
    if (result !== undefined) compiled.set(name, result);
  }
  if (context.issues.length > 0) return { ok: false, issues: context.issues };
  return {
    ok: true,
    compiled: { rule, searches: compiled, condition, need: needOf(condition, compiled) },
  };
}

function compileSearch(search: Search, context: CompileContext): CompiledSearch | undefined {
  if (search.kind === 'keywords') {
    const item = compileItem(search.item, context);
    return item === undefined ? undefined : { alternatives: [[item]] };
  }
  const alternatives: CompiledItem[][] = [];
  let failed = false;
  for (const map of search.alternatives) {
    const items: CompiledItem[] = [];
    for (const item of map) {
      const compiled = compileItem(item, context);
      if (compiled === undefined) failed = true;
      else items.push(compiled);
    }
    alternatives.push(items);
  }
  return failed ? undefined : { alternatives };
}

function prefixRefs(node: ConditionNode, prefix: string): ConditionNode {
  switch (node.type) {
    case 'and':
    case 'or':
      return { type: node.type, children: node.children.map((child) => prefixRefs(child, prefix)) };
    case 'not':
      return { type: 'not', child: prefixRefs(node.child, prefix) };
    case 'ref':
      return { type: 'ref', name: prefix + node.name };
    case 'of':
      return { ...node, names: node.names.map((name) => prefix + name) };
  }
}
