// A Zeek log record as both writers produce it: field names as Zeek spells them ("id.orig_h"),
// values already typed. The TSV reader builds it from columns; the JSON reader gets it from
// JSON.parse. One set of mappings (mappings.ts) then serves both.

export type ZeekValue = string | number | boolean | string[] | number[];
export type ZeekRecord = Record<string, ZeekValue | undefined>;

export function str(record: ZeekRecord, field: string): string | undefined {
  const value = record[field];
  return typeof value === 'string'
    ? value
    : value === undefined || Array.isArray(value)
      ? undefined
      : String(value);
}

export function num(record: ZeekRecord, field: string): number | undefined {
  const value = record[field];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

export function bool(record: ZeekRecord, field: string): boolean | undefined {
  const value = record[field];
  if (typeof value === 'boolean') return value;
  if (value === 'T' || value === 'true') return true;
  if (value === 'F' || value === 'false') return false;
  return undefined;
}

export function list(record: ZeekRecord, field: string): string[] | undefined {
  const value = record[field];
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value === '' ? [] : [value];
  return undefined;
}

/**
 * Copies the named fields that are set into a new object (for the `zeek.<log>` section), or
 * returns undefined when none is set, so events carry no empty objects.
 */
export function pick(
  record: ZeekRecord,
  fields: readonly string[],
): Record<string, ZeekValue> | undefined {
  let out: Record<string, ZeekValue> | undefined;
  for (const field of fields) {
    const value = record[field];
    if (value !== undefined) (out ??= {})[field] = value;
  }
  return out;
}
