// The MISP warninglist file format (misp-warninglists schema.json) and its validation. A file
// that breaks the schema is rejected as a whole with the reason; entries that are merely not
// strings are dropped and counted, as MISP itself would ignore them.

/** How a list's entries are matched. */
export type WarninglistType = 'string' | 'substring' | 'hostname' | 'cidr' | 'regex';

/** A `list.json` as MISP publishes it. */
export interface WarninglistDefinition {
  name: string;
  description: string;
  version: number;
  type: WarninglistType;
  list: string[];
  /** MISP attribute types the list applies to (`ip-dst`, `domain`, ...); may be empty. */
  matching_attributes: string[];
}

const TYPES: ReadonlySet<string> = new Set(['string', 'substring', 'hostname', 'cidr', 'regex']);

/** The validated definition, or why it is invalid; `dropped` counts non-string entries. */
export type Validation =
  { ok: true; definition: WarninglistDefinition; dropped: number } | { ok: false; reason: string };

/** Check parsed JSON against the warninglist schema. */
export function validateWarninglist(json: unknown): Validation {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, reason: 'not a JSON object' };
  }
  const record = json as Record<string, unknown>;
  const { name, description, version, type, list } = record;
  const attributes = record.matching_attributes ?? [];
  if (typeof name !== 'string' || name.trim() === '') {
    return { ok: false, reason: '"name" must be a non-empty string' };
  }
  if (typeof description !== 'string')
    return { ok: false, reason: '"description" must be a string' };
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return { ok: false, reason: '"version" must be an integer' };
  }
  if (typeof type !== 'string' || !TYPES.has(type)) {
    return { ok: false, reason: `"type" must be one of ${[...TYPES].join(', ')}` };
  }
  if (!Array.isArray(list)) return { ok: false, reason: '"list" must be an array' };
  if (!Array.isArray(attributes) || !attributes.every((item) => typeof item === 'string')) {
    return { ok: false, reason: '"matching_attributes" must be an array of strings' };
  }
  const entries = list.filter((item): item is string => typeof item === 'string');
  return {
    ok: true,
    definition: {
      name,
      description,
      version,
      type: type as WarninglistType,
      list: entries,
      matching_attributes: attributes,
    },
    dropped: list.length - entries.length,
  };
}
