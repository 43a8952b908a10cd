// A STIX pattern as Chancery indicators: what can be indexed by one value becomes a typed
// indicator; what one event can still satisfy becomes a `pattern` indicator for the evaluator;
// what needs several events is reported with its reason. Sources, TLP and validity are the
// bundle importer's business.
import {
  normalizeIndicator,
  type Indicator,
  type IndicatorType,
  type ValueType,
} from '../../../core/index.ts';
import type {
  Comparison,
  ComparisonExpression,
  Literal,
  Observation,
  ObservationExpression,
  Pattern,
} from './pattern/ast.ts';
import { compileParsedPattern } from './pattern/evaluate.ts';
import { parsePattern } from './pattern/parser.ts';
import { resolvePath, type PathTarget } from './pattern/paths.ts';
import { printPath, printPattern } from './pattern/print.ts';
import { joinReason, qualifierReason, syntaxReason } from './pattern/reasons.ts';

export type DraftIndicator = Pick<Indicator, 'type' | 'value' | 'requires'>;

export interface PatternConversion {
  indicators: DraftIndicator[];
  /** One reason per part of the pattern that became no indicator. */
  problems: string[];
}

export function patternToIndicators(text: string): PatternConversion {
  const parsed = parsePattern(text);
  if (!parsed.ok) return { indicators: [], problems: [syntaxReason(parsed.error, parsed.column)] };
  return parsedPatternToIndicators(parsed.pattern);
}

export function parsedPatternToIndicators(pattern: Pattern): PatternConversion {
  const conversion: PatternConversion = { indicators: [], problems: [] };
  for (const branch of observationBranches(pattern)) {
    if (typeof branch === 'string') conversion.problems.push(branch);
    else for (const part of comparisonBranches(branch.comparison)) convertBranch(part, conversion);
  }
  return conversion;
}

/** The observations an OR of observations offers, or the reason a branch needs several events. */
function observationBranches(expression: ObservationExpression): (Observation | string)[] {
  switch (expression.kind) {
    case 'observation':
      return [expression];
    case 'qualified':
      return [qualifierReason(expression.qualifier)];
    case 'observations':
      return expression.operator === 'OR'
        ? expression.operands.flatMap(observationBranches)
        : [joinReason(expression.operator)];
  }
}

function comparisonBranches(expression: ComparisonExpression): ComparisonExpression[] {
  return expression.kind === 'OR' ? expression.operands : [expression];
}

function convertBranch(branch: ComparisonExpression, conversion: PatternConversion): void {
  const atomic = branch.kind === 'comparison' ? atomicValues(branch) : undefined;
  if (atomic !== undefined) {
    for (const item of atomic) push(item, conversion);
    return;
  }
  const conjunction = branch.kind === 'AND' ? conjunctionIndicator(branch.operands) : undefined;
  if (conjunction !== undefined) {
    push(conjunction, conversion);
    return;
  }
  // Matchable on one event but not by one value: the evaluator decides, if it can compile it.
  const observation: Pattern = { kind: 'observation', comparison: branch };
  const compiled = compileParsedPattern(observation);
  if ('error' in compiled) conversion.problems.push(compiled.error);
  else conversion.indicators.push({ type: 'pattern', value: printPattern(observation) });
}

function push(item: DraftIndicator | { error: string }, conversion: PatternConversion): void {
  if ('error' in item) conversion.problems.push(item.error);
  else conversion.indicators.push(item);
}

/**
 * `=`/IN on a supported path, ISSUBSET on an address, LIKE '%.domain' on a domain: one indicator
 * per literal. Undefined when the comparison is not of that shape.
 */
function atomicValues(comparison: Comparison): (DraftIndicator | { error: string })[] | undefined {
  if (comparison.negated) return undefined;
  const resolved = resolvePath(comparison.path);
  if ('unsupported' in resolved) return [{ error: resolved.unsupported }];
  if (resolved.refType) return undefined;
  const literals = Array.isArray(comparison.value) ? comparison.value : [comparison.value];
  const texts = literals.map((literal) => literalText(literal, resolved));
  if (texts.some((text) => text === undefined)) return undefined;
  const values = texts as string[];
  if (values.length === 0)
    return [{ error: `${printPath(comparison.path)} IN (): matches nothing` }];
  switch (comparison.operator) {
    case '=':
    case 'IN':
      return values.map((text) => typedValue(resolved, text));
    case 'ISSUBSET':
      return isAddressPath(resolved) ? values.map((text) => normalize('cidr', text)) : undefined;
    case 'LIKE': {
      const like = values[0] ?? '';
      if (!/[%_]/.test(like)) return [typedValue(resolved, like)];
      // A domain indicator matches its subdomains, which is what `%.evil.com` asks for.
      const suffix = /^%\.([^%_]+)$/.exec(like)?.[1];
      return suffix !== undefined && resolved.types.length === 1 && resolved.types[0] === 'domain'
        ? [normalize('domain', suffix)]
        : undefined;
    }
    default:
      return undefined;
  }
}

// When an AND names several values, index by the rarest: a hash before a URL, before an address,
// before a domain, before a file name (`~tmp.doc` AND an MD5 must not be indexed as `~tmp.doc`).
const SPECIFICITY: readonly IndicatorType[] = [
  'sha512',
  'sha256',
  'sha1',
  'md5',
  'url',
  'email',
  'ipv6',
  'ipv4',
  'cidr',
  'domain',
  'filename',
];

/**
 * An AND of `=` on supported paths of one object type: one indicator on the most specific value,
 * `requires` holding the rest. `*_ref.type` tests are implied by the value they accompany.
 */
function conjunctionIndicator(
  operands: ComparisonExpression[],
): DraftIndicator | { error: string } | undefined {
  const values: DraftIndicator[] = [];
  const objectTypes = new Set<string>();
  const refTypes: string[] = [];
  for (const operand of operands) {
    if (operand.kind !== 'comparison' || operand.negated || operand.operator !== '=')
      return undefined;
    const resolved = resolvePath(operand.path);
    if ('unsupported' in resolved) return undefined;
    objectTypes.add(operand.path.objectType);
    const text = Array.isArray(operand.value) ? undefined : literalText(operand.value, resolved);
    if (text === undefined) return undefined;
    if (resolved.refType) {
      refTypes.push(text);
      continue;
    }
    const value = typedValue(resolved, text);
    if ('error' in value) return value;
    values.push(value);
  }
  if (objectTypes.size !== 1 || values.length === 0) return undefined;
  if (!refTypes.every((type) => values.some((value) => impliesStixType(value.type, type))))
    return undefined;
  values.sort((a, b) => SPECIFICITY.indexOf(a.type) - SPECIFICITY.indexOf(b.type));
  const [primary, ...rest] = values as [DraftIndicator, ...DraftIndicator[]];
  if (rest.length === 0) return primary;
  const requires: { type: ValueType; value: string }[] = [];
  for (const item of rest) {
    if (item.type === 'cidr' || item.type === 'pattern') return undefined;
    requires.push({ type: item.type, value: item.value });
  }
  return { ...primary, requires };
}

/** The indicator a literal on a path makes, choosing among the path's types by the value. */
function typedValue(pathTarget: PathTarget, text: string): DraftIndicator | { error: string } {
  if (isAddressPath(pathTarget)) {
    const address = normalize(text.includes('/') ? 'cidr' : 'ipv4', text);
    // A network-traffic end may be a name; an address path's literal must be an address.
    if (!('error' in address) || !pathTarget.types.includes('domain')) return address;
    return normalize('domain', text);
  }
  return normalize(pathTarget.types[0] ?? 'filename', text);
}

function normalize(type: IndicatorType, text: string): DraftIndicator | { error: string } {
  const normalized = normalizeIndicator(type, text);
  return 'error' in normalized ? { error: normalized.error } : normalized;
}

function isAddressPath(pathTarget: PathTarget): boolean {
  return pathTarget.types.includes('ipv4') || pathTarget.types.includes('ipv6');
}

function impliesStixType(type: IndicatorType, stixType: string): boolean {
  if (stixType === 'ipv4-addr') return type === 'ipv4' || type === 'cidr';
  if (stixType === 'ipv6-addr') return type === 'ipv6' || type === 'cidr';
  return stixType === 'domain-name' && type === 'domain';
}

// h'…' is a natural spelling of a hash; no other value of ours is binary.
function literalText(literal: Literal, pathTarget: PathTarget): string | undefined {
  if (literal.type === 'string') return literal.value;
  const hashPath = pathTarget.types.every((type) => /^(md5|sha\d+)$/.test(type));
  return literal.type === 'hex' && hashPath ? literal.value : undefined;
}
