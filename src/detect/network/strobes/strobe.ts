// Strobes and scans: RITA calls a pair with 86,400 or more connections a day (one a second) a
// strobe, too dense to be a beacon and scored 0.8 outright (malware retrying a dead C2, a
// stuck client). The same per-source tables show fan-out: one source reaching 1,000 or more
// ports or addresses in an hour is a scan. Counting is in tumbling windows per source, so state
// is one small record per destination and two saturating sets, all capped.
import type { Flow, NetworkFinding } from '../flow.ts';
import { evictOldest, type Recent } from '../evict.ts';

export interface StrobeOptions {
  /** Window length, seconds; the strobe threshold scales with it (1 connection a second). */
  windowSeconds?: number;
  /** Connections per second, sustained over the window, that make a strobe (RITA: 86,400/day). */
  strobeRate?: number;
  /** Distinct ports or destinations from one source in one window that make a scan. */
  scanFanOut?: number;
  /** Sources tracked; the least recently active are forgotten first. */
  maxSources?: number;
  /** Destinations counted per source per window; past it new ones only feed the fan-out count. */
  maxDestinationsPerSource?: number;
  /** Completed-window findings kept; the oldest go first. */
  maxFindings?: number;
}

/** RITA's strobe impact (HIGH). */
export const STROBE_SCORE = 0.8;
/** A scan of ports or addresses alone: RITA's MEDIUM-to-HIGH edge. */
export const SCAN_SCORE = 0.6;
/** Both ports and addresses swept from one source. */
export const SCAN_BOTH_SCORE = 0.7;
const MAX_EVENT_IDS = 10;

interface PairCount {
  count: number;
  failed: number;
  first: number;
  last: number;
  name: string | undefined;
  eventIds: string[];
}

interface SourceState extends Recent {
  src: string;
  site: string | undefined;
  window: number;
  first: number;
  dests: Map<string, PairCount>;
  /** Destinations beyond the per-source cap: distinct count saturates there. */
  overflow: boolean;
  ports: Set<number>;
  portsSaturated: boolean;
  connections: number;
  eventIds: string[];
}

/** Finds strobing pairs (`strobe`) and fan-out sources (`scan`) in a stream of connections. */
export class StrobeDetector {
  readonly #sources = new Map<string, SourceState>();
  readonly #closed: NetworkFinding[] = [];
  readonly #window: number;
  readonly #strobeCount: number;
  readonly #fanOut: number;
  readonly #maxSources: number;
  readonly #maxDests: number;
  readonly #maxFindings: number;

  constructor(options: StrobeOptions = {}) {
    this.#window = Math.max(1, options.windowSeconds ?? 3600);
    this.#strobeCount = Math.max(1, Math.ceil((options.strobeRate ?? 1) * this.#window));
    this.#fanOut = Math.max(2, options.scanFanOut ?? 1000);
    this.#maxSources = Math.max(1, options.maxSources ?? 50_000);
    this.#maxDests = Math.max(this.#fanOut, options.maxDestinationsPerSource ?? 2 * this.#fanOut);
    this.#maxFindings = Math.max(1, options.maxFindings ?? 10_000);
  }

  /** Sources currently tracked (for memory checks). */
  get trackedSources(): number {
    return this.#sources.size;
  }

  /** Connections in one window that make a strobe. */
  get strobeThreshold(): number {
    return this.#strobeCount;
  }

  /** Count one connection. */
  observe(flow: Flow): void {
    const window = Math.floor(flow.ts / this.#window);
    const state = this.#state(flow, window);
    if (window > state.window) this.#close(state, window, flow.ts);
    // Late connections count in the window in progress; splitting them costs more than it tells.
    if (flow.ts > state.lastSeen) state.lastSeen = flow.ts;
    state.connections++;
    if (!state.portsSaturated) {
      state.ports.add(flow.dstPort);
      if (state.ports.size >= this.#fanOut) state.portsSaturated = true;
    }
    let pair = state.dests.get(flow.dst);
    if (pair === undefined) {
      if (state.dests.size >= this.#maxDests) {
        state.overflow = true;
        return;
      }
      pair = { count: 0, failed: 0, first: flow.ts, last: flow.ts, name: flow.name, eventIds: [] };
      state.dests.set(flow.dst, pair);
    }
    pair.count++;
    if (flow.failed) pair.failed++;
    if (flow.ts < pair.first) pair.first = flow.ts;
    if (flow.ts > pair.last) pair.last = flow.ts;
    if (flow.eventId !== undefined && pair.eventIds.length < MAX_EVENT_IDS)
      pair.eventIds.push(flow.eventId);
  }

  /** Strobes and scans, highest score first; only those overlapping `window` when given. */
  findings(window?: { start: number; end: number }): NetworkFinding[] {
    const out: NetworkFinding[] = [];
    for (const f of this.#closed) if (overlaps(f, window)) out.push(f);
    for (const state of this.#sources.values())
      for (const f of this.#judge(state)) if (overlaps(f, window)) out.push(f);
    return out.sort((a, b) => b.score - a.score);
  }

  #state(flow: Flow, window: number): SourceState {
    let state = this.#sources.get(flow.src);
    if (state === undefined) {
      state = {
        src: flow.src,
        site: flow.site,
        lastSeen: flow.ts,
        window,
        first: flow.ts,
        dests: new Map(),
        overflow: false,
        ports: new Set(),
        portsSaturated: false,
        connections: 0,
        eventIds: [],
      };
      this.#sources.set(flow.src, state);
      evictOldest(this.#sources, this.#maxSources);
    }
    return state;
  }

  #close(state: SourceState, window: number, ts: number): void {
    for (const f of this.#judge(state)) this.#closed.push(f);
    if (this.#closed.length > this.#maxFindings)
      this.#closed.splice(0, this.#closed.length - Math.floor(this.#maxFindings * 0.9));
    state.window = window;
    state.first = ts;
    state.dests.clear();
    state.overflow = false;
    state.ports.clear();
    state.portsSaturated = false;
    state.connections = 0;
  }

  #judge(state: SourceState): NetworkFinding[] {
    const out: NetworkFinding[] = [];
    let last = state.first;
    for (const [dst, pair] of state.dests) {
      if (pair.last > last) last = pair.last;
      if (pair.count >= this.#strobeCount) out.push(this.#strobe(state, dst, pair));
    }
    const hosts = state.dests.size;
    const byHosts = state.overflow || hosts >= this.#fanOut;
    if (byHosts || state.portsSaturated) out.push(this.#scan(state, byHosts, last));
    return out;
  }

  #strobe(state: SourceState, dst: string, pair: PairCount): NetworkFinding {
    const span = Math.max(1, pair.last - pair.first);
    return {
      kind: 'strobe',
      score: STROBE_SCORE,
      src: state.src,
      dst,
      ...(pair.name !== undefined && { name: pair.name }),
      ...(state.site !== undefined && { site: state.site }),
      components: {
        connections: pair.count,
        failed: pair.failed,
        threshold: this.#strobeCount,
        windowSeconds: this.#window,
        perSecond: Math.round((pair.count / span) * 1000) / 1000,
      },
      reasons: [
        `${pair.count} connections to ${pair.name ?? dst} within ${this.#window} s ` +
          `(strobe at ${this.#strobeCount}: RITA's 86,400 a day)`,
        ...(pair.failed > pair.count / 2
          ? [`${pair.failed} of them failed: retrying something that does not answer`]
          : []),
      ],
      first_seen: iso(pair.first),
      last_seen: iso(pair.last),
      event_ids: [...pair.eventIds],
    };
  }

  #scan(state: SourceState, byHosts: boolean, last: number): NetworkFinding {
    const both = byHosts && state.portsSaturated;
    const hosts = state.dests.size;
    const eventIds: string[] = [];
    for (const pair of state.dests.values()) {
      if (eventIds.length >= MAX_EVENT_IDS) break;
      if (pair.eventIds[0] !== undefined) eventIds.push(pair.eventIds[0]);
    }
    const reasons: string[] = [];
    if (byHosts)
      reasons.push(
        `${state.overflow ? 'more than ' : ''}${hosts} destinations from one source in ${this.#window} s`,
      );
    if (state.portsSaturated)
      reasons.push(
        `${this.#fanOut} or more destination ports from one source in ${this.#window} s`,
      );
    return {
      kind: 'scan',
      score: both ? SCAN_BOTH_SCORE : SCAN_SCORE,
      src: state.src,
      dst: hosts === 1 ? (state.dests.keys().next().value ?? '') : '*',
      ...(state.site !== undefined && { site: state.site }),
      components: {
        destinations: hosts,
        destinationsSaturated: state.overflow ? 1 : 0,
        ports: state.ports.size,
        portsSaturated: state.portsSaturated ? 1 : 0,
        connections: state.connections,
        fanOutThreshold: this.#fanOut,
      },
      reasons,
      first_seen: iso(state.first),
      last_seen: iso(last),
      event_ids: eventIds,
    };
  }
}

function overlaps(f: NetworkFinding, window: { start: number; end: number } | undefined): boolean {
  if (window === undefined) return true;
  return (
    Date.parse(f.last_seen) / 1000 >= window.start && Date.parse(f.first_seen) / 1000 <= window.end
  );
}

function iso(ts: number): string {
  return new Date(ts * 1000).toISOString();
}
