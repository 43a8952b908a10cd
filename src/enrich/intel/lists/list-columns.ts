// Which column of a CSV list holds what, read from its header row. Names are matched loosely
// (case, spaces, dashes), as feeds name them: `indicator`, `ioc`, `dst_ip`, `sha256_hash`,
// `first_seen_utc`.
import type { ListTypeName } from './list-value.ts';

export interface ListColumns {
  /** Columns holding values, each with the type its name implies (undefined: infer). */
  values: { index: number; type?: ListTypeName }[];
  type?: number;
  tlp?: number;
  confidence?: number;
  description?: number;
  context?: number;
  firstSeen?: number;
  lastSeen?: number;
  validUntil?: number;
}

const GENERIC_VALUE = /^(indicator|value|ioc|observable)(_value)?$/;
// A name that says what the column holds: `[pattern, type]`, the type undefined for `hash`
// (MD5, SHA-1, SHA-256 or SHA-512 by the value's length).
const TYPED_VALUE: readonly [RegExp, ListTypeName | undefined][] = [
  [/^((src|dst|source|destination)_)?ip(v[46])?(_address)?$/, 'ip'],
  [/^(domain|hostname|host)(_name)?$/, 'domain'],
  [/^url$/, 'url'],
  [/^md5(_hash)?$/, 'md5'],
  [/^sha1(_hash)?$/, 'sha1'],
  [/^sha256(_hash)?$/, 'sha256'],
  [/^sha512(_hash)?$/, 'sha512'],
  [/^hash$/, undefined],
  [/^email(_address)?$/, 'email'],
];
const ROLES: readonly [RegExp, Exclude<keyof ListColumns, 'values'>][] = [
  [/^(ioc_|indicator_|attribute_)?type$/, 'type'],
  [/^tlp$/, 'tlp'],
  [/^confidence$/, 'confidence'],
  [/^(description|comment)$/, 'description'],
  [/^(malware|malware_family|family)$/, 'context'],
  [/^first_seen(_utc)?$/, 'firstSeen'],
  [/^last_(seen|online)(_utc)?$/, 'lastSeen'],
  [/^(valid_until|expires|expiration)(_utc)?$/, 'validUntil'],
];

/** The columns a header row names, or undefined when it names no value column (not a header). */
export function columnsOfHeader(fields: readonly string[]): ListColumns | undefined {
  const names = fields.map((field) =>
    field
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, ''),
  );
  const columns: ListColumns = { values: [] };
  const generic = names.findIndex((name) => GENERIC_VALUE.test(name));
  names.forEach((name, index) => {
    const role = ROLES.find(([pattern]) => pattern.test(name));
    if (role !== undefined && columns[role[1]] === undefined) columns[role[1]] = index;
    if (generic >= 0) return;
    const typed = TYPED_VALUE.find(([pattern]) => pattern.test(name));
    if (typed === undefined) return;
    columns.values.push(typed[1] === undefined ? { index } : { index, type: typed[1] });
  });
  // One generic column (`indicator`) holds every value; else each typed column holds its own.
  if (generic >= 0) columns.values = [{ index: generic }];
  return columns.values.length > 0 ? columns : undefined;
}
