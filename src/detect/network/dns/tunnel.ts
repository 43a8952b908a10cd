// DNS tunnelling (dnscat2, iodine, DNS C2): a tunnel writes its payload into ever-new names
// under one registered domain, because only queries for names no resolver has cached reach the
// attacker's name server. RITA's whole test is the count of distinct names per registered
// domain (>= 100 a day); that misses slow tunnels and flags busy CDNs, so the names' shape
// (long, encoded-looking labels; flat character distribution), the query types a tunnel needs
// for bigger answers (TXT, NULL, CNAME, MX) and how rarely names repeat are scored as well.
// State is per registered domain and bounded: names are counted as hashes, never kept.
import { isIP } from 'node:net';
import type { DnsQuery, Flow, NetworkFinding } from '../flow.ts';
import { bucketed } from '../beacon/score.ts';
import { DistinctCounter, hash53 } from './distinct.ts';
import { evictOldest, type Recent } from '../evict.ts';
import { CHAR_BINS, entropyBits, measureSubdomain, queryName } from './names.ts';

export interface DnsTunnelOptions {
  /** Length of one counting period, seconds; RITA's thresholds are per 24 h. */
  periodSeconds?: number;
  /** Registered domains tracked; the least recently queried are forgotten first. */
  maxDomains?: number;
  /** Distinct-name hashes kept per domain before counting turns to sampling. */
  maxNamesPerDomain?: number;
  /** Answer addresses remembered to tell whether anyone connected to them. */
  maxResolvedAddresses?: number;
  /** Findings below this score are not reported unless the distinct count alone flags them. */
  minScore?: number;
  /** This many querying hosts make a domain a shared service (RITA's prevalence idea). */
  widespreadHosts?: number;
  /** Keep names under suffixes missing from the public-suffix list (`.corp`, `.lan`). */
  anySuffix?: boolean;
}

/** Time range (epoch seconds, inclusive) that findings must overlap. */
export interface TimeWindow {
  start: number;
  end: number;
}

/** RITA: distinct FQDNs per registered domain in 24 h, on its category scale. */
export const DISTINCT_BUCKETS = { base: 100, low: 500, medium: 800, high: 1000 };
/** RITA's C2-over-DNS modifier: nobody connected to the addresses the domain resolved to. */
export const NEVER_CONNECTED = 0.15;
/** RITA's prevalence modifier, in reverse: many hosts asking makes a service, not a tunnel. */
export const WIDESPREAD = -0.15;
/** Query types that carry larger answers, which tunnels favour over A/AAAA. */
const UNUSUAL_QTYPES = new Set(['TXT', 'NULL', 'CNAME', 'MX', 'SRV', 'ANY', 'PRIVATE']);

// Content weights: an encoded label is the most specific sign; the character entropy only
// separates base32/base64 (about 5 bits) from hostnames and hex (about 4 bits), so it weighs less.
const WEIGHTS = { encoded: 0.3, qtype: 0.2, length: 0.15, entropy: 0.15, uniqueness: 0.2 };
// Content alone reaches RITA's HIGH bucket at most: it needs the distinct count or a modifier
// to become critical.
const CONTENT_CEILING = 0.8;
// Below 5 distinct names content says nothing; from 20 on it counts fully.
const EVIDENCE_FROM = 5;
const EVIDENCE_FULL = 20;
const LENGTH_FROM = 15;
const LENGTH_FULL = 50;
const ENTROPY_FROM = 4;
const ENTROPY_FULL = 5;
const MAX_HOSTS = 64;
const MAX_EXAMPLES = 3;
const MAX_EVENT_IDS = 10;
const MAX_DOMAINS_PER_ADDRESS = 4;

interface Period {
  start: number;
  firstSeen: number;
  lastSeen: number;
  queries: number;
  unusual: number;
  names: DistinctCounter;
  /** Distinct names measured (every new name, or the sampled ones past the cap). */
  measured: number;
  lengthSum: number;
  encoded: number;
  histogram: Uint32Array;
  hosts: Map<string, number>;
  site: string | undefined;
  examples: string[];
  eventIds: string[];
}

interface DomainState extends Recent {
  domain: string;
  period: Period;
  /** The last completed period's finding, kept until it falls out of the window. */
  previous: NetworkFinding | undefined;
  previousStart: number;
  previousEnd: number;
  /** Some answer was an address. */
  resolved: boolean;
  /** Some host connected to one of those addresses. */
  contacted: boolean;
}

interface AddressEntry extends Recent {
  domains: DomainState[];
}

/** Scores registered domains for DNS tunnelling from a stream of queries and connections. */
export class DnsTunnelDetector {
  readonly #domains = new Map<string, DomainState>();
  readonly #resolved = new Map<string, AddressEntry>();
  readonly #contacted = new Map<string, Recent>();
  readonly #period: number;
  readonly #maxDomains: number;
  readonly #maxNames: number;
  readonly #maxAddresses: number;
  readonly #minScore: number;
  readonly #widespread: number;
  readonly #anySuffix: boolean;

  constructor(options: DnsTunnelOptions = {}) {
    this.#period = Math.max(1, options.periodSeconds ?? 86_400);
    this.#maxDomains = Math.max(1, options.maxDomains ?? 50_000);
    this.#maxNames = Math.max(16, options.maxNamesPerDomain ?? 20_000);
    this.#maxAddresses = Math.max(1, options.maxResolvedAddresses ?? 200_000);
    this.#minScore = options.minScore ?? 0.4;
    this.#widespread = Math.max(2, options.widespreadHosts ?? 25);
    this.#anySuffix = options.anySuffix ?? false;
  }

  /** Domains currently tracked (for memory checks). */
  get trackedDomains(): number {
    return this.#domains.size;
  }

  /** Addresses currently remembered, resolved and contacted (for memory checks). */
  get trackedAddresses(): number {
    return this.#resolved.size + this.#contacted.size;
  }

  /** Count one query. Repeated names cost a parse and a hash lookup. */
  observe(query: DnsQuery): void {
    const name = queryName(query.query, this.#anySuffix);
    if (name === undefined) return;
    const state = this.#state(name.domain, query.ts);
    const period = this.#periodFor(state, query.ts);
    state.lastSeen = Math.max(state.lastSeen, query.ts);
    period.firstSeen = Math.min(period.firstSeen, query.ts);
    period.lastSeen = Math.max(period.lastSeen, query.ts);
    period.queries++;
    if (UNUSUAL_QTYPES.has(query.qtype)) period.unusual++;
    const hosts = period.hosts.get(query.src);
    if (hosts !== undefined) period.hosts.set(query.src, hosts + 1);
    else if (period.hosts.size < MAX_HOSTS) period.hosts.set(query.src, 1);
    if (period.site === undefined) period.site = query.site;
    if (query.eventId !== undefined && period.eventIds.length < MAX_EVENT_IDS)
      period.eventIds.push(query.eventId);
    if (query.answers.length > 0) this.#noteAnswers(state, query);
    if (!period.names.add(hash53(query.query))) return;
    const shape = measureSubdomain(name.subdomain, period.histogram);
    period.measured++;
    period.lengthSum += shape.length;
    if (shape.encoded) period.encoded++;
    if (period.examples.length < MAX_EXAMPLES && name.subdomain !== '')
      period.examples.push(query.query);
  }

  /** Note a connection: a domain whose addresses someone contacts is not only a DNS channel. */
  observeFlow(flow: Flow): void {
    const entry = this.#resolved.get(flow.dst);
    if (entry !== undefined) {
      for (const state of entry.domains) state.contacted = true;
      return;
    }
    // The connection may be logged before the query that resolved it: remember it briefly.
    const seen = this.#contacted.get(flow.dst);
    if (seen !== undefined) seen.lastSeen = Math.max(seen.lastSeen, flow.ts);
    else {
      this.#contacted.set(flow.dst, { lastSeen: flow.ts });
      evictOldest(this.#contacted, this.#maxAddresses);
    }
  }

  /** Domains that look like tunnels, highest score first; only those overlapping `window`. */
  findings(window?: TimeWindow): NetworkFinding[] {
    const out: NetworkFinding[] = [];
    for (const state of this.#domains.values()) {
      const { previous, period } = state;
      if (previous !== undefined && overlaps(state.previousStart, state.previousEnd, window))
        out.push(previous);
      if (period.queries === 0 || !overlaps(period.firstSeen, period.lastSeen, window)) continue;
      const finding = this.#score(state, period);
      if (finding !== undefined) out.push(finding);
    }
    return out.sort((a, b) => b.score - a.score);
  }

  #state(domain: string, ts: number): DomainState {
    let state = this.#domains.get(domain);
    if (state === undefined) {
      state = {
        domain,
        lastSeen: ts,
        period: this.#newPeriod(ts),
        previous: undefined,
        previousStart: 0,
        previousEnd: 0,
        resolved: false,
        contacted: false,
      };
      this.#domains.set(domain, state);
      evictOldest(this.#domains, this.#maxDomains);
    }
    return state;
  }

  /** The domain's current period, closing the old one (scored, then dropped) when `ts` is past it. */
  #periodFor(state: DomainState, ts: number): Period {
    if (ts < state.period.start + this.#period) return state.period;
    const old = state.period;
    state.previous = old.queries > 0 ? this.#score(state, old) : undefined;
    state.previousStart = old.firstSeen;
    state.previousEnd = old.lastSeen;
    state.period = this.#newPeriod(ts);
    return state.period;
  }

  #newPeriod(ts: number): Period {
    return {
      start: ts,
      firstSeen: ts,
      lastSeen: ts,
      queries: 0,
      unusual: 0,
      names: new DistinctCounter(this.#maxNames),
      measured: 0,
      lengthSum: 0,
      encoded: 0,
      histogram: new Uint32Array(CHAR_BINS),
      hosts: new Map(),
      site: undefined,
      examples: [],
      eventIds: [],
    };
  }

  #noteAnswers(state: DomainState, query: DnsQuery): void {
    for (const answer of query.answers) {
      if (isIP(answer) === 0) continue;
      state.resolved = true;
      const contacted = this.#contacted.get(answer);
      if (contacted !== undefined) state.contacted = true;
      const entry = this.#resolved.get(answer);
      if (entry === undefined) {
        this.#resolved.set(answer, { lastSeen: query.ts, domains: [state] });
        evictOldest(this.#resolved, this.#maxAddresses);
      } else {
        entry.lastSeen = Math.max(entry.lastSeen, query.ts);
        if (!entry.domains.includes(state)) {
          if (entry.domains.length >= MAX_DOMAINS_PER_ADDRESS) entry.domains.shift();
          entry.domains.push(state);
        }
      }
    }
  }

  #score(state: DomainState, period: Period): NetworkFinding | undefined {
    const distinct = period.names.count;
    const measured = Math.max(1, period.measured);
    const bits = entropyBits(period.histogram);
    const meanLength = period.lengthSum / measured;
    const encodedShare = period.encoded / measured;
    const unusualShare = period.unusual / period.queries;
    const uniqueness = Math.min(1, distinct / period.queries);
    const parts = {
      encoded: encodedShare,
      qtype: clamp(unusualShare * 2),
      length: ramp(meanLength, LENGTH_FROM, LENGTH_FULL),
      entropy: ramp(bits, ENTROPY_FROM, ENTROPY_FULL),
      uniqueness,
    };
    const content =
      WEIGHTS.encoded * parts.encoded +
      WEIGHTS.qtype * parts.qtype +
      WEIGHTS.length * parts.length +
      WEIGHTS.entropy * parts.entropy +
      WEIGHTS.uniqueness * parts.uniqueness;
    const evidence = ramp(distinct, EVIDENCE_FROM, EVIDENCE_FULL);
    const contentScore = CONTENT_CEILING * content * evidence;
    const distinctScore = bucketed(distinct, DISTINCT_BUCKETS);
    const base = Math.max(distinctScore, contentScore);
    const hosts = period.hosts.size;
    const neverConnected = base > 0 && !state.contacted ? NEVER_CONNECTED : 0;
    const widespread = hosts >= this.#widespread ? WIDESPREAD : 0;
    const score = round3(clamp(base + neverConnected + widespread));
    if (distinctScore === 0 && score < this.#minScore) return undefined;

    const components: Record<string, number> = {
      distinct,
      distinctScore: round3(distinctScore),
      queries: period.queries,
      meanSubdomainLength: round3(meanLength),
      entropyBits: round3(bits),
      encodedShare: round3(encodedShare),
      unusualQtypeShare: round3(unusualShare),
      hosts,
      lengthScore: round3(parts.length),
      entropyScore: round3(parts.entropy),
      qtypeScore: round3(parts.qtype),
      uniqueness: round3(uniqueness),
      evidence: round3(evidence),
      contentScore: round3(contentScore),
      neverConnected,
      widespread,
    };
    const approx = period.names.approximate ? 'about ' : '';
    const reasons = [
      `${approx}${distinct} distinct names under ${state.domain} in ${period.queries} queries` +
        (distinctScore > 0 ? ' (RITA flags 100 or more a day)' : ''),
    ];
    if (encodedShare >= 0.5)
      reasons.push(`${pct(encodedShare)} of names carry an encoded-looking label (hex, base32)`);
    if (bits >= ENTROPY_FROM + 0.5)
      reasons.push(`subdomain characters carry ${bits.toFixed(2)} bits each (base32/64-like)`);
    if (meanLength >= LENGTH_FROM + 10)
      reasons.push(`subdomains average ${meanLength.toFixed(0)} characters`);
    if (unusualShare >= 0.25)
      reasons.push(`${pct(unusualShare)} of queries ask for TXT, NULL, CNAME, MX or similar`);
    if (neverConnected > 0)
      reasons.push(
        state.resolved
          ? 'no host connected to the addresses it resolved to'
          : 'it never resolved to an address',
      );
    if (widespread < 0) reasons.push(`${hosts} hosts query it: likely a shared service`);
    if (period.examples.length > 0) reasons.push(`e.g. ${period.examples.join(', ')}`);

    return {
      kind: 'dns-tunnel',
      score,
      src: topHost(period.hosts),
      dst: state.domain,
      ...(period.examples[0] !== undefined && { name: period.examples[0] }),
      ...(period.site !== undefined && { site: period.site }),
      components,
      reasons,
      first_seen: iso(period.firstSeen),
      last_seen: iso(period.lastSeen),
      event_ids: [...period.eventIds],
    };
  }
}

function overlaps(first: number, last: number, window: TimeWindow | undefined): boolean {
  return window === undefined || (last >= window.start && first <= window.end);
}

function topHost(hosts: Map<string, number>): string {
  let best = '';
  let most = -1;
  for (const [host, n] of hosts)
    if (n > most) {
      best = host;
      most = n;
    }
  return best;
}

function ramp(value: number, from: number, full: number): number {
  return clamp((value - from) / (full - from));
}

function clamp(value: number): number {
  return value > 1 ? 1 : value > 0 ? value : 0;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function pct(share: number): string {
  return `${Math.round(share * 100)} %`;
}

function iso(ts: number): string {
  return new Date(ts * 1000).toISOString();
}
