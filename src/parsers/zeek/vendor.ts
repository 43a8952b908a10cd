// Builds the `zeek.<log>` section: every field the ECS mapping does not already carry, under its
// Zeek name (or Elastic's, e.g. conn_state -> state). Dotted Zeek names become nested objects
// (`certificate.subject` -> zeek.x509.certificate.subject), because queries address stored
// documents by dotted path and a key that itself contains dots could not be reached.

export type Section = Record<string, unknown>;

/** Where one Zeek field goes inside the section; computed once per field name. */
export interface VendorField {
  readonly key: string;
  /** The name in the section when it has no dots; otherwise undefined and `path` is used. */
  readonly name: string | undefined;
  readonly path: readonly string[];
}

/** Decides, per field name, whether and where a field of one log type goes. Caches the answer. */
export class VendorPlanner {
  private readonly cache = new Map<string, VendorField | null>();

  constructor(
    private readonly skipped: ReadonlySet<string>,
    private readonly renames: Readonly<Record<string, string>>,
  ) {}

  field(key: string): VendorField | null {
    let field = this.cache.get(key);
    if (field === undefined) {
      const target = Object.hasOwn(this.renames, key) ? (this.renames[key] as string) : key;
      const path = target.split('.');
      // Names come from the file: a `__proto__` segment would write into Object.prototype.
      field =
        this.skipped.has(key) || path.includes('__proto__')
          ? null
          : { key, name: path.length === 1 ? target : undefined, path };
      // JSON keys are whatever the file holds: bound the cache.
      if (this.cache.size < 4096) this.cache.set(key, field);
    }
    return field;
  }

  /** The fields of a fixed column list (a TSV `#fields` header) that go into the section. */
  plan(keys: readonly string[]): VendorField[] {
    const fields: VendorField[] = [];
    for (const key of keys) {
      const field = this.field(key);
      if (field !== null) fields.push(field);
    }
    return fields;
  }
}

/** Copies the set fields of `plan` from the record (TSV: the header's precomputed plan). */
export function fillPlanned(
  section: Section,
  record: Readonly<Record<string, unknown>>,
  plan: readonly VendorField[],
): void {
  for (const field of plan) {
    const value = record[field.key];
    if (value === undefined || value === null) continue;
    if (field.name === undefined) put(section, field.path, value);
    else section[field.name] = value;
  }
}

/** Copies every set field the planner takes (JSON: keys differ from line to line). */
export function fillAll(
  section: Section,
  record: Readonly<Record<string, unknown>>,
  planner: VendorPlanner,
): void {
  for (const key in record) {
    const value = record[key];
    if (value === undefined || value === null) continue;
    const field = planner.field(key);
    if (field === null) continue;
    if (field.name === undefined) put(section, field.path, value);
    else section[field.name] = value;
  }
}

export function isEmpty(section: Section): boolean {
  for (const key in section) if (Object.hasOwn(section, key)) return false;
  return true;
}

function put(section: Section, path: readonly string[], value: unknown): void {
  const last = path.length - 1;
  let node = section;
  for (let i = 0; i < last; i++) {
    const segment = path[i] as string;
    const next = node[segment];
    if (next === undefined) {
      const created: Section = {};
      node[segment] = created;
      node = created;
    } else if (typeof next === 'object' && next !== null && !Array.isArray(next)) {
      node = next as Section;
    } else {
      // `a` is already a value and `a.b` arrives too: keep the rest of the name flat.
      node[path.slice(i).join('.')] = value;
      return;
    }
  }
  node[path[last] as string] = value;
}
