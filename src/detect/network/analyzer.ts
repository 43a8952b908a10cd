// The network analytics over one window: connections grouped into pairs and scored for beacons
// (RITA's statistics), long connections and strobes; DNS tunnelling, uploads far above a host's
// normal, scans and zone breaches; then each pair's score moved by what is known about its
// destination — how many hosts and sites reach it, since when, which country and network it is
// in, which MISP warninglists it is on — and turned into a verdict an analyst can read.
import { isPublicAddress, type EcsEvent } from '../../core/index.ts';
import { beaconScore, beaconThreat, longConnectionThreat, severityOf } from './beacon/score.ts';
import { DnsTunnelDetector } from './dns/tunnel.ts';
import type { DnsQuery, Flow, NetworkFinding } from './flow.ts';
import { connectionName, dnsQueryOf, flowOf, sessionOf } from './from-events.ts';
import { PairTable, type Pair } from './pair-table.ts';
import { Prevalence } from './prevalence.ts';
import type { ScoredPair } from './scored-pair.ts';
import { StrobeDetector } from './strobes/strobe.ts';
import { UploadDetector } from './uploads/baseline.ts';
import { ZonePolicy } from './zone-policy.ts';

export interface DestinationInfo {
  country?: string;
  asn?: number;
  organization?: string;
}

export interface ListMatch {
  name: string;
  effect: 'known-good' | 'raise' | 'neutral';
}

/** What the analytics may ask about a destination; adapters wrap enrich/geo and warninglists. */
export interface DestinationContext {
  geo?(ip: string): DestinationInfo | undefined;
  listsForIp?(ip: string): ListMatch[];
  listsForName?(name: string): ListMatch[];
}

export interface NetworkAnalyzerOptions {
  /** ISO 3166 codes whose destinations raise a score (never alone enough for an alert). */
  watchCountries?: readonly string[];
  context?: DestinationContext;
  /** Final score from which a pair or finding is an alert. */
  alertThreshold?: number;
}

export interface NetworkReport {
  window: { start: string; end: string };
  /** Internal hosts seen in the window. */
  hosts: number;
  connections: number;
  pairs: ScoredPair[];
  /** DNS tunnels, uploads, scans, zone breaches (beacons and long connections are pairs). */
  findings: NetworkFinding[];
}

// RITA's modifiers (reference notes §1.7) and ours; each is listed on the pair by name.
const MODIFIERS = {
  rare: 0.15,
  common: -0.15,
  mostHosts: -0.3,
  newDestination: 0.15,
  oldDestination: -0.15,
  knownGood: -0.2,
  raiseList: 0.15,
  watchCountry: 0.1,
} as const;
const DAY = 86_400;
const WINDOW = DAY;
const MAX_SESSIONS = 500_000;
const DEFAULT_ALERT = 0.6;
// A pair needs some threat of its own before modifiers may lift it to an alert.
const MIN_THREAT_FOR_ALERT = 0.4;

export class NetworkAnalyzer {
  readonly #pairs = new PairTable();
  readonly #prevalence: Prevalence;
  readonly #zones = new ZonePolicy();
  readonly #dns = new DnsTunnelDetector();
  readonly #uploads = new UploadDetector();
  readonly #strobes = new StrobeDetector();
  readonly #names = new Map<string, string>();
  /** Connections still open at their last report, by session. */
  readonly #open = new Map<string, Flow>();
  readonly #options: NetworkAnalyzerOptions;
  #connections = 0;
  #windowStart = 0;
  #first = Number.POSITIVE_INFINITY;
  #last = 0;

  constructor(options: NetworkAnalyzerOptions = {}, firstSeen?: Map<string, number>) {
    this.#options = options;
    this.#prevalence = new Prevalence(firstSeen);
  }

  /** Any event: connections, DNS queries and the names HTTP/TLS give their connections. */
  observe(event: EcsEvent): void {
    const named = connectionName(event);
    if (named !== undefined) {
      if (this.#names.size >= MAX_SESSIONS)
        this.#names.delete(this.#names.keys().next().value ?? '');
      this.#names.set(named.session, named.name);
      return;
    }
    const flow = flowOf(event);
    if (flow !== undefined && event.event.dataset === 'zeek.open_conn') {
      // Reported again and again while open: keep the latest report, counted once at analysis.
      const session = sessionOf(event) ?? `${flow.src}\u0000${flow.dst}\u0000${flow.ts}`;
      const known = this.#open.get(session);
      if (known === undefined || flow.duration >= known.duration) this.#open.set(session, flow);
      return;
    }
    if (flow !== undefined) {
      if (flow.name === undefined) {
        const session = sessionOf(event);
        const name = session === undefined ? undefined : this.#names.get(session);
        if (name !== undefined) flow.name = name;
      }
      this.observeFlow(flow);
      return;
    }
    const query = dnsQueryOf(event);
    if (query !== undefined) this.observeDns(query);
  }

  observeFlow(flow: Flow): void {
    this.#zones.observe(flow);
    this.#dns.observeFlow(flow);
    this.#strobes.observe(flow);
    if (!outbound(flow)) return;
    this.#connections++;
    if (flow.ts < this.#first) this.#first = flow.ts;
    if (flow.ts > this.#last) this.#last = flow.ts;
    this.#pairs.observe(flow);
    this.#uploads.observe(flow);
  }

  observeDns(query: DnsQuery): void {
    if (query.ts < this.#first) this.#first = query.ts;
    if (query.ts > this.#last) this.#last = query.ts;
    this.#dns.observe(query);
  }

  /** Everything scored over the last 24 hours of what was observed. */
  analyze(): NetworkReport {
    // Open connections count toward their pair's time connected, once each, at their latest size.
    for (const flow of this.#open.values()) if (outbound(flow)) this.#pairs.addOpen(flow);
    this.#open.clear();
    const end = this.#last === 0 ? Date.now() / 1000 : Math.floor(this.#last);
    const start = Math.max(Math.floor(this.#first), end - WINDOW);
    const window = { start, end };
    const pairs: ScoredPair[] = [];
    this.#prevalence.build(this.#pairs);
    const history = this.#prevalence.historySpan(end);
    for (const pair of this.#pairs.pairs()) {
      const scored = this.#score(pair, window, history);
      if (scored !== undefined) pairs.push(scored);
    }
    pairs.sort((a, b) => b.score - a.score || b.connections - a.connections);
    const findings = [
      ...this.#zones.findings(),
      ...this.#dns.findings(window),
      ...this.#uploads.findings(),
      ...this.#strobes.findings(window),
    ]
      .map((finding) => this.#locate(finding))
      .sort((a, b) => b.score - a.score);
    this.#windowStart = start;
    return {
      window: { start: iso(start), end: iso(end) },
      hosts: this.#prevalence.networkSize,
      connections: this.#connections,
      pairs,
      findings,
    };
  }

  /**
   * Forgets connections older than the last analysed window: a long-lived (live) analyzer calls
   * it after each analysis so its memory follows the window, not the uptime.
   */
  forgetOld(): void {
    if (this.#windowStart > 0) this.#pairs.prune(Math.floor(this.#windowStart / 3600) * 3600);
  }

  /** When each destination was first seen: kept by the caller across windows. */
  get firstSeen(): Map<string, number> {
    return this.#prevalence.firstSeen;
  }

  #score(
    pair: Pair,
    window: { start: number; end: number },
    history: number,
  ): ScoredPair | undefined {
    // Most pairs are a page or two fetched once: no beacon, no long session, nothing to score.
    if (pair.count < 4 && longConnectionThreat(pair.duration) === 0) return undefined;
    // RITA takes a pair's connections from the top of the hour the window starts in.
    const from = Math.floor(window.start / 3600) * 3600;
    const columns = this.#pairs.connectionsOf(pair.id);
    let inWindow = 0;
    for (const ts of columns.ts) if (ts >= from && ts <= window.end) inWindow++;
    let timestamps: ArrayLike<number> = columns.ts;
    let bytes: ArrayLike<number> = columns.bytes;
    if (inWindow < pair.count) {
      const ts = new Uint32Array(inWindow);
      const sent = new Uint32Array(inWindow);
      let n = 0;
      for (let i = 0; i < pair.count; i++) {
        const t = columns.ts[i] ?? 0;
        if (t < from || t > window.end) continue;
        ts[n] = t;
        sent[n] = columns.bytes[i] ?? 0;
        n++;
      }
      timestamps = ts;
      bytes = sent;
    }
    if (timestamps.length === 0 && pair.failed === 0) return undefined;
    const beacon = timestamps.length >= 4 ? beaconScore({ timestamps, bytes, window }) : undefined;
    const components: Record<string, number> = {};
    const reasons: string[] = [];
    if (beacon !== undefined) {
      components.beacon = beaconThreat(beacon.score);
      if (components.beacon > 0)
        reasons.push(
          `beacon score ${beacon.score.toFixed(3)} (timing ${beacon.timestamp}, sizes ${beacon.dataSize}, hours ${beacon.histogram}, duration ${beacon.duration}) over ${timestamps.length} connections`,
        );
    }
    components.long_connection = longConnectionThreat(pair.duration);
    if (components.long_connection > 0)
      reasons.push(`connected for ${Math.round(pair.duration / 3600)} h in total`);
    const threat = Math.max(components.beacon ?? 0, components.long_connection);
    const destination = this.#destination(pair);
    const prevalence = this.#prevalence.of(pair.dst);
    let score = threat;
    const modify = (name: keyof typeof MODIFIERS, why: string): void => {
      components[name] = MODIFIERS[name];
      score += MODIFIERS[name];
      reasons.push(why);
    };
    if (threat > 0) {
      const network = this.#prevalence.networkSize;
      // Polling that most hosts do (updates, time, antivirus) — organization-wide or at one site —
      // is the benign beacon; a few hosts at a few sites is the backdoor's pattern.
      if (network >= 10 && (prevalence.share >= 0.5 || prevalence.siteShare >= 0.5))
        modify(
          'mostHosts',
          `${prevalence.hosts} of ${network} hosts reach it (${Math.round(Math.max(prevalence.share, prevalence.siteShare) * 100)}% of a site or the organization)`,
        );
      else if (network >= 10 && prevalence.share >= 0.1)
        modify('common', `${prevalence.hosts} of ${network} hosts reach it`);
      else if (
        network >= 50 &&
        prevalence.hosts <= Math.max(2, network * 0.02) &&
        prevalence.sites <= 3
      )
        modify(
          'rare',
          `only ${prevalence.hosts} of ${network} hosts at ${prevalence.sites} site(s) reach it`,
        );
      // First sightings mean something only with more than a week of history behind them.
      if (history >= 7 * DAY) {
        const age = window.end - prevalence.firstSeen;
        if (age <= 7 * DAY)
          modify(
            'newDestination',
            `first seen ${Math.max(0, Math.round(age / 3600))} h before the window ends`,
          );
        else if (age >= 30 * DAY)
          modify('oldDestination', `seen for ${Math.round(age / DAY)} days`);
      }
      if (destination.lists.some((list) => list.effect === 'known-good'))
        modify('knownGood', `on known-good lists: ${listNames(destination.lists, 'known-good')}`);
      if (destination.lists.some((list) => list.effect === 'raise'))
        modify('raiseList', `on lists attackers favour: ${listNames(destination.lists, 'raise')}`);
      const country = destination.country;
      if (country !== undefined && (this.#options.watchCountries ?? []).includes(country))
        modify('watchCountry', `in a watched country (${country})`);
    }
    score = Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
    const alert =
      score >= (this.#options.alertThreshold ?? DEFAULT_ALERT) && threat >= MIN_THREAT_FOR_ALERT;
    const scored: ScoredPair = {
      src: pair.src,
      dst: pair.dst,
      kind: pair.kind,
      connections: timestamps.length,
      failed: pair.failed,
      window: { start: iso(window.start), end: iso(window.end) },
      long_connection_seconds: Math.round(pair.duration),
      sent_bytes: pair.sentBytes,
      prevalence: {
        hosts: prevalence.hosts,
        sites: prevalence.sites,
        share: Math.round(prevalence.share * 1000) / 1000,
      },
      first_seen: iso(prevalence.firstSeen),
      destination,
      components,
      score,
      severity: severityOf(score),
      alert,
      reasons,
      event_ids: pair.eventIds,
    };
    if (pair.site !== undefined) scored.site = pair.site;
    if (beacon !== undefined)
      scored.beacon = {
        score: beacon.score,
        timestamp: beacon.timestamp,
        data_size: beacon.dataSize,
        histogram: beacon.histogram,
        duration: beacon.duration,
        interval: beacon.intervalMode,
      };
    return scored;
  }

  /** Country and network of a finding's address destination: where the data went. */
  #locate(finding: NetworkFinding): NetworkFinding {
    if (finding.kind === 'dns-tunnel') return finding;
    const info = this.#options.context?.geo?.(finding.dst);
    if (info === undefined) return finding;
    const destination: NonNullable<NetworkFinding['destination']> = {};
    if (info.country !== undefined) destination.country = info.country;
    if (info.asn !== undefined) destination.asn = info.asn;
    if (info.organization !== undefined) destination.organization = info.organization;
    return { ...finding, destination };
  }

  #destination(pair: Pair): ScoredPair['destination'] {
    const context = this.#options.context;
    const addresses = pair.kind === 'ip' ? [pair.dst] : [...pair.addresses];
    const destination: ScoredPair['destination'] = { addresses, lists: [] };
    const info = addresses[0] === undefined ? undefined : context?.geo?.(addresses[0]);
    if (info?.country !== undefined) destination.country = info.country;
    if (info?.asn !== undefined) destination.asn = info.asn;
    if (info?.organization !== undefined) destination.organization = info.organization;
    const lists = [
      ...(pair.kind === 'name' ? (context?.listsForName?.(pair.dst) ?? []) : []),
      ...addresses.flatMap((address) => context?.listsForIp?.(address) ?? []),
    ];
    destination.lists = [...new Map(lists.map((list) => [list.name, list])).values()];
    return destination;
  }
}

/** Internal to external, as RITA imports: by site zones when the registry knows them. */
function outbound(flow: Flow): boolean {
  if (flow.srcZone !== undefined && flow.dstZone !== undefined)
    return flow.srcZone !== 'external' && flow.dstZone === 'external';
  return !isPublicAddress(flow.src) && isPublicAddress(flow.dst);
}

function listNames(lists: readonly ListMatch[], effect: ListMatch['effect']): string {
  return lists
    .filter((list) => list.effect === effect)
    .map((list) => list.name)
    .slice(0, 3)
    .join(', ');
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
