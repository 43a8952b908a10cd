// Correlation documents (sigma.md §1.4): the `correlation:` section read into the fields of a
// CorrelationRule. Referenced rules are only named here (with their positions); the loader checks
// that each name exists somewhere in the loaded set, and a later stage resolves them.
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import { readReferences, type Fields, type RuleReference } from './metadata.ts';
import type { CorrelationCondition, CorrelationRule, CorrelationType } from './model.ts';
import {
  describeNode,
  isAbsent,
  scalarText,
  scalarValue,
  type DocReader,
  type Entry,
} from './reader.ts';

export type CorrelationBody = Pick<
  CorrelationRule,
  'type' | 'rules' | 'groupBy' | 'aliases' | 'timespanMs' | 'condition' | 'generate'
>;

const TYPES: readonly CorrelationType[] = [
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
  'value_sum',
  'value_avg',
];
const KEYS = new Set(['type', 'rules', 'group-by', 'timespan', 'condition', 'aliases', 'generate']);
const OPERATORS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const;
const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** The body, or undefined when anything is wrong (reported on `r`); references either way. */
export function readCorrelation(
  r: DocReader,
  section: Entry,
): { body: CorrelationBody | undefined; references: RuleReference[] } {
  if (!isMap(section.value)) {
    const found = describeNode(section.value);
    r.report(
      section.value ?? section.keyNode,
      'bad-correlation',
      `correlation must be a map, found ${found}`,
    );
    return { body: undefined, references: [] };
  }
  const before = r.issues.length;
  const fields = correlationFields(r, section.value);
  const type = readType(r, section, fields.get('type'));
  const references = readRules(r, section, fields.get('rules'));
  const rules = references.map((reference) => reference.name);
  const groupBy = readGroupBy(r, fields.get('group-by'));
  const aliases = readAliases(r, fields.get('aliases'), rules);
  const timespanMs = readTimespan(r, section, fields.get('timespan'));
  const condition =
    type === undefined
      ? undefined
      : readCondition(r, section, fields.get('condition'), type, rules.length);
  const generate = readGenerate(r, fields.get('generate'));
  if (
    r.issues.length > before ||
    type === undefined ||
    timespanMs === undefined ||
    condition === undefined
  ) {
    return { body: undefined, references };
  }
  const body = { type, rules, groupBy, aliases, timespanMs, condition, generate };
  return { body, references };
}

/** The section's keys; an unknown one is a typo more often than an extension, so it is an issue. */
function correlationFields(r: DocReader, section: YAMLMap): Fields {
  const fields = new Map(r.entries(section).map((entry) => [entry.key, entry]));
  for (const { key, keyNode } of fields.values()) {
    if (!KEYS.has(key))
      r.report(keyNode, 'unknown-correlation-key', `unknown correlation key '${key}'`);
  }
  return fields;
}

function readRules(r: DocReader, section: Entry, entry: Entry | undefined): RuleReference[] {
  const before = r.issues.length;
  const references = readReferences(r, entry, 'bad-correlation-rules') ?? [];
  if (references.length === 0 && r.issues.length === before) {
    const message = 'correlation needs a non-empty list of rule ids or names';
    r.report(entry?.keyNode ?? section.keyNode, 'bad-correlation-rules', message);
  }
  return references;
}

function readType(
  r: DocReader,
  section: Entry,
  entry: Entry | undefined,
): CorrelationType | undefined {
  const text = scalarText(entry?.value ?? null);
  const type = TYPES.find((known) => known === text);
  if (type === undefined) {
    const message =
      text === undefined
        ? 'correlation needs a type'
        : `correlation type '${text}' is not one of ${TYPES.join(', ')}`;
    r.report(entry?.value ?? entry?.keyNode ?? section.keyNode, 'bad-correlation-type', message);
  }
  return type;
}

function readGroupBy(r: DocReader, entry: Entry | undefined): string[] {
  if (entry === undefined) return [];
  const { value } = entry;
  const items = isSeq(value) ? value.items.map((item) => r.deref(item)) : [value];
  const fields: string[] = [];
  for (const item of items) {
    const text = scalarText(item);
    if (text === undefined)
      r.report(
        item ?? entry.keyNode,
        'bad-group-by',
        `group-by must list field names, found ${describeNode(item)}`,
      );
    else fields.push(text);
  }
  return fields;
}

/** `<int><s|m|h|d|w>` in milliseconds. */
function readTimespan(r: DocReader, section: Entry, entry: Entry | undefined): number | undefined {
  const text = scalarText(entry?.value ?? null);
  const match = text === undefined ? null : /^(\d+)([smhdw])$/.exec(text);
  const count = Number(match?.[1]);
  const unit = UNIT_MS[match?.[2] ?? ''];
  if (unit !== undefined && count > 0) return count * unit;
  const message =
    text === undefined
      ? 'correlation needs a timespan such as 5m'
      : `timespan '${text}' is not a positive number followed by s, m, h, d or w`;
  r.report(entry?.value ?? entry?.keyNode ?? section.keyNode, 'bad-timespan', message);
  return undefined;
}

const TEMPORAL: ReadonlySet<CorrelationType> = new Set(['temporal', 'temporal_ordered']);

/**
 * `{gte: 5}`, a range (`{gt: 1, lte: 9}`), plus `field` for the value_* types. Temporal types may
 * omit it: every referenced rule must then match (`gte: <number of rules>`, as pySigma does).
 */
function readCondition(
  r: DocReader,
  section: Entry,
  entry: Entry | undefined,
  type: CorrelationType,
  ruleCount: number,
): CorrelationCondition | undefined {
  const value = entry?.value ?? null;
  const absent = isAbsent(value);
  if (absent && TEMPORAL.has(type)) return { gte: ruleCount };
  if (!isMap(value)) {
    const message = absent
      ? `a ${type} correlation needs a condition such as {gte: 10}`
      : `the condition must be a map such as {gte: 10}, found ${describeNode(value)}` +
        (TEMPORAL.has(type) ? ' (extended temporal conditions are not supported)' : '');
    r.report(value ?? entry?.keyNode ?? section.keyNode, 'bad-correlation-condition', message);
    return undefined;
  }
  const before = r.issues.length;
  const condition: CorrelationCondition = {};
  for (const { key, keyNode, value: item } of r.entries(value)) {
    const operator = OPERATORS.find((known) => known === key);
    const scalar = isScalar(item) ? scalarValue(item) : undefined;
    if (operator !== undefined && typeof scalar === 'number') condition[operator] = scalar;
    else if (key === 'field' && typeof scalar === 'string') condition.field = scalar;
    else {
      const message =
        operator !== undefined || key === 'field'
          ? `condition '${key}' must be ${key === 'field' ? 'a field name' : 'a number'}`
          : `unknown condition key '${key}' (use ${OPERATORS.join(', ')} or field)`;
      r.report(item ?? keyNode, 'bad-correlation-condition', message);
    }
  }
  if (r.issues.length > before) return undefined;
  const where = entry?.keyNode ?? section.keyNode;
  if (!OPERATORS.some((operator) => condition[operator] !== undefined)) {
    const message = `the condition needs one of ${OPERATORS.join(', ')}`;
    r.report(where, 'bad-correlation-condition', message);
  }
  if (type.startsWith('value_') && condition.field === undefined) {
    r.report(where, 'bad-correlation-condition', `a ${type} condition needs 'field'`);
  }
  return r.issues.length === before ? condition : undefined;
}

/** `{alias: {rule: field}}`; each rule must be one the correlation lists. */
function readAliases(
  r: DocReader,
  entry: Entry | undefined,
  rules: readonly string[],
): Record<string, Record<string, string>> {
  const aliases: Record<string, Record<string, string>> = {};
  const value = entry?.value ?? null;
  if (isAbsent(value)) return aliases;
  if (!isMap(value)) {
    r.report(
      value,
      'bad-correlation-aliases',
      `aliases must be a map, found ${describeNode(value)}`,
    );
    return aliases;
  }
  for (const alias of r.entries(value)) {
    if (!isMap(alias.value)) {
      const message = `alias '${alias.key}' must map rule names to fields`;
      r.report(alias.value ?? alias.keyNode, 'bad-correlation-aliases', message);
      continue;
    }
    const fields: Record<string, string> = {};
    for (const { key, keyNode, value: field } of r.entries(alias.value)) {
      const text = scalarText(field);
      if (!rules.includes(key)) {
        const message = `alias '${alias.key}' names '${key}', which is not among the correlated rules`;
        r.report(keyNode, 'bad-correlation-aliases', message);
      } else if (text === undefined) {
        const message = `alias '${alias.key}' must give a field name for '${key}'`;
        r.report(field ?? keyNode, 'bad-correlation-aliases', message);
      } else fields[key] = text;
    }
    aliases[alias.key] = fields;
  }
  return aliases;
}

function readGenerate(r: DocReader, entry: Entry | undefined): boolean {
  const value = entry?.value ?? null;
  if (isAbsent(value)) return false;
  if (isScalar(value) && typeof value.value === 'boolean') return value.value;
  r.report(value, 'bad-generate', `generate must be true or false, found ${describeNode(value)}`);
  return false;
}
