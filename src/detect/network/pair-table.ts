// Connections grouped by who talks to whom, as RITA groups them: by source and destination name
// (HTTP Host, TLS SNI) when the traffic names one, else by source and destination address.
// Stored as columns, not objects: a pair is a number indexing typed arrays, and its connections
// (start second, bytes sent) sit in shared arrays chained per pair — about 12 bytes a connection
// and 60 a pair — so a day of 10 million connections across 230 sites fits in well under 2 GB.
import type { Flow } from './flow.ts';

export type PairKind = 'name' | 'ip';

/** One pair as the analysis reads it; connection columns are built only when asked for. */
export interface Pair {
  src: string;
  /** The destination: a name for `name` pairs, an address for `ip` pairs. */
  dst: string;
  kind: PairKind;
  site?: string;
  /** Connections in the timing series (failed handshakes excluded). */
  count: number;
  /** Sum of connection durations, seconds (open connections included). */
  duration: number;
  sentBytes: number;
  failed: number;
  /** Earliest connection start seen, epoch seconds. */
  first: number;
  /** Addresses a named destination resolved to (at most 16). */
  addresses: string[];
  /** The first events of the pair (at most 10), for alerts to point at. */
  eventIds: string[];
  /** Its index in the table: `PairTable.connectionsOf(id)` reads its connections. */
  id: number;
}

// RITA caps the timestamps analysed per pair at one a second for a day.
export const MAX_CONNECTIONS_PER_PAIR = 86_400;
const MAX_ADDRESSES = 16;
const MAX_EVENT_IDS = 10;

export class PairTable {
  // Source → destination → pair id, one map per kind: two lookups on strings the parser already
  // holds (their hashes cached) instead of building a key string for every connection.
  readonly #byName = new Map<string, Map<string, number>>();
  readonly #byIp = new Map<string, Map<string, number>>();
  // Per pair.
  #src: string[] = [];
  #dst: string[] = [];
  #name: boolean[] = [];
  #site: (string | undefined)[] = [];
  #count = new Uint32Array(1024);
  #failed = new Uint32Array(1024);
  #head = new Int32Array(1024);
  #tail = new Int32Array(1024);
  #first = new Float64Array(1024);
  #duration = new Float64Array(1024);
  #sent = new Float64Array(1024);
  readonly #addresses = new Map<number, string[]>();
  readonly #eventIds = new Map<number, string[]>();
  #pairs = 0;
  // Per connection.
  #ts = new Uint32Array(65_536);
  #bytes = new Uint32Array(65_536);
  #next = new Int32Array(65_536);
  #connections = 0;

  /** Adds a connection. Failed handshakes count but do not join the timing series. */
  observe(flow: Flow): void {
    const id = this.#pairOf(flow);
    if (flow.ts < (this.#first[id] ?? 0)) this.#first[id] = flow.ts;
    if (flow.name !== undefined) {
      const addresses = this.#addresses.get(id) ?? [];
      if (addresses.length < MAX_ADDRESSES && !addresses.includes(flow.dst))
        addresses.push(flow.dst);
      this.#addresses.set(id, addresses);
    }
    if (flow.eventId !== undefined) {
      const ids = this.#eventIds.get(id) ?? [];
      if (ids.length < MAX_EVENT_IDS) ids.push(flow.eventId);
      this.#eventIds.set(id, ids);
    }
    this.#duration[id] = (this.#duration[id] ?? 0) + flow.duration;
    this.#sent[id] = (this.#sent[id] ?? 0) + flow.origBytes;
    if (flow.failed) {
      this.#failed[id] = (this.#failed[id] ?? 0) + 1;
      return;
    }
    if (this.#connections === this.#ts.length) this.#growConnections();
    const at = this.#connections++;
    this.#ts[at] = Math.floor(flow.ts);
    this.#bytes[at] = Math.min(flow.origBytes, 0xffffffff);
    this.#next[at] = -1;
    const tail = this.#tail[id] ?? -1;
    if (tail === -1) this.#head[id] = at;
    else this.#next[tail] = at;
    this.#tail[id] = at;
    const count = (this.#count[id] ?? 0) + 1;
    this.#count[id] = count;
    // Past twice the cap the oldest half goes (the window is the latest day); prune reclaims it.
    if (count > MAX_CONNECTIONS_PER_PAIR * 2) {
      let head = this.#head[id] ?? -1;
      for (let i = 0; i < MAX_CONNECTIONS_PER_PAIR; i++) head = this.#next[head] ?? -1;
      this.#head[id] = head;
      this.#count[id] = count - MAX_CONNECTIONS_PER_PAIR;
    }
  }

  /** A connection still open: its time connected counts, it adds no timing point. */
  addOpen(flow: Flow): void {
    const id = this.#pairOf(flow);
    this.#duration[id] = (this.#duration[id] ?? 0) + flow.duration;
    this.#sent[id] = (this.#sent[id] ?? 0) + flow.origBytes;
  }

  get size(): number {
    return this.#pairs;
  }

  get connections(): number {
    return this.#connections;
  }

  *pairs(): IterableIterator<Pair> {
    for (let id = 0; id < this.#pairs; id++) {
      const pair: Pair = {
        src: this.#src[id] ?? '',
        dst: this.#dst[id] ?? '',
        kind: this.#name[id] === true ? 'name' : 'ip',
        count: this.#count[id] ?? 0,
        duration: this.#duration[id] ?? 0,
        sentBytes: this.#sent[id] ?? 0,
        failed: this.#failed[id] ?? 0,
        first: this.#first[id] ?? 0,
        addresses: this.#addresses.get(id) ?? [],
        eventIds: this.#eventIds.get(id) ?? [],
        id,
      };
      const site = this.#site[id];
      if (site !== undefined) pair.site = site;
      yield pair;
    }
  }

  /** Start seconds and bytes sent of a pair's connections, oldest first in arrival order. */
  connectionsOf(id: number): { ts: Uint32Array; bytes: Uint32Array } {
    return this.#columns(id);
  }

  /** Every pair's source, destination, site and first connection, without building pairs. */
  forEach(
    visit: (src: string, dst: string, site: string | undefined, first: number) => void,
  ): void {
    for (let id = 0; id < this.#pairs; id++)
      visit(this.#src[id] ?? '', this.#dst[id] ?? '', this.#site[id], this.#first[id] ?? 0);
  }

  /** Every source with the site of its first pair. */
  sources(): Map<string, string | undefined> {
    const sources = new Map<string, string | undefined>();
    for (const bySrc of [this.#byName, this.#byIp])
      for (const [src, destinations] of bySrc) {
        if (sources.has(src)) continue;
        const first = destinations.values().next().value;
        sources.set(src, first === undefined ? undefined : this.#site[first]);
      }
    return sources;
  }

  /** Forgets connections that started before `start` (epoch seconds), and pairs left empty. */
  prune(start: number): void {
    const old = {
      src: this.#src,
      dst: this.#dst,
      name: this.#name,
      site: this.#site,
      first: this.#first,
      duration: this.#duration,
      sent: this.#sent,
      failed: this.#failed,
      addresses: new Map(this.#addresses),
      eventIds: new Map(this.#eventIds),
      columns: [...Array(this.#pairs).keys()].map((id) => this.#columns(id)),
    };
    this.#reset(Math.max(1024, this.#pairs), Math.max(65_536, this.#connections));
    for (const [id, { ts, bytes }] of old.columns.entries()) {
      let kept = 0;
      for (const t of ts) if (t >= start) kept++;
      if (kept === 0) continue;
      const flow = {
        src: old.src[id] ?? '',
        dst: old.dst[id] ?? '',
        name: old.name[id] === true ? (old.dst[id] ?? '') : undefined,
        site: old.site[id],
      };
      const copy = this.#pairOf({
        ts: old.first[id] ?? 0,
        src: flow.src,
        dst: flow.dst,
        dstPort: 0,
        proto: '',
        origBytes: 0,
        respBytes: 0,
        duration: 0,
        failed: false,
        ...(flow.name === undefined ? {} : { name: flow.name }),
        ...(flow.site === undefined ? {} : { site: flow.site }),
      });
      this.#duration[copy] = old.duration[id] ?? 0;
      this.#sent[copy] = old.sent[id] ?? 0;
      this.#failed[copy] = old.failed[id] ?? 0;
      const addresses = old.addresses.get(id);
      if (addresses !== undefined) this.#addresses.set(copy, addresses);
      const eventIds = old.eventIds.get(id);
      if (eventIds !== undefined) this.#eventIds.set(copy, eventIds);
      for (let i = 0; i < ts.length; i++) {
        const t = ts[i] ?? 0;
        if (t < start) continue;
        if (this.#connections === this.#ts.length) this.#growConnections();
        const at = this.#connections++;
        this.#ts[at] = t;
        this.#bytes[at] = bytes[i] ?? 0;
        this.#next[at] = -1;
        const tail = this.#tail[copy] ?? -1;
        if (tail === -1) this.#head[copy] = at;
        else this.#next[tail] = at;
        this.#tail[copy] = at;
        this.#count[copy] = (this.#count[copy] ?? 0) + 1;
      }
    }
  }

  #pairOf(flow: Flow): number {
    const named = flow.name !== undefined;
    const dst = flow.name ?? flow.dst;
    const bySrc = named ? this.#byName : this.#byIp;
    let destinations = bySrc.get(flow.src);
    if (destinations === undefined) {
      destinations = new Map();
      bySrc.set(flow.src, destinations);
    }
    const known = destinations.get(dst);
    if (known !== undefined) return known;
    const id = this.#pairs++;
    if (id === this.#count.length) this.#growPairs();
    this.#src[id] = flow.src;
    this.#dst[id] = dst;
    this.#name[id] = named;
    this.#site[id] = flow.site;
    this.#count[id] = 0;
    this.#failed[id] = 0;
    this.#head[id] = -1;
    this.#tail[id] = -1;
    this.#first[id] = flow.ts;
    this.#duration[id] = 0;
    this.#sent[id] = 0;
    destinations.set(dst, id);
    return id;
  }

  #columns(id: number): { ts: Uint32Array; bytes: Uint32Array } {
    const count = this.#count[id] ?? 0;
    const ts = new Uint32Array(count);
    const bytes = new Uint32Array(count);
    let at = this.#head[id] ?? -1;
    for (let i = 0; i < count && at !== -1; i++) {
      ts[i] = this.#ts[at] ?? 0;
      bytes[i] = this.#bytes[at] ?? 0;
      at = this.#next[at] ?? -1;
    }
    return { ts, bytes };
  }

  #reset(pairs: number, connections: number): void {
    this.#byName.clear();
    this.#byIp.clear();
    this.#src = [];
    this.#dst = [];
    this.#name = [];
    this.#site = [];
    this.#count = new Uint32Array(pairs);
    this.#failed = new Uint32Array(pairs);
    this.#head = new Int32Array(pairs);
    this.#tail = new Int32Array(pairs);
    this.#first = new Float64Array(pairs);
    this.#duration = new Float64Array(pairs);
    this.#sent = new Float64Array(pairs);
    this.#addresses.clear();
    this.#eventIds.clear();
    this.#pairs = 0;
    this.#ts = new Uint32Array(connections);
    this.#bytes = new Uint32Array(connections);
    this.#next = new Int32Array(connections);
    this.#connections = 0;
  }

  #growPairs(): void {
    const size = this.#count.length * 2;
    this.#count = grown(this.#count, new Uint32Array(size));
    this.#failed = grown(this.#failed, new Uint32Array(size));
    this.#head = grown(this.#head, new Int32Array(size));
    this.#tail = grown(this.#tail, new Int32Array(size));
    this.#first = grown(this.#first, new Float64Array(size));
    this.#duration = grown(this.#duration, new Float64Array(size));
    this.#sent = grown(this.#sent, new Float64Array(size));
  }

  #growConnections(): void {
    const size = this.#ts.length * 2;
    this.#ts = grown(this.#ts, new Uint32Array(size));
    this.#bytes = grown(this.#bytes, new Uint32Array(size));
    this.#next = grown(this.#next, new Int32Array(size));
  }
}

function grown<T extends Uint32Array | Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
