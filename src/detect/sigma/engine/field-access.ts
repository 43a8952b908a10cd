// Reading a Sigma field from an event: the route says which ECS path(s) hold it; the path is
// compiled once into a small property walk. Values become text the way Sigma compares them:
// numbers and booleans as their decimal/`true` text, lists element by element, objects never.
import type { EcsEvent } from '../../../core/index.ts';

export type Accessor = (event: EcsEvent) => unknown;

/** `a.b.c` (already split) to a function walking those properties. */
export function pathAccessor(segments: readonly string[]): Accessor {
  const [a, b, c, d] = segments;
  if (segments.length === 1 && a !== undefined) return (e) => own(e, a);
  if (segments.length === 2 && a !== undefined && b !== undefined) return (e) => own(own(e, a), b);
  if (segments.length === 3 && a !== undefined && b !== undefined && c !== undefined)
    return (e) => own(own(own(e, a), b), c);
  if (
    segments.length === 4 &&
    a !== undefined &&
    b !== undefined &&
    c !== undefined &&
    d !== undefined
  )
    return (e) => own(own(own(own(e, a), b), c), d);
  return (e) => {
    let value: unknown = e;
    for (const segment of segments) value = own(value, segment);
    return value;
  };
}

/** Every value directly under an object (`winlog.event_data.*`), for keyword searches. */
export function valuesAccessor(segments: readonly string[]): Accessor {
  const parent = pathAccessor(segments);
  return (e) => {
    const object = parent(e);
    if (typeof object !== 'object' || object === null) return undefined;
    return Object.values(object) as unknown[];
  };
}

/** The first path that is present wins (a field may live in different places per parser). */
export function firstOf(accessors: readonly Accessor[]): Accessor {
  const [only] = accessors;
  if (accessors.length === 1 && only !== undefined) return only;
  return (e) => {
    for (const accessor of accessors) {
      const value = accessor(e);
      if (value !== undefined) return value;
    }
    return undefined;
  };
}

function own(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  // A list of objects (dns.answers) yields the key of each element: `dns.answers.data`.
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const element of value) {
      const found = own(element, key);
      if (Array.isArray(found)) out.push(...(found as unknown[]));
      else if (found !== undefined) out.push(found);
    }
    return out.length > 0 ? out : undefined;
  }
  // Own properties only: a rule field named `constructor` must not read the prototype.
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** Text Sigma compares against: a string, several (a list), or undefined (absent, null, object). */
export function asText(value: unknown): string | string[] | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (Array.isArray(value)) {
    const texts: string[] = [];
    for (const element of value) {
      const text = asText(element);
      if (typeof text === 'string') texts.push(text);
      else if (text !== undefined) texts.push(...text);
    }
    return texts;
  }
  return undefined;
}
