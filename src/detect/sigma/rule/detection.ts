// The `detection:` section of a rule and the `filter:` section of a meta filter: search
// identifiers plus `condition`, which is parsed here against those identifiers so that every
// reference is checked and reported at its column.
import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import { parseCondition } from './condition.ts';
import type { ConditionNode, Detection, Search } from './model.ts';
import {
  describeNode,
  isAbsent,
  textOf,
  type DocReader,
  type Entry,
  type YamlNode,
} from './reader.ts';
import { readSearch } from './search.ts';

/**
 * Reads a detection map. `reserved` keys (a filter's `rules`) are neither identifiers nor the
 * condition. Undefined when anything is wrong; every problem is reported on `r`.
 */
export function readDetection(
  r: DocReader,
  key: Entry,
  reserved: ReadonlySet<string> = new Set(),
): Detection | undefined {
  const node = key.value;
  if (!isMap(node)) {
    const message = `'${key.key}' must be a map of searches and a condition`;
    r.report(node ?? key.keyNode, 'bad-detection', message);
    return undefined;
  }
  const before = r.issues.length;
  const searches: Record<string, Search> = {};
  const names: string[] = [];
  let condition: Entry | undefined;
  for (const entry of r.entries(node)) {
    if (entry.key === 'condition') condition = entry;
    else if (entry.key === 'timeframe') r.report(entry.keyNode, 'legacy-aggregation', TIMEFRAME);
    else if (!reserved.has(entry.key)) {
      // A search with problems still counts as declared, so the condition is not also blamed.
      names.push(entry.key);
      const search = readSearch(r, entry);
      if (search !== undefined) searches[entry.key] = search;
    }
  }
  if (condition === undefined || isAbsent(condition.value)) {
    r.report(key.keyNode, 'missing-condition', `'${key.key}' has no condition`);
    return undefined;
  }
  const parsed = readConditions(r, condition, names);
  if (parsed === undefined || r.issues.length > before) return undefined;
  return { searches, ...parsed, at: r.at(key.keyNode) };
}

const TIMEFRAME =
  "'timeframe' belongs to Sigma v1 aggregations, which Sigma v2 replaced with correlation " +
  "rules: move it to a correlation document's 'timespan'";

type Conditions = Pick<Detection, 'condition' | 'conditionText'>;

/** One condition, or a YAML list of them, OR-ed into one tree. */
function readConditions(r: DocReader, entry: Entry, names: string[]): Conditions | undefined {
  const scalars = conditionScalars(r, entry);
  if (scalars === undefined) return undefined;
  const nodes: ConditionNode[] = [];
  for (const scalar of scalars) {
    const node = readCondition(r, scalar, names);
    if (node !== undefined) nodes.push(node);
  }
  const [first] = nodes;
  if (first === undefined || nodes.length < scalars.length) return undefined;
  return {
    condition: nodes.length === 1 ? first : { type: 'or', children: nodes },
    conditionText: scalars.map(textOf),
  };
}

function conditionScalars(r: DocReader, entry: Entry): Scalar[] | undefined {
  const { value } = entry;
  const items: (YamlNode | null)[] = isSeq(value)
    ? value.items.map((item) => r.deref(item))
    : [value];
  if (items.length === 0) {
    r.report(entry.keyNode, 'missing-condition', 'the condition list is empty');
    return undefined;
  }
  const scalars: Scalar[] = [];
  for (const item of items) {
    if (isScalar(item) && typeof item.value === 'string') {
      scalars.push(item);
      continue;
    }
    const message = `a condition must be text (or a list of texts), found ${describeNode(item)}`;
    r.report(item ?? entry.keyNode, 'bad-condition', message);
  }
  return scalars.length === items.length ? scalars : undefined;
}

function readCondition(r: DocReader, scalar: Scalar, names: string[]): ConditionNode | undefined {
  const text = textOf(scalar);
  const { node, problems } = parseCondition(text, names);
  const start = textStart(r, scalar, text);
  for (const problem of problems) {
    const where = start === undefined ? scalar : r.atOffset(start + problem.offset);
    r.report(where, problem.reason, problem.message);
  }
  return node;
}

/**
 * Where the condition text starts in the file, when it was written on one line as it reads
 * (plain or quoted without escapes); otherwise undefined, and problems point at the scalar.
 */
function textStart(r: DocReader, scalar: Scalar, text: string): number | undefined {
  const range = scalar.range;
  if (range === null || range === undefined) return undefined;
  const quoted = scalar.type === 'QUOTE_SINGLE' || scalar.type === 'QUOTE_DOUBLE';
  const start = range[0] + (quoted ? 1 : 0);
  return r.text.startsWith(text, start) ? start : undefined;
}
