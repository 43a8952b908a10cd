// One detection item (`Field|mod1|mod2: values`) compiled into a check on one field. Modifiers
// apply left to right as the specification says; the ones that change what a value *is* (re,
// cidr, exists, fieldref, gt/gte/lt/lte, time parts) must come first, the rest transform strings.
import type { DetectionItem, SigmaValue, SourceRef } from '../rule/model.ts';
import { hasNonAscii } from './ascii.ts';
import { type CompileContext, issue } from './context.ts';
import { encodeBytes, isEncoding, toBase64, toBase64Offsets } from './encodings.ts';
import { expandPlaceholders } from './placeholders.ts';
import { hasWildcards, parseSigmaString, piecesText, type Piece, wrap } from './sigma-string.ts';
import { compileRegex } from './regex.ts';
import {
  cidrTest,
  type Comparison,
  numberTest,
  stringTest,
  type TextTest,
  type TimePart,
  timePartTest,
} from './text-test.ts';
import { windashVariants } from './windash.ts';

export type FieldRefMode = 'exact' | 'prefix' | 'suffix' | 'contains';

export type ItemCheck =
  /** The field's value (any element, for lists) passes one test — or every test, with `all`. */
  | { kind: 'values'; tests: TextTest[]; all: boolean }
  /** `Field: null`: absent or null. */
  | { kind: 'null' }
  | { kind: 'exists'; present: boolean }
  /** `fieldref`: compare with another field of the same event. */
  | {
      kind: 'fieldref';
      refs: { field: string; mode: FieldRefMode; cased: boolean }[];
      all: boolean;
    };

export interface CompiledItem {
  /** Sigma field name; null for a keyword search over the whole message. */
  field: string | null;
  check: ItemCheck;
  /** `neq`: the item matches when the comparison does not. */
  negate: boolean;
  /** Lowercased literals of which at least one occurs in the field whenever the item matches. */
  needles: string[] | null;
  at: SourceRef;
}

/** ASCII literals shorter than this occur in too many values to be worth pre-filtering on. */
export const MIN_NEEDLE = 3;

/** Whether a literal is selective enough to pre-filter on: long enough, or not plain ASCII (emoji). */
function usable(needle: string): boolean {
  return needle.length >= MIN_NEEDLE || (needle.length > 0 && hasNonAscii(needle));
}

const STRING_MODIFIERS = new Set([
  'contains',
  'startswith',
  'endswith',
  'all',
  'cased',
  'neq',
  'windash',
  'base64',
  'base64offset',
  'wide',
  'utf16le',
  'utf16be',
  'utf16',
  'expand',
]);
const COMPARISONS = new Set(['gt', 'gte', 'lt', 'lte']);
const TIME_PARTS = new Set(['minute', 'hour', 'day', 'week', 'month', 'year']);
const REGEX_FLAGS: Record<string, string> = {
  i: 'i',
  ignorecase: 'i',
  m: 'm',
  multiline: 'm',
  s: 's',
  dotall: 's',
};

export function compileItem(
  item: DetectionItem,
  context: CompileContext,
): CompiledItem | undefined {
  const modifiers = item.modifiers.map((modifier) => modifier.toLowerCase());
  const unknown = modifiers.filter(
    (m) =>
      !STRING_MODIFIERS.has(m) &&
      !COMPARISONS.has(m) &&
      !TIME_PARTS.has(m) &&
      !(m in REGEX_FLAGS) &&
      !['re', 'cidr', 'exists', 'fieldref'].includes(m),
  );
  if (unknown.length > 0) {
    for (const name of unknown)
      issue(context, item.at, 'unknown-modifier', `unknown modifier "${name}"`);
    return undefined;
  }
  const done = (check: ItemCheck | undefined, negate = false): CompiledItem | undefined =>
    check === undefined
      ? undefined
      : { field: item.field, check, negate, needles: needlesOf(check, negate), at: item.at };

  const first = modifiers[0];
  if (first === 'exists') return done(existsCheck(item, modifiers, context));
  if (first === 're') return done(regexCheck(item, modifiers, context), modifiers.includes('neq'));
  if (first === 'cidr') return done(cidrCheck(item, modifiers, context), modifiers.includes('neq'));
  if (modifiers.includes('fieldref'))
    return done(fieldrefCheck(item, modifiers, context), modifiers.includes('neq'));
  const timePart = modifiers.find((m) => TIME_PARTS.has(m));
  const comparison = modifiers.find((m) => COMPARISONS.has(m));
  if (timePart !== undefined || comparison !== undefined)
    return done(
      numericCheck(item, modifiers, timePart as TimePart | undefined, comparison, context),
      modifiers.includes('neq'),
    );
  for (const m of modifiers)
    if (!STRING_MODIFIERS.has(m)) {
      issue(context, item.at, 'modifier-order', `modifier "${m}" must come first`);
      return undefined;
    }
  if (item.values.length === 1 && item.values[0]?.value === null && modifiers.length === 0)
    return done({ kind: 'null' });
  return done(stringCheck(item, modifiers, context), modifiers.includes('neq'));
}

function existsCheck(
  item: DetectionItem,
  modifiers: readonly string[],
  context: CompileContext,
): ItemCheck | undefined {
  const value = item.values[0]?.value;
  if (modifiers.length !== 1 || item.values.length !== 1 || typeof value !== 'boolean') {
    issue(
      context,
      item.at,
      'bad-exists',
      '"exists" takes one value, true or false, and no other modifier',
    );
    return undefined;
  }
  if (item.field === null) {
    issue(context, item.at, 'bad-exists', '"exists" needs a field');
    return undefined;
  }
  return { kind: 'exists', present: value };
}

function regexCheck(
  item: DetectionItem,
  modifiers: readonly string[],
  context: CompileContext,
): ItemCheck | undefined {
  let flags = '';
  for (const m of modifiers.slice(1)) {
    const flag = REGEX_FLAGS[m];
    if (flag !== undefined) flags += flags.includes(flag) ? '' : flag;
    else if (m !== 'all' && m !== 'neq') {
      issue(context, item.at, 'modifier-conflict', `"${m}" cannot follow "re"`);
      return undefined;
    }
  }
  const tests: TextTest[] = [];
  for (const value of item.values) {
    const regex = compileRegex(String(value.value), flags, value.at, context);
    if (regex !== undefined) tests.push(regex);
  }
  if (tests.length !== item.values.length) return undefined;
  return { kind: 'values', tests, all: modifiers.includes('all') };
}

function cidrCheck(
  item: DetectionItem,
  modifiers: readonly string[],
  context: CompileContext,
): ItemCheck | undefined {
  if (modifiers.some((m) => m !== 'cidr' && m !== 'neq' && m !== 'all')) {
    issue(context, item.at, 'modifier-conflict', '"cidr" combines only with "neq"');
    return undefined;
  }
  const tests: TextTest[] = [];
  for (const value of item.values) {
    const test = cidrTest(String(value.value), String(value.value));
    if (test === undefined)
      issue(context, value.at, 'bad-cidr', `"${String(value.value)}" is not a CIDR network`);
    else tests.push(test);
  }
  return tests.length === item.values.length ? { kind: 'values', tests, all: false } : undefined;
}

function fieldrefCheck(
  item: DetectionItem,
  modifiers: readonly string[],
  context: CompileContext,
): ItemCheck | undefined {
  const allowed = new Set([
    'fieldref',
    'contains',
    'startswith',
    'endswith',
    'neq',
    'cased',
    'all',
  ]);
  const bad = modifiers.find((m) => !allowed.has(m));
  if (bad !== undefined) {
    issue(context, item.at, 'modifier-conflict', `"${bad}" cannot be combined with "fieldref"`);
    return undefined;
  }
  const mode: FieldRefMode = modifiers.includes('contains')
    ? 'contains'
    : modifiers.includes('startswith')
      ? 'prefix'
      : modifiers.includes('endswith')
        ? 'suffix'
        : 'exact';
  const cased = modifiers.includes('cased');
  const refs = item.values.map((value) => ({ field: String(value.value), mode, cased }));
  return { kind: 'fieldref', refs, all: modifiers.includes('all') };
}

function numericCheck(
  item: DetectionItem,
  modifiers: readonly string[],
  timePart: TimePart | undefined,
  comparison: string | undefined,
  context: CompileContext,
): ItemCheck | undefined {
  const bad = modifiers.find(
    (m) => !TIME_PARTS.has(m) && !COMPARISONS.has(m) && m !== 'neq' && m !== 'all',
  );
  if (bad !== undefined) {
    issue(context, item.at, 'modifier-conflict', `"${bad}" cannot be combined with a comparison`);
    return undefined;
  }
  const op = (comparison ?? 'eq') as Comparison;
  const tests: TextTest[] = [];
  for (const value of item.values) {
    const bound = typeof value.value === 'number' ? value.value : Number(value.value);
    if (value.value === null || value.value === '' || Number.isNaN(bound)) {
      issue(context, value.at, 'bad-number', `"${String(value.value)}" is not a number`);
      continue;
    }
    const label = String(value.value);
    tests.push(
      timePart === undefined
        ? numberTest(op, bound, label)
        : timePartTest(timePart, op, bound, label),
    );
  }
  return tests.length === item.values.length
    ? { kind: 'values', tests, all: modifiers.includes('all') }
    : undefined;
}

/** A value on its way through the string modifiers: Sigma string pieces, or encoded bytes. */
type Alternative = { pieces: Piece[] } | { bytes: Buffer };

function stringCheck(
  item: DetectionItem,
  modifiers: readonly string[],
  context: CompileContext,
): ItemCheck | undefined {
  const tests: TextTest[] = [];
  const cased = modifiers.includes('cased');
  // A keyword is found anywhere in the message unless the rule anchors it itself.
  const keyword =
    item.field === null && !modifiers.some((m) => ['startswith', 'endswith'].includes(m));
  for (const value of item.values) {
    const alternatives = transform(value, modifiers, context);
    if (alternatives === undefined) return undefined;
    for (const alternative of alternatives) {
      const pieces =
        'bytes' in alternative ? [alternative.bytes.toString('latin1')] : alternative.pieces;
      tests.push(stringTest(keyword ? wrap(pieces, true, true) : pieces, cased, textOf(value)));
    }
  }
  return { kind: 'values', tests, all: modifiers.includes('all') };
}

function transform(
  value: SigmaValue,
  modifiers: readonly string[],
  context: CompileContext,
): Alternative[] | undefined {
  if (value.value === null) {
    issue(context, value.at, 'null-with-modifier', 'null cannot take string modifiers');
    return undefined;
  }
  // Placeholders are resolved before anything else so `%x%` never reaches base64 as text.
  const pieces = parseSigmaString(textOf(value));
  let alternatives: Alternative[] = modifiers.includes('expand')
    ? (expandPlaceholders(pieces, value.at, context)?.map((p) => ({ pieces: p })) ?? [])
    : [{ pieces }];
  if (alternatives.length === 0) return undefined;
  for (const modifier of modifiers) {
    const next = applyModifier(modifier, alternatives, value.at, context);
    if (next === undefined) return undefined;
    alternatives = next;
  }
  return alternatives;
}

function applyModifier(
  modifier: string,
  alternatives: Alternative[],
  at: SourceRef,
  context: CompileContext,
): Alternative[] | undefined {
  const onPieces = (map: (pieces: Piece[]) => Piece[][]): Alternative[] | undefined => {
    const out: Alternative[] = [];
    for (const alternative of alternatives) {
      if ('bytes' in alternative) {
        issue(
          context,
          at,
          'modifier-order',
          `"${modifier}" cannot follow an encoding; put base64 after it`,
        );
        return undefined;
      }
      for (const pieces of map(alternative.pieces)) out.push({ pieces });
    }
    return out;
  };
  const plainBytes = (alternative: Alternative): Buffer | undefined => {
    if ('bytes' in alternative) return alternative.bytes;
    if (hasWildcards(alternative.pieces)) return undefined;
    return Buffer.from(piecesText(alternative.pieces), 'utf8');
  };
  const encode = (map: (bytes: Buffer) => string[]): Alternative[] | undefined => {
    const out: Alternative[] = [];
    for (const alternative of alternatives) {
      const bytes = plainBytes(alternative);
      if (bytes === undefined) {
        issue(
          context,
          at,
          'wildcard-in-encoding',
          `"${modifier}" cannot encode a value with wildcards`,
        );
        return undefined;
      }
      for (const text of map(bytes)) out.push({ pieces: text === '' ? [] : [text] });
    }
    return out;
  };
  switch (modifier) {
    case 'contains':
      return onPieces((p) => [wrap(p, true, true)]);
    case 'startswith':
      return onPieces((p) => [wrap(p, false, true)]);
    case 'endswith':
      return onPieces((p) => [wrap(p, true, false)]);
    case 'windash':
      return onPieces(windashVariants);
    case 'base64':
      return encode((bytes) => [toBase64(bytes)]);
    case 'base64offset':
      return encode(toBase64Offsets);
    default:
      if (isEncoding(modifier)) {
        const out: Alternative[] = [];
        for (const alternative of alternatives) {
          if ('bytes' in alternative || hasWildcards(alternative.pieces)) {
            issue(context, at, 'wildcard-in-encoding', `"${modifier}" needs a plain string`);
            return undefined;
          }
          out.push({ bytes: encodeBytes(modifier, piecesText(alternative.pieces)) });
        }
        return out;
      }
      // all, cased, neq, expand: flags read elsewhere.
      return alternatives;
  }
}

function textOf(value: SigmaValue): string {
  return typeof value.value === 'string' ? value.value : String(value.value);
}

function needlesOf(check: ItemCheck, negate: boolean): string[] | null {
  if (negate || check.kind !== 'values' || check.tests.length === 0) return null;
  if (check.all) {
    let best = '';
    for (const test of check.tests) if (test.needle.length > best.length) best = test.needle;
    return usable(best) ? [best] : null;
  }
  const needles = new Set<string>();
  for (const test of check.tests) {
    if (!usable(test.needle)) return null;
    needles.add(test.needle);
  }
  return [...needles];
}
