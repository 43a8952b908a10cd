// Narrowing of parsed EVE JSON values.
import { isIP } from 'node:net';

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

/** Whether an object under construction got any field: events carry no empty objects. */
export function hasKeys(value: object): boolean {
  for (const key in value) if (Object.hasOwn(value, key)) return true;
  return false;
}

/**
 * Whether text is an IP address. Host names end in a letter far more often than not, and
 * node:net's isIP runs two long regexes, so the cheap test comes first.
 */
export function isAddress(value: string): boolean {
  const last = value.charCodeAt(value.length - 1);
  if (!(last >= 48 && last <= 57) && !value.includes(':')) return false;
  return isIP(value) !== 0;
}
