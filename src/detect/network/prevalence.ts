// How many of the organization's hosts and sites reach each destination, and since when. Polling
// every host does (updates, time, antivirus) reaches most hosts — organization-wide or at one
// site; a backdoor's C2 reaches a few. Built from the pair table once per analysis, not per
// connection: the pairs are exactly who reached what.
import type { PairTable } from './pair-table.ts';

export interface DestinationPrevalence {
  hosts: number;
  sites: number;
  /** hosts / every internal host seen in the window. */
  share: number;
  /** The largest share of one site's hosts that reach it (sites with at least 10 hosts). */
  siteShare: number;
  /** Epoch seconds of the first connection ever seen, across analyses. */
  firstSeen: number;
}

interface Reach {
  hosts: number;
  first: number;
  /** site → hosts of that site reaching the destination. */
  sites: Map<string, number>;
}

const MIN_SITE_HOSTS = 10;

export class Prevalence {
  readonly #reach = new Map<string, Reach>();
  readonly #siteSizes = new Map<string, number>();
  #network = 0;
  /** Survives windows: when each destination was first seen. */
  readonly firstSeen: Map<string, number>;

  constructor(firstSeen: Map<string, number> = new Map()) {
    this.firstSeen = firstSeen;
  }

  /** Recounts from the pairs of the window; first sightings only ever move earlier. */
  build(table: PairTable): void {
    this.#reach.clear();
    this.#siteSizes.clear();
    // (src, dst) is unique per pair: names and addresses never collide as destinations.
    table.forEach((_src, dst, site, first) => {
      let reach = this.#reach.get(dst);
      if (reach === undefined) {
        reach = { hosts: 0, sites: new Map(), first };
        this.#reach.set(dst, reach);
      }
      reach.hosts++;
      if (first < reach.first) reach.first = first;
      if (site !== undefined) reach.sites.set(site, (reach.sites.get(site) ?? 0) + 1);
    });
    for (const [destination, reach] of this.#reach) {
      const known = this.firstSeen.get(destination);
      if (known === undefined || reach.first < known) this.firstSeen.set(destination, reach.first);
    }
    const sources = table.sources();
    this.#network = sources.size;
    for (const site of sources.values())
      if (site !== undefined) this.#siteSizes.set(site, (this.#siteSizes.get(site) ?? 0) + 1);
  }

  of(destination: string): DestinationPrevalence {
    const reach = this.#reach.get(destination);
    const hosts = reach?.hosts ?? 0;
    let siteShare = 0;
    for (const [site, count] of reach?.sites ?? []) {
      const size = this.#siteSizes.get(site) ?? 0;
      if (size >= MIN_SITE_HOSTS) siteShare = Math.max(siteShare, count / size);
    }
    return {
      hosts,
      sites: reach?.sites.size ?? 0,
      share: this.#network === 0 ? 0 : hosts / this.#network,
      siteShare,
      firstSeen: this.firstSeen.get(destination) ?? 0,
    };
  }

  /** The span of history behind first sightings: the window end minus the oldest sighting. */
  historySpan(end: number): number {
    let oldest = end;
    for (const ts of this.firstSeen.values()) if (ts < oldest) oldest = ts;
    return end - oldest;
  }

  /** Internal hosts seen in the window. */
  get networkSize(): number {
    return this.#network;
  }
}
