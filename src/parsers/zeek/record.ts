// A Zeek log record as both writers produce it: field names as Zeek spells them ("id.orig_h"),
// values typed (the TSV reader converts by `#types`, JSON.parse by JSON). The readers below also
// accept the untyped text of a TSV file that has `#fields` but no `#types`.

export type ZeekRecord = Record<string, unknown>;

/** A non-empty string value. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

export function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'T') return true;
  if (value === 'F') return false;
  return undefined;
}

/** The strings of a set/vector value (a lone string counts as a one-element list). */
export function strings(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' && value !== '' ? [value] : undefined;
}

/** The first element of a set/vector value. */
export function first(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const head: unknown = value[0];
    return typeof head === 'string' && head !== '' ? head : undefined;
  }
  return text(value);
}

export { hasKeys, isAddress } from '../fields.ts';
