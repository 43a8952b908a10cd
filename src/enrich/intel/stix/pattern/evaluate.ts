// Evaluates a STIX pattern on one event's normalized values (core EventValue). Compiled once per
// pattern into closures over pre-normalized literals, so matching an event is a scan of its few
// values with no parsing or allocation.
//
// Semantics, as STIX defines them for one observed object and as far as flat event values allow:
// a comparison holds when SOME value of the path's type (and role) satisfies it, so `!=` and
// `NOT` hold when the event has a value that differs, and never on an event without such a
// value. Values are not grouped by object: `[file:name = 'a' AND file:hashes.MD5 = 'b']` holds
// on an event with that name and that hash even if they came from two files of the event.
import {
  maskIpv4,
  maskIpv6,
  normalizeDomain,
  normalizeIndicator,
  normalizeIp,
  parseCidr,
  parseIpv4,
  parseIpv6,
  type Cidr,
  type EventValue,
  type ValueType,
} from '../../../../core/index.ts';
import type {
  Comparison,
  ComparisonExpression,
  Literal,
  ObservationExpression,
  Pattern,
} from './ast.ts';
import { parsePattern } from './parser.ts';
import { resolvePath, STIX_TYPE_OF, type PathTarget } from './paths.ts';
import { printPath } from './print.ts';
import { joinReason, qualifierReason, syntaxReason } from './reasons.ts';
import { compileMatches, likeToRegExp } from './regex.ts';

export type CompiledPattern = (values: readonly EventValue[]) => boolean;

type ValueTest = (value: EventValue) => boolean;

export function compilePattern(text: string): CompiledPattern | { error: string } {
  const parsed = parsePattern(text);
  if (!parsed.ok) return { error: syntaxReason(parsed.error, parsed.column) };
  return compileParsedPattern(parsed.pattern);
}

export function compileParsedPattern(pattern: Pattern): CompiledPattern | { error: string } {
  try {
    return compileObservations(pattern);
  } catch (error) {
    if (error instanceof CompileError) return { error: error.message };
    throw error;
  }
}

class CompileError extends Error {}

function compileObservations(expression: ObservationExpression): CompiledPattern {
  switch (expression.kind) {
    case 'observation':
      return compileComparison(expression.comparison);
    case 'qualified':
      throw new CompileError(qualifierReason(expression.qualifier));
    case 'observations': {
      if (expression.operator !== 'OR') throw new CompileError(joinReason(expression.operator));
      return anyOf(expression.operands.map(compileObservations));
    }
  }
}

function compileComparison(expression: ComparisonExpression): CompiledPattern {
  switch (expression.kind) {
    case 'AND': {
      const operands = expression.operands.map(compileComparison);
      return (values) => operands.every((operand) => operand(values));
    }
    case 'OR':
      return anyOf(expression.operands.map(compileComparison));
    case 'exists': {
      const applies = appliesTo(target(expression.path));
      const found: CompiledPattern = (values) => values.some(applies);
      return expression.negated ? (values) => !found(values) : found;
    }
    case 'comparison': {
      const pathTarget = target(expression.path);
      const applies = appliesTo(pathTarget);
      const test = valueTest(expression, pathTarget);
      const negated = expression.negated;
      return (values) => values.some((value) => applies(value) && test(value) !== negated);
    }
  }
}

function anyOf(operands: CompiledPattern[]): CompiledPattern {
  return (values) => operands.some((operand) => operand(values));
}

function target(path: Comparison['path']): PathTarget {
  const resolved = resolvePath(path);
  if ('unsupported' in resolved) throw new CompileError(resolved.unsupported);
  return resolved;
}

function appliesTo(pathTarget: PathTarget): ValueTest {
  const types = new Set<ValueType>(pathTarget.types);
  const roles = pathTarget.roles;
  return roles === undefined
    ? (value) => types.has(value.type)
    : (value) => types.has(value.type) && roles.has(value.role);
}

/** The test on one value, before NOT; `!=` is `=` negated. */
function valueTest(comparison: Comparison, pathTarget: PathTarget): ValueTest {
  const literals = Array.isArray(comparison.value) ? comparison.value : [comparison.value];
  const where = `${printPath(comparison.path)} ${comparison.operator}`;
  if (pathTarget.refType) return refTypeTest(comparison, literals, where);
  switch (comparison.operator) {
    case '=':
    case 'IN':
      return equalityTest(pathTarget, literals, where);
    case '!=': {
      const equal = equalityTest(pathTarget, literals, where);
      return (value) => !equal(value);
    }
    case 'LIKE': {
      const regex = likeToRegExp(stringLiteral(literals[0], where), !isUrl(pathTarget));
      return (value) => regex.test(value.value);
    }
    case 'MATCHES': {
      const regex = compileMatches(stringLiteral(literals[0], where), !isUrl(pathTarget));
      if ('error' in regex) throw new CompileError(regex.error);
      return (value) => regex.test(value.value);
    }
    case 'ISSUBSET':
    case 'ISSUPERSET':
      return rangeTest(comparison.operator, pathTarget, stringLiteral(literals[0], where), where);
    default:
      throw new CompileError(`${where}: our values are not ordered, ordering is not supported`);
  }
}

/** `network-traffic:dst_ref.type = 'ipv4-addr'`: the kind of value, not the value. */
function refTypeTest(comparison: Comparison, literals: Literal[], where: string): ValueTest {
  if (!['=', '!=', 'IN'].includes(comparison.operator))
    throw new CompileError(`${where}: only =, != and IN compare an object's type`);
  const wanted = new Set(literals.map((literal) => stringLiteral(literal, where)));
  const equal: ValueTest = (value) => wanted.has(STIX_TYPE_OF[value.type] ?? '');
  return comparison.operator === '!=' ? (value) => !equal(value) : equal;
}

/** Literals normalized as event values are; an address range on an IP path matches inside it. */
function equalityTest(pathTarget: PathTarget, literals: Literal[], where: string): ValueTest {
  const exact = new Map<ValueType, Set<string>>();
  const ranges: Cidr[] = [];
  for (const literal of literals) {
    const text = literalText(literal, pathTarget, where);
    let matched = false;
    for (const type of pathTarget.types) {
      const normal = normalizeFor(type, text);
      if (normal === undefined) continue;
      matched = true;
      if (typeof normal === 'string') {
        const set = exact.get(type) ?? new Set<string>();
        set.add(normal);
        exact.set(type, set);
      } else ranges.push(normal);
    }
    if (!matched) throw new CompileError(`${where}: ${describeMismatch(pathTarget, text)}`);
  }
  return (value) =>
    exact.get(value.type)?.has(value.value) === true ||
    (ranges.length > 0 && ranges.some((range) => inRange(value, range)));
}

function rangeTest(
  operator: 'ISSUBSET' | 'ISSUPERSET',
  pathTarget: PathTarget,
  text: string,
  where: string,
): ValueTest {
  if (!pathTarget.types.some((type) => type === 'ipv4' || type === 'ipv6'))
    throw new CompileError(`${where}: applies to IP addresses only`);
  const range = parseCidr(text);
  if (range === undefined) throw new CompileError(`${where}: not a CIDR range: ${text}`);
  if (operator === 'ISSUBSET') return (value) => inRange(value, range);
  // An event value is one address: it is a superset only of that very address.
  const host = range.version === 4 ? 32 : 128;
  return (value) => range.prefix === host && inRange(value, range);
}

function normalizeFor(type: ValueType, text: string): string | Cidr | undefined {
  if (type === 'ipv4' || type === 'ipv6') {
    if (text.includes('/')) {
      const range = parseCidr(text);
      return range !== undefined && range.version === (type === 'ipv4' ? 4 : 6) ? range : undefined;
    }
    const address = normalizeIp(text);
    return address !== undefined && address.includes(':') === (type === 'ipv6')
      ? address
      : undefined;
  }
  if (type === 'domain') return normalizeDomain(text);
  const normalized = normalizeIndicator(type, text);
  return 'error' in normalized ? undefined : normalized.value;
}

function inRange(value: EventValue, range: Cidr): boolean {
  if (range.version === 4) {
    if (value.type !== 'ipv4') return false;
    const address = parseIpv4(value.value);
    return address >= 0 && maskIpv4(address, range.prefix) === range.network;
  }
  if (value.type !== 'ipv6') return false;
  const address = parseIpv6(value.value);
  return address !== undefined && maskIpv6(address, range.prefix) === range.network;
}

function literalText(literal: Literal, pathTarget: PathTarget, where: string): string {
  // h'…' is a natural spelling of a hash; nothing else of ours is binary.
  if (literal.type === 'hex' && pathTarget.types.every(isHashType)) return literal.value;
  return stringLiteral(literal, where);
}

function stringLiteral(literal: Literal | undefined, where: string): string {
  if (literal?.type !== 'string')
    throw new CompileError(`${where}: needs a string literal, found ${literal?.type ?? 'nothing'}`);
  return literal.value;
}

function describeMismatch(pathTarget: PathTarget, text: string): string {
  const [only] = pathTarget.types;
  if (only === undefined || pathTarget.types.length > 1)
    return `not an IP address${pathTarget.types.includes('domain') ? ' or domain name' : ''}: ${text}`;
  const normalized = normalizeIndicator(text.includes('/') ? 'cidr' : only, text);
  return 'error' in normalized ? normalized.error : `not a ${only}: ${text}`;
}

function isHashType(type: ValueType): boolean {
  return type === 'md5' || type === 'sha1' || type === 'sha256' || type === 'sha512';
}

// URLs keep their path's case (normalizeUrl); every other value type is kept in lower case.
function isUrl(pathTarget: PathTarget): boolean {
  return pathTarget.types.includes('url');
}
