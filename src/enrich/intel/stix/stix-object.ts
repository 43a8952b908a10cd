// A STIX object as JSON gives it: a type and an id, every other property unknown until read.
// These readers narrow one property at a time, so a malformed property is absent, never a crash.

export interface StixObject {
  type: string;
  id: string;
  [property: string]: unknown;
}

export function asStixObject(value: unknown): StixObject | undefined {
  if (!isRecord(value)) return undefined;
  const { type, id } = value;
  return typeof type === 'string' && typeof id === 'string' ? (value as StixObject) : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringProp(object: StixObject, key: string): string | undefined {
  const value = object[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function numberProp(object: StixObject, key: string): number | undefined {
  const value = object[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function stringList(object: StixObject, key: string): string[] {
  const value = object[key];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

export function recordProp(object: StixObject, key: string): Record<string, unknown> | undefined {
  const value = object[key];
  return isRecord(value) ? value : undefined;
}

/** The STIX type an id names (`indicator--…` → `indicator`). */
export function typeOfId(id: string): string {
  const end = id.indexOf('--');
  return end < 0 ? id : id.slice(0, end);
}
