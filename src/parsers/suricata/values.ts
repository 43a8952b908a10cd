// Narrowing of parsed EVE JSON values.

export type Json = Record<string, unknown>;

export function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

/** A non-empty string, or a number as text (EVE writes ids as numbers). */
export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  return typeof value === 'number' ? String(value) : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The objects of an array value. */
export function objects(value: unknown): Json[] {
  if (!Array.isArray(value)) return [];
  const out: Json[] = [];
  for (const item of value as unknown[]) {
    const entry = obj(item);
    if (entry !== undefined) out.push(entry);
  }
  return out;
}

export { hasKeys, isAddress } from '../fields.ts';
