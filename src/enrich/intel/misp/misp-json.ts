// Narrowing helpers for MISP JSON, read as `unknown`. MISP writes every scalar as a string
// ("3", "1472541011") but booleans as JSON booleans, and older exports mix in "0"/"1" and null
// where a list is expected; these helpers accept all of those spellings.

export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scalar field as text: strings as written, numbers in decimal; undefined otherwise. */
export function textField(record: JsonRecord, key: string): string | undefined {
  const value = record[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The records of a list field; a missing or null field (as MISP writes `"Tag": null`) is empty. */
export function recordsField(record: JsonRecord, key: string): JsonRecord[] {
  const value = record[key];
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export function recordField(record: JsonRecord, key: string): JsonRecord | undefined {
  const value = record[key];
  return isRecord(value) ? value : undefined;
}

/** A boolean field: `true`/`false`, `"1"`/`"0"`, `1`/`0`, `"true"`/`"false"`; else undefined. */
export function flagField(record: JsonRecord, key: string): boolean | undefined {
  const value = record[key];
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'false') return false;
  return undefined;
}
