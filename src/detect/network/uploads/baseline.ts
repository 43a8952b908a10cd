// Uploads far above a host's own normal: exfiltration shows as one hour in which a host sends
// one outside destination much more than it usually sends anywhere. A fixed threshold (Slips:
// 500 MB) misses a laptop leaking 200 MB and flags every backup server; judging each host
// against its own hourly history does neither. Per host: a ring of hourly outbound totals
// (7 days by default, zero hours included) and, for the hour in progress, totals per
// destination. Memory: one Float32Array ring per host plus a capped map of destinations.
import type { Flow, NetworkFinding } from '../flow.ts';
import { evictOldest, type Recent } from '../evict.ts';
import { isPublicAddress } from '../../../core/index.ts';
import { robustStats, type RobustStats } from './robust.ts';

export interface UploadOptions {
  /** Bucket length, seconds. */
  bucketSeconds?: number;
  /** Buckets of history per host (168 = 7 days of hours). */
  historyBuckets?: number;
  /** Hours of history a host needs before it can be judged; a new host has no normal yet. */
  minHistoryBuckets?: number;
  /** Absolute floor, bytes: less than this in an hour is never an alert. */
  minBytes?: number;
  /** How many scaled MADs above the median an hour must be. */
  madFactor?: number;
  /** How many times the host's 95th-percentile hour an upload must exceed. */
  p95Factor?: number;
  /** Hosts tracked; the least recently active are forgotten first. */
  maxHosts?: number;
  /** Destinations tracked per host within one hour; the smallest make room. */
  maxDestinationsPerHour?: number;
  /** Completed-hour findings kept; the oldest go first. */
  maxFindings?: number;
}

/** Slips' data_exfiltration_threshold: this much to one place is notable whatever the host. */
export const SLIPS_EXFIL_BYTES = 500 * 1024 * 1024;
/** MAD to standard deviation for normal data, so `madFactor` reads like sigmas. */
const MAD_SCALE = 1.4826;
const MAX_EVENT_IDS = 10;

interface DestinationHour {
  bytes: number;
  flows: number;
  first: number;
  last: number;
  name: string | undefined;
  eventIds: string[];
}

interface HostState extends Recent {
  host: string;
  site: string | undefined;
  /** Index of the hour in progress (ts / bucketSeconds, floored). */
  bucket: number;
  /** Bytes sent outside in the hour in progress. */
  current: number;
  dests: Map<string, DestinationHour>;
  /** Completed hours, newest at `head - 1` (mod length). */
  ring: Float32Array;
  head: number;
  filled: number;
  /** Hours since the host was first seen, to tell a new host from a quiet one. */
  age: number;
}

/** Reports hours in which a host uploaded far more to one outside destination than it normally sends. */
export class UploadDetector {
  readonly #hosts = new Map<string, HostState>();
  readonly #closed: NetworkFinding[] = [];
  readonly #bucket: number;
  readonly #history: number;
  readonly #minHistory: number;
  readonly #minBytes: number;
  readonly #madFactor: number;
  readonly #p95Factor: number;
  readonly #maxHosts: number;
  readonly #maxDests: number;
  readonly #maxFindings: number;
  readonly #values: Float64Array;
  readonly #scratch: Float64Array;

  constructor(options: UploadOptions = {}) {
    this.#bucket = Math.max(1, options.bucketSeconds ?? 3600);
    this.#history = Math.max(2, options.historyBuckets ?? 168);
    this.#minHistory = Math.min(this.#history, Math.max(1, options.minHistoryBuckets ?? 24));
    this.#minBytes = options.minBytes ?? 10 * 1024 * 1024;
    this.#madFactor = options.madFactor ?? 6;
    this.#p95Factor = options.p95Factor ?? 2;
    this.#maxHosts = Math.max(1, options.maxHosts ?? 20_000);
    this.#maxDests = Math.max(1, options.maxDestinationsPerHour ?? 256);
    this.#maxFindings = Math.max(1, options.maxFindings ?? 10_000);
    this.#values = new Float64Array(this.#history);
    this.#scratch = new Float64Array(this.#history);
  }

  /** Hosts currently tracked (for memory checks). */
  get trackedHosts(): number {
    return this.#hosts.size;
  }

  /** Count one connection's outbound bytes if it leaves for an outside destination. */
  observe(flow: Flow): void {
    if (flow.origBytes <= 0 || !outbound(flow)) return;
    const bucket = Math.floor(flow.ts / this.#bucket);
    const state = this.#state(flow.src, bucket, flow.ts);
    if (flow.ts > state.lastSeen) state.lastSeen = flow.ts;
    if (state.site === undefined) state.site = flow.site;
    if (bucket > state.bucket) this.#close(state, bucket);
    else if (bucket < state.bucket) {
      // Late: it belongs to a completed hour; count it there if still held, judge nothing.
      const back = state.bucket - bucket;
      if (back <= state.filled) {
        const slot = (state.head - back + this.#history) % this.#history;
        state.ring[slot] = (state.ring[slot] ?? 0) + flow.origBytes;
      }
      return;
    }
    state.current += flow.origBytes;
    let dest = state.dests.get(flow.dst);
    if (dest === undefined) {
      if (state.dests.size >= this.#maxDests) dropSmaller(state.dests);
      dest = { bytes: 0, flows: 0, first: flow.ts, last: flow.ts, name: flow.name, eventIds: [] };
      state.dests.set(flow.dst, dest);
    }
    dest.bytes += flow.origBytes;
    dest.flows++;
    if (flow.ts < dest.first) dest.first = flow.ts;
    if (flow.ts > dest.last) dest.last = flow.ts;
    if (dest.name === undefined) dest.name = flow.name;
    if (flow.eventId !== undefined && dest.eventIds.length < MAX_EVENT_IDS)
      dest.eventIds.push(flow.eventId);
  }

  /**
   * Hours far above the host's normal, highest score first: completed hours, then the hours in
   * progress judged as they stand. Only those overlapping `window` (epoch seconds) when given.
   */
  findings(window?: { start: number; end: number }): NetworkFinding[] {
    const out: NetworkFinding[] = [];
    for (const f of this.#closed) if (overlaps(f, window)) out.push(f);
    for (const state of this.#hosts.values())
      for (const f of this.#judge(state)) if (overlaps(f, window)) out.push(f);
    return out.sort((a, b) => b.score - a.score);
  }

  #state(host: string, bucket: number, ts: number): HostState {
    let state = this.#hosts.get(host);
    if (state === undefined) {
      state = {
        host,
        site: undefined,
        lastSeen: ts,
        bucket,
        current: 0,
        dests: new Map(),
        ring: new Float32Array(this.#history),
        head: 0,
        filled: 0,
        age: 0,
      };
      this.#hosts.set(host, state);
      evictOldest(this.#hosts, this.#maxHosts);
    }
    return state;
  }

  /** Judge the hour in progress, push it (and any silent hours) into the ring, start `bucket`. */
  #close(state: HostState, bucket: number): void {
    for (const f of this.#judge(state)) this.#closed.push(f);
    if (this.#closed.length > this.#maxFindings)
      this.#closed.splice(0, this.#closed.length - Math.floor(this.#maxFindings * 0.9));
    const silent = Math.min(bucket - state.bucket - 1, this.#history);
    this.#push(state, state.current);
    for (let i = 0; i < silent; i++) this.#push(state, 0);
    state.age += bucket - state.bucket;
    state.bucket = bucket;
    state.current = 0;
    state.dests.clear();
  }

  #push(state: HostState, bytes: number): void {
    state.ring[state.head] = bytes;
    state.head = (state.head + 1) % this.#history;
    if (state.filled < this.#history) state.filled++;
  }

  #judge(state: HostState): NetworkFinding[] {
    if (state.dests.size === 0 || state.age < this.#minHistory) return [];
    const out: NetworkFinding[] = [];
    let stats: RobustStats | undefined;
    for (const [dst, dest] of state.dests) {
      if (dest.bytes <= this.#minBytes) continue;
      stats ??= this.#stats(state);
      const finding = this.#finding(state, dst, dest, stats);
      if (finding !== undefined) out.push(finding);
    }
    return out;
  }

  #stats(state: HostState): RobustStats {
    // Hours the ring has not reached yet are hours the host was known and silent.
    const count = Math.min(this.#history, Math.max(state.filled, state.age));
    this.#values.fill(0, 0, count);
    this.#values.set(state.ring.subarray(0, state.filled));
    return robustStats(this.#values, count, this.#scratch);
  }

  #finding(
    state: HostState,
    dst: string,
    dest: DestinationHour,
    { median, mad, p95 }: RobustStats,
  ): NetworkFinding | undefined {
    const threshold = Math.max(
      this.#minBytes,
      median + this.#madFactor * MAD_SCALE * mad,
      p95 * this.#p95Factor,
    );
    if (dest.bytes <= threshold) return undefined;
    const ratio = dest.bytes / threshold;
    const big = dest.bytes >= SLIPS_EXFIL_BYTES ? 0.1 : 0;
    // At the threshold: RITA's MEDIUM (0.4); ten times over: HIGH (0.8).
    const score = round3(Math.min(1, 0.4 + 0.4 * Math.log10(ratio) + big));
    const start = state.bucket * this.#bucket;
    return {
      kind: 'upload',
      score,
      src: state.host,
      dst,
      ...(dest.name !== undefined && { name: dest.name }),
      ...(state.site !== undefined && { site: state.site }),
      components: {
        bytes: dest.bytes,
        flows: dest.flows,
        hostHourBytes: state.current,
        baselineMedian: round3(median),
        baselineMad: round3(mad),
        baselineP95: round3(p95),
        threshold: round3(threshold),
        ratio: round3(ratio),
        largeTransfer: big,
      },
      reasons: [
        `${mb(dest.bytes)} sent to ${dest.name ?? dst} in the hour from ${iso(start)}`,
        `the host normally sends ${mb(median)} an hour (MAD ${mb(mad)}, 95th percentile ${mb(p95)})`,
        `${ratio.toFixed(1)} times the bar of ${mb(threshold)}`,
        ...(big > 0 ? ['at or above Slips’ 500 MB exfiltration threshold'] : []),
      ],
      first_seen: iso(dest.first),
      last_seen: iso(dest.last),
      event_ids: [...dest.eventIds],
    };
  }
}

function outbound(flow: Flow): boolean {
  if (flow.srcZone === 'external') return false;
  if (flow.dstZone !== undefined) return flow.dstZone === 'external';
  return isPublicAddress(flow.dst) && (flow.srcZone !== undefined || !isPublicAddress(flow.src));
}

/**
 * Make room among a busy hour's destinations: drop the smaller half in one pass, so a host
 * talking to thousands of places costs O(log n) per new one, not a scan each time. The large
 * transfers this detector looks for are never the ones dropped.
 */
function dropSmaller(dests: Map<string, DestinationHour>): void {
  const sizes = new Float64Array(dests.size);
  let i = 0;
  for (const dest of dests.values()) sizes[i++] = dest.bytes;
  sizes.sort();
  const cut = sizes[sizes.length >> 1] ?? 0;
  let drop = sizes.length >> 1;
  for (const [dst, dest] of dests) {
    if (drop === 0) break;
    if (dest.bytes <= cut) {
      dests.delete(dst);
      drop--;
    }
  }
}

function overlaps(f: NetworkFinding, window: { start: number; end: number } | undefined): boolean {
  if (window === undefined) return true;
  return (
    Date.parse(f.last_seen) / 1000 >= window.start && Date.parse(f.first_seen) / 1000 <= window.end
  );
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function iso(ts: number): string {
  return new Date(ts * 1000).toISOString();
}
