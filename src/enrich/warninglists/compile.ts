// One validated warninglist turned into the structure its type calls for: CIDR intervals,
// name sets, a capped substring list or RegExps. Entries that cannot be compiled are dropped
// and reported, never fatal.
import type { Address } from '../geo/address.ts';
import { CidrSet } from './cidr-set.ts';
import { POPULARITY_LISTS, type ListClass } from './classify.ts';
import type { WarninglistDefinition, WarninglistType } from './definition.ts';
import { DomainSet, normalizeName } from './domain-set.ts';
import { compileMispRegex } from './regex.ts';

/** What is known of a list, as matches report it. */
export interface WarninglistInfo {
  /** Directory name of its `list.json` (e.g. `public-dns-v4`); what classification keys on. */
  id: string;
  name: string;
  description: string;
  version: number;
  type: WarninglistType;
  matchingAttributes: readonly string[];
  class: ListClass;
  path: string;
  /** Entries compiled. */
  entries: number;
}

/** A list ready to match. */
export interface CompiledList {
  info: WarninglistInfo;
  /** Whether it is consulted for IP addresses / domain names. */
  forIp: boolean;
  forDomain: boolean;
  matchIp(address: Address): boolean;
  /** `name` normalized, `suffixes` its `suffixesOf`. */
  matchName(name: string, suffixes: readonly string[]): boolean;
}

/** Result of compiling one list: the list and entry-level problems. */
export interface Compiled {
  list: CompiledList;
  warnings: string[];
}

export interface CompileOptions {
  /** Substring lists are scanned entry by entry per query: longer ones are truncated. */
  maxSubstrings?: number;
  /** Lists (by id) whose `hostname` entries match exactly; the popularity rankings by default. */
  exactNames?: RegExp;
}

// Attribute types naming a domain or a URL: lists made for these are consulted for names.
const NAME_ATTRIBUTES = new Set(['domain', 'hostname', 'url', 'uri', 'hostname|port']);
const NEVER = (): boolean => false;
const SAMPLE = 3;

/** Compile a validated definition; `id`, `path` and `class` describe it in matches. */
export function compileWarninglist(
  definition: WarninglistDefinition,
  meta: { id: string; path: string; class: ListClass },
  options: CompileOptions = {},
): Compiled {
  const warnings: string[] = [];
  const attributes = definition.matching_attributes;
  const forDomain =
    definition.type !== 'cidr' &&
    (attributes.length === 0 || attributes.some((type) => NAME_ATTRIBUTES.has(type)));
  let matchIp: CompiledList['matchIp'] = NEVER;
  let matchName: CompiledList['matchName'] = NEVER;
  let entries = definition.list.length;
  switch (definition.type) {
    case 'cidr': {
      const set = new CidrSet(definition.list);
      if (set.invalid.length > 0) warnings.push(invalid('CIDR', set.invalid));
      entries -= set.invalid.length;
      matchIp = (address) => set.has(address);
      break;
    }
    case 'hostname':
    case 'string': {
      const exact = (options.exactNames ?? POPULARITY_LISTS).test(meta.id);
      const set = new DomainSet(definition.list, definition.type === 'hostname' && !exact);
      entries = set.size;
      matchName = (name, suffixes) => set.has(name, suffixes);
      break;
    }
    case 'substring': {
      const cap = options.maxSubstrings ?? 1000;
      const all = [...new Set(definition.list.map(normalizeName).filter((item) => item !== ''))];
      if (all.length > cap) warnings.push(`${all.length} substrings, only the first ${cap} kept`);
      const substrings = all.slice(0, cap);
      entries = substrings.length;
      matchName = (name) => substrings.some((substring) => name.includes(substring));
      break;
    }
    case 'regex': {
      const regexes: RegExp[] = [];
      const bad: string[] = [];
      for (const entry of definition.list) {
        const compiled = compileMispRegex(entry);
        if (compiled instanceof RegExp) regexes.push(compiled);
        else bad.push(`${entry} (${compiled.error})`);
      }
      if (bad.length > 0) warnings.push(invalid('regex', bad));
      entries = regexes.length;
      matchName = (name) => regexes.some((regex) => regex.test(name));
      break;
    }
  }
  return {
    list: {
      info: {
        id: meta.id,
        name: definition.name,
        description: definition.description,
        version: definition.version,
        type: definition.type,
        matchingAttributes: attributes,
        class: meta.class,
        path: meta.path,
        entries,
      },
      forIp: definition.type === 'cidr',
      forDomain,
      matchIp,
      matchName,
    },
    warnings,
  };
}

function invalid(kind: string, entries: readonly string[]): string {
  const sample = entries.slice(0, SAMPLE).map((entry) => JSON.stringify(entry));
  const more = entries.length > SAMPLE ? `, and ${entries.length - SAMPLE} more` : '';
  return `${entries.length} invalid ${kind} ${entries.length === 1 ? 'entry' : 'entries'} skipped: ${sample.join(', ')}${more}`;
}
