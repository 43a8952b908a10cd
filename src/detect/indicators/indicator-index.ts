// Matches event values against indicators at line rate: a hash map per value type, domain
// suffixes walked label by label (an indicator for evil.com matches a.b.evil.com), CIDR ranges
// by one map per prefix length present, and the few STIX patterns no single value expresses as
// compiled predicates. Building does the work once; a lookup allocates nothing unless it hits.
import {
  maskIpv6,
  parseIpv4,
  parseIpv6,
  type EventValue,
  type Indicator,
  type ValueType,
} from '../../core/index.ts';
import { Uint32Map } from './uint32-map.ts';

/** An indicator as the matcher holds it. */
export interface IndexedIndicator {
  indicator: Indicator;
  /** 0..100 after decay: what sets the alert level. */
  confidence: number;
  /** Named by a warninglist and not forced: matches are counted, not alerted. */
  heldBack: boolean;
}

export interface IndicatorHit {
  entry: IndexedIndicator;
  /** The event value that matched (for a pattern, the first value of the pattern's type). */
  value: EventValue;
}

export type PatternPredicate = (values: readonly EventValue[]) => boolean;
/** Compiles a STIX pattern (supplied by the composition root: detect does not parse STIX). */
export type PatternCompiler = (pattern: string) => PatternPredicate | { error: string };

export interface IndexProblem {
  indicator: Indicator;
  reason: string;
}

type Postings = number[];

export class IndicatorIndex {
  readonly entries: readonly IndexedIndicator[];
  readonly problems: IndexProblem[] = [];
  // One map per type as a plain field: the type switch picks it without a further lookup.
  private readonly exact: Record<ValueType, Map<string, Postings>> = {
    ipv4: new Map(),
    ipv6: new Map(),
    domain: new Map(),
    url: new Map(),
    md5: new Map(),
    sha1: new Map(),
    sha256: new Map(),
    sha512: new Map(),
    email: new Map(),
    filename: new Map(),
  };
  private readonly domains = new Map<string, Postings>();
  /**
   * Hashes of the domain indicators, computed from the last character backwards: a name's
   * suffixes are hashed in one pass over it, and only a suffix whose hash is here is cut out and
   * looked up. Most names match nothing and so cost no allocation.
   */
  private readonly domainHashes = new Set<number>();
  /** Lengths of the URL indicators: a URL's part before `?` is cut out only when one could match. */
  private readonly urlLengths = new Set<number>();
  /** IPv4 addresses (as /32) and ranges: per prefix length, network → index into v4Postings. */
  private readonly v4Ranges = new Map<number, Uint32Map>();
  private readonly v4Postings: Postings[] = [];
  private v4Prefixes: number[] = [];
  private v4Maps: Uint32Map[] = [];
  private readonly v6Ranges = new Map<number, Map<bigint, Postings>>();
  private v6Prefixes: number[] = [];
  private readonly patterns: { entry: number; predicate: PatternPredicate }[] = [];

  constructor(entries: readonly IndexedIndicator[], compilePattern?: PatternCompiler) {
    this.entries = entries;
    for (const [position, entry] of entries.entries()) this.add(position, entry, compilePattern);
    this.v4Prefixes = [...this.v4Ranges.keys()].sort((a, b) => b - a);
    this.v4Maps = this.v4Prefixes.map((prefix) => this.v4Ranges.get(prefix) as Uint32Map);
    this.v6Prefixes = [...this.v6Ranges.keys()].sort((a, b) => b - a);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Indicators this value alone matches (patterns and `requires` are not checked here). */
  matchValue(type: ValueType, value: string, out: number[] = []): number[] {
    switch (type) {
      case 'domain':
        this.matchSuffixes(value, out);
        break;
      case 'ipv4':
        if (this.v4Prefixes.length > 0) this.matchV4(value, out);
        break;
      case 'ipv6':
        append(out, this.exact.ipv6.get(value));
        if (this.v6Prefixes.length > 0) this.matchV6(value, out);
        break;
      case 'url': {
        const urls = this.exact.url;
        append(out, urls.get(value));
        // An indicator for a URL also names it with any query string.
        const query = value.indexOf('?');
        if (query > 0 && this.urlLengths.has(query)) append(out, urls.get(value.slice(0, query)));
        break;
      }
      default:
        append(out, this.exact[type].get(value));
    }
    return out;
  }

  /** Every indicator the event's values match, once each, with the value that matched it. */
  match(values: readonly EventValue[]): IndicatorHit[] {
    let hits: IndicatorHit[] | undefined;
    let seen: Set<number> | undefined;
    const candidates: number[] = [];
    for (const value of values) {
      candidates.length = 0;
      this.matchValue(value.type, value.value, candidates);
      for (const position of candidates) {
        seen ??= new Set();
        if (seen.has(position)) continue;
        const entry = this.entries[position] as IndexedIndicator;
        if (!carriesAll(values, entry.indicator.requires)) continue;
        seen.add(position);
        (hits ??= []).push({ entry, value });
      }
    }
    for (const { entry: position, predicate } of this.patterns) {
      if (seen?.has(position) === true || !predicate(values)) continue;
      const entry = this.entries[position] as IndexedIndicator;
      const value = values[0];
      if (value !== undefined) (hits ??= []).push({ entry, value });
    }
    return hits ?? [];
  }

  private add(position: number, entry: IndexedIndicator, compilePattern?: PatternCompiler): void {
    const { type, value } = entry.indicator;
    switch (type) {
      case 'domain':
        post(this.domains, value, position);
        this.domainHashes.add(reverseHash(value, 0));
        return;
      case 'cidr': {
        const slash = value.indexOf('/');
        const prefix = Number(value.slice(slash + 1));
        const v4 = parseIpv4(value.slice(0, slash));
        if (v4 >= 0) {
          this.postV4(v4, prefix, position);
          return;
        }
        const v6 = parseIpv6(value.slice(0, slash));
        if (v6 === undefined)
          this.problems.push({ indicator: entry.indicator, reason: 'bad CIDR' });
        else post(mapFor(this.v6Ranges, prefix), maskIpv6(v6, prefix), position);
        return;
      }
      case 'ipv4': {
        const address = parseIpv4(value);
        if (address < 0)
          this.problems.push({ indicator: entry.indicator, reason: 'bad IPv4 address' });
        else this.postV4(address, 32, position);
        return;
      }
      case 'pattern': {
        const compiled = compilePattern?.(value) ?? { error: 'no STIX pattern compiler given' };
        if ('error' in compiled)
          this.problems.push({ indicator: entry.indicator, reason: compiled.error });
        else this.patterns.push({ entry: position, predicate: compiled });
        return;
      }
      default:
        post(this.exact[type], value, position);
        if (type === 'url') this.urlLengths.add(value.length);
    }
  }

  private matchSuffixes(domain: string, out: number[]): void {
    if (this.domains.size === 0) return;
    const hashes = this.domainHashes;
    let hash = 0;
    for (let index = domain.length - 1; index >= 0; index--) {
      const code = domain.charCodeAt(index);
      if (code === 46 && hashes.has(hash)) append(out, this.domains.get(domain.slice(index + 1)));
      hash = step(hash, code);
    }
    if (hashes.has(hash)) append(out, this.domains.get(domain));
  }

  private matchV4(text: string, out: number[]): void {
    const address = parseIpv4(text);
    if (address < 0) return;
    const maps = this.v4Maps;
    for (let at = 0; at < maps.length; at++) {
      const found = (maps[at] as Uint32Map).get(networkKey(address, this.v4Prefixes[at] as number));
      if (found >= 0) append(out, this.v4Postings[found]);
    }
  }

  private postV4(address: number, prefix: number, position: number): void {
    let map = this.v4Ranges.get(prefix);
    if (map === undefined) this.v4Ranges.set(prefix, (map = new Uint32Map()));
    const key = networkKey(address, prefix);
    const found = map.get(key);
    if (found >= 0) (this.v4Postings[found] as Postings).push(position);
    else {
      map.set(key, this.v4Postings.length);
      this.v4Postings.push([position]);
    }
  }

  private matchV6(text: string, out: number[]): void {
    const address = parseIpv6(text);
    if (address === undefined) return;
    for (const prefix of this.v6Prefixes) {
      const postings = this.v6Ranges.get(prefix)?.get(maskIpv6(address, prefix));
      append(out, postings);
    }
  }
}

/** The network part of an IPv4 address as a small integer (its high `prefix` bits). */
function networkKey(address: number, prefix: number): number {
  return prefix === 0 ? 0 : Math.floor(address / 2 ** (32 - prefix));
}

function append(out: number[], postings: Postings | undefined): void {
  if (postings === undefined) return;
  for (const position of postings) out.push(position);
}

/** The hash `matchSuffixes` computes for the part of `text` from `start` on. */
function reverseHash(text: string, start: number): number {
  let hash = 0;
  for (let index = text.length - 1; index >= start; index--)
    hash = step(hash, text.charCodeAt(index));
  return hash;
}

function step(hash: number, code: number): number {
  // FNV-style multiply kept within a small integer, so the Set holds small integers.
  return (Math.imul(hash ^ code, 16777619) >>> 0) & 0x3fffffff;
}

function post<K>(map: Map<K, Postings>, key: K, position: number): void {
  const postings = map.get(key);
  if (postings === undefined) map.set(key, [position]);
  else postings.push(position);
}

function mapFor<K>(ranges: Map<number, Map<K, Postings>>, prefix: number): Map<K, Postings> {
  let map = ranges.get(prefix);
  if (map === undefined) ranges.set(prefix, (map = new Map<K, Postings>()));
  return map;
}

/** A STIX AND: the event must carry every further value too (a domain as itself or a subdomain). */
function carriesAll(values: readonly EventValue[], requires: Indicator['requires']): boolean {
  if (requires === undefined) return true;
  return requires.every((wanted) =>
    values.some(
      (value) =>
        value.type === wanted.type &&
        (value.value === wanted.value ||
          (wanted.type === 'domain' && value.value.endsWith(`.${wanted.value}`))),
    ),
  );
}
