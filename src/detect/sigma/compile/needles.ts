// Which literals must occur in an event for a rule to possibly match. Worked out bottom-up over
// the condition: an AND needs only one of its parts' sets (the most selective is kept), an OR
// needs the union of all of its parts' sets, and a NOT (or a test on no literal) needs nothing
// we can rely on. A rule with a need is evaluated only when the pre-filter saw one of its literals.
import type { ConditionNode } from '../rule/model.ts';
import type { CompiledItem } from './item.ts';
import type { CompiledSearch } from './rule.ts';

export interface Needle {
  /** Sigma field name; null for the message a keyword search reads. */
  field: string | null;
  /** Lowercased literal. */
  text: string;
}

/** At least one of these occurs in every event the rule (or part of it) matches. */
export type Need = readonly Needle[];

export function needOf(
  node: ConditionNode,
  searches: ReadonlyMap<string, CompiledSearch>,
): Need | null {
  switch (node.type) {
    case 'ref': {
      const search = searches.get(node.name);
      return search === undefined ? null : searchNeed(search);
    }
    case 'not':
      return null;
    case 'and':
      return best(node.children.map((child) => needOf(child, searches)));
    case 'or':
      return union(node.children.map((child) => needOf(child, searches)));
    case 'of': {
      const parts = node.names.map((name) => needOf({ type: 'ref', name }, searches));
      return node.quantifier === 'all' ? best(parts) : union(parts);
    }
  }
}

function searchNeed(search: CompiledSearch): Need | null {
  return union(search.alternatives.map((items) => best(items.map(itemNeed))));
}

function itemNeed(item: CompiledItem): Need | null {
  return item.needles === null ? null : item.needles.map((text) => ({ field: item.field, text }));
}

/** Of several sufficient sets, the one least likely to let an unrelated event through. */
function best(needs: readonly (Need | null)[]): Need | null {
  let chosen: Need | null = null;
  for (const need of needs)
    if (need !== null && (chosen === null || better(need, chosen))) chosen = need;
  return chosen;
}

function better(a: Need, b: Need): boolean {
  return cost(a) < cost(b);
}

/**
 * A rough chance of letting an unrelated event through: each literal is a way in, and a longer
 * literal is rarer in real values (1/length² keeps one short literal worse than a few long ones).
 * Fragments found in nearly every Windows path or call stack do not count towards the length:
 * `c:\windows\system32\ntdll.dll+` occurs in every process-access event, `\lsass.exe` in few.
 */
function cost(need: Need): number {
  let total = 0;
  for (const needle of need) {
    const length = informativeLength(needle.text);
    total += 1 / (length * length);
  }
  return total;
}

const COMMON_FRAGMENTS = [
  'c:\\windows\\system32\\',
  'c:\\windows\\syswow64\\',
  '\\windows\\system32\\',
  'c:\\windows\\',
  'c:\\program files (x86)\\',
  'c:\\program files\\',
  'c:\\users\\',
  '\\appdata\\',
  'kernelbase.dll',
  'ntdll.dll',
  'kernel32.dll',
  '.dll',
  '.exe',
];

function informativeLength(text: string): number {
  let rest = text;
  for (const fragment of COMMON_FRAGMENTS) rest = rest.split(fragment).join('');
  return Math.max(1, rest.length);
}

function union(needs: readonly (Need | null)[]): Need | null {
  if (needs.length === 0) return null;
  const out: Needle[] = [];
  for (const need of needs) {
    if (need === null) return null;
    out.push(...need);
  }
  return out;
}
