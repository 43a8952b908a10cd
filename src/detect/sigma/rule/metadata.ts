// The metadata Sigma documents share (title, id, status, level, tags, ...) and the logsource.
// Each reader checks the type it expects and reports a `bad-<key>` issue otherwise; unknown
// top-level keys are allowed, since the spec lets rule authors add their own attributes.
import { createHash } from 'node:crypto';
import { isMap, isScalar, isSeq } from 'yaml';
import type { DetectionRule, LogSource, SigmaLevel, SigmaStatus, SourceRef } from './model.ts';
import { describeNode, isAbsent, scalarText, type DocReader, type Entry } from './reader.ts';

export type Meta = Omit<DetectionRule, 'kind' | 'logsource' | 'detection' | 'fields'>;

/** A document's top-level keys by name. */
export type Fields = ReadonlyMap<string, Entry>;

/** A rule id or name written in `rules:` (of a correlation or a filter), with its position. */
export interface RuleReference {
  name: string;
  at: SourceRef;
}

const LEVELS: readonly SigmaLevel[] = ['informational', 'low', 'medium', 'high', 'critical'];
const STATUSES: readonly SigmaStatus[] = [
  'stable',
  'test',
  'experimental',
  'deprecated',
  'unsupported',
];
const LOGSOURCE_KEYS = ['product', 'category', 'service', 'definition'] as const;

/**
 * A stable id for a document written without one: the lowercase hex SHA-1 of the file path (as
 * given to the loader) and the document's 0-based index in the file, laid out like a UUID
 * (8-4-4-4-12), so the same file read through the same path always yields the same id.
 */
export function stableId(file: string, index: number): string {
  const hex = createHash('sha1')
    .update(`${file}\0${String(index)}`)
    .digest('hex');
  const parts = [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20)];
  return [...parts, hex.slice(20, 32)].join('-');
}

/**
 * The written `id`, else the stable one; either way later issues carry it. Any text is accepted:
 * the spec recommends UUIDs, but references compare ids as plain text.
 */
export function readId(r: DocReader, fields: Fields, index: number): string {
  const written = optionalText(r, fields, 'id');
  if (written?.trim() === '') {
    r.report(fields.get('id')?.keyNode ?? r.atOffset(0), 'bad-id', 'id is empty');
  }
  const id = written ?? stableId(r.file, index);
  r.ruleId = id;
  return id;
}

/** Title is required; the rest is optional. Undefined when something is malformed. */
export function readMeta(
  r: DocReader,
  fields: Fields,
  id: string,
  at: SourceRef,
): Meta | undefined {
  const before = r.issues.length;
  const title = readTitle(r, fields, at);
  const meta: Meta = {
    id,
    title: title ?? '',
    references: stringList(r, fields, 'references') ?? [],
    tags: stringList(r, fields, 'tags') ?? [],
    falsepositives: stringList(r, fields, 'falsepositives', true) ?? [],
    at,
  };
  const status = oneOf(r, fields, 'status', STATUSES);
  const level = oneOf(r, fields, 'level', LEVELS);
  if (status !== undefined) meta.status = status;
  if (level !== undefined) meta.level = level;
  for (const key of ['name', 'description', 'author', 'date', 'modified'] as const) {
    // YAML 1.2 (what we parse) types `2024-01-31` as text, so dates keep their written form.
    const text = optionalText(r, fields, key);
    if (text !== undefined) meta[key] = text;
  }
  return r.issues.length === before ? meta : undefined;
}

export function readTitle(r: DocReader, fields: Fields, at: SourceRef): string | undefined {
  const entry = fields.get('title');
  const title = optionalText(r, fields, 'title');
  if (title !== undefined && title.trim() !== '') return title;
  // A title that is a map or a list was already reported as `bad-title`.
  if (title !== undefined || isEmpty(entry)) {
    r.report(entry?.keyNode ?? at, 'missing-title', 'the document has no title');
  }
  return undefined;
}

/** A map of strings with at least one of product, category, service. */
export function readLogsource(r: DocReader, fields: Fields, at: SourceRef): LogSource | undefined {
  const entry = fields.get('logsource');
  if (entry === undefined) {
    r.report(at, 'missing-logsource', 'the document has no logsource');
    return undefined;
  }
  if (!isMap(entry.value)) {
    r.report(entry.value ?? entry.keyNode, 'bad-logsource', 'logsource must be a map');
    return undefined;
  }
  const before = r.issues.length;
  const logsource: LogSource = {};
  for (const { key, keyNode, value } of r.entries(entry.value)) {
    const text = scalarText(value);
    if (text === undefined) {
      r.report(value ?? keyNode, 'bad-logsource', `logsource '${key}' must be text`);
    } else if ((LOGSOURCE_KEYS as readonly string[]).includes(key)) {
      logsource[key as (typeof LOGSOURCE_KEYS)[number]] = text;
    }
  }
  const { product, category, service } = logsource;
  if (r.issues.length === before && !product && !category && !service) {
    r.report(entry.keyNode, 'bad-logsource', 'logsource needs a product, category or service');
  }
  return r.issues.length === before ? logsource : undefined;
}

/** Optional text (any non-null scalar, as written); `bad-<key>` for a map or a list. */
export function optionalText(r: DocReader, fields: Fields, key: string): string | undefined {
  const entry = fields.get(key);
  if (entry === undefined || isEmpty(entry)) return undefined;
  const text = scalarText(entry.value);
  if (text === undefined) {
    const message = `${key} must be text, found ${describeNode(entry.value)}`;
    r.report(entry.value ?? entry.keyNode, `bad-${key}`, message);
  }
  return text;
}

/** A list of texts (absent or empty: undefined); with `scalarOk`, one text is a list of one. */
export function stringList(
  r: DocReader,
  fields: Fields,
  key: string,
  scalarOk = false,
): string[] | undefined {
  const entry = fields.get(key);
  if (entry === undefined || isEmpty(entry)) return undefined;
  const { value } = entry;
  if (scalarOk && isScalar(value)) return [scalarText(value) ?? ''];
  if (!isSeq(value)) {
    r.report(
      value ?? entry.keyNode,
      `bad-${key}`,
      `${key} must be a list, found ${describeNode(value)}`,
    );
    return undefined;
  }
  const texts: string[] = [];
  for (const item of value.items) {
    const node = r.deref(item);
    const text = scalarText(node);
    if (text !== undefined) texts.push(text);
    else
      r.report(node ?? value, `bad-${key}`, `${key} must hold texts, found ${describeNode(node)}`);
  }
  return texts;
}

function oneOf<T extends string>(
  r: DocReader,
  fields: Fields,
  key: string,
  allowed: readonly T[],
): T | undefined {
  const text = optionalText(r, fields, key);
  if (text === undefined) return undefined;
  const found = allowed.find((value) => value === text);
  if (found === undefined) {
    const entry = fields.get(key);
    const message = `${key} '${text}' is not one of ${allowed.join(', ')}`;
    r.report(entry?.value ?? entry?.keyNode ?? r.atOffset(0), `bad-${key}`, message);
  }
  return found;
}

/** `key:` with nothing after it counts as absent. */
function isEmpty(entry: Entry | undefined): boolean {
  return entry === undefined || isAbsent(entry.value);
}

/**
 * The texts of a `rules:` list with their positions. Undefined when absent; an empty list (or
 * `any`, for filters) is the caller's to judge.
 */
export function readReferences(
  r: DocReader,
  entry: Entry | undefined,
  reason: string,
): RuleReference[] | undefined {
  if (entry === undefined) return undefined;
  const { value } = entry;
  if (isAbsent(value)) return [];
  if (!isSeq(value)) {
    const message = `rules must be a list of rule ids or names, found ${describeNode(value)}`;
    r.report(value, reason, message);
    return [];
  }
  const references: RuleReference[] = [];
  for (const item of value.items) {
    const node = r.deref(item);
    const name = scalarText(node);
    if (name !== undefined && name !== '' && node !== null)
      references.push({ name, at: r.at(node) });
    else
      r.report(
        node ?? value,
        reason,
        `rules must hold rule ids or names, found ${describeNode(node)}`,
      );
  }
  return references;
}
