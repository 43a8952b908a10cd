// MISP warninglists for the network analytics: which lists an IP address or a domain name is
// on, and what each list means for a "rare destination" score (known-good lowers it, raise
// raises it, neutral says nothing).
import { parseAddress } from '../geo/address.ts';
import type { ListClass } from './classify.ts';
import type { CompiledList, WarninglistInfo } from './compile.ts';
import { normalizeName, suffixesOf } from './domain-set.ts';
import { loadWarninglists, type LoadOptions, type LoadProblem } from './load.ts';

export {
  classifyList,
  overallClass,
  DEFAULT_CLASS_RULES,
  POPULARITY_LISTS,
  type ClassRule,
  type ListClass,
} from './classify.ts';
export type { ClassifyOptions } from './classify.ts';
export type { WarninglistInfo } from './compile.ts';
export { loadWarninglists, type LoadOptions, type LoadProblem, type LoadResult } from './load.ts';

/** A list that matched: what to show, and what it means for a score. */
export interface WarninglistMatch {
  id: string;
  name: string;
  description: string;
  class: ListClass;
}

/** A set of compiled warninglists. */
export class Warninglists {
  readonly #ipLists: CompiledList[];
  readonly #domainLists: CompiledList[];
  /** Every list loaded. */
  readonly lists: readonly WarninglistInfo[];
  /** Per-file problems met while loading (skipped files and skipped entries). */
  readonly problems: readonly LoadProblem[];
  /** Load time. */
  readonly milliseconds: number;

  constructor(
    lists: readonly CompiledList[],
    problems: readonly LoadProblem[] = [],
    milliseconds = 0,
  ) {
    this.#ipLists = lists.filter((list) => list.forIp);
    this.#domainLists = lists.filter((list) => list.forDomain);
    this.lists = lists.map((list) => list.info);
    this.problems = problems;
    this.milliseconds = milliseconds;
  }

  /** Load every `list.json` below `directory` (bad files are in `problems`, not thrown). */
  static fromDirectory(directory: string, options: LoadOptions = {}): Warninglists {
    const result = loadWarninglists(directory, options);
    return new Warninglists(result.lists, result.problems, result.milliseconds);
  }

  /** The CIDR lists containing `ip` (IPv4-mapped IPv6 is matched as IPv4); [] for non-addresses. */
  matchIp(ip: string): WarninglistMatch[] {
    const address = parseAddress(ip);
    if (address === undefined) return [];
    return this.#ipLists.filter((list) => list.matchIp(address)).map(toMatch);
  }

  /** The name lists matching host name `name` (case and a trailing dot ignored). */
  matchDomain(name: string): WarninglistMatch[] {
    const normalized = normalizeName(name);
    if (normalized === '') return [];
    const suffixes = suffixesOf(normalized);
    return this.#domainLists.filter((list) => list.matchName(normalized, suffixes)).map(toMatch);
  }
}

function toMatch(list: CompiledList): WarninglistMatch {
  const { id, name, description, class: listClass } = list.info;
  return { id, name, description, class: listClass };
}
