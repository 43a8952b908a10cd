// Longest-prefix match of an address against every site's open and closed ranges. IPv4 keeps one
// hash map per prefix length in use, tried from the longest, so a look-up costs at most as many
// map probes as there are distinct prefix lengths (typically 2-4) whatever the number of sites.
import type { Site, Zone } from '../../core/index.ts';
import {
  isPublicAddress,
  maskIpv4,
  maskIpv6,
  parseCidr,
  parseIpv4,
  parseIpv6,
} from '../../core/ip.ts';

export interface SiteMatch {
  site: Site;
  zone: Exclude<Zone, 'external'>;
  cidr: string;
}

export interface AddressClass {
  match: SiteMatch | undefined;
  zone: Zone | undefined;
}

export class SiteMatcher {
  private readonly v4ByPrefix = new Map<number, Map<number, SiteMatch>>();
  private readonly v6ByPrefix = new Map<number, Map<bigint, SiteMatch>>();
  private v4Prefixes: number[] = [];
  private v6Prefixes: number[] = [];
  private readonly cache = new Map<string, AddressClass>();
  readonly sites: ReadonlyMap<string, Site>;

  constructor(sites: readonly Site[]) {
    this.sites = new Map(sites.map((site) => [site.id, site]));
    for (const site of sites) {
      for (const text of site.openCidrs) this.add(site, 'open', text);
      for (const text of site.closedCidrs) this.add(site, 'closed', text);
    }
    this.v4Prefixes = [...this.v4ByPrefix.keys()].sort((a, b) => b - a);
    this.v6Prefixes = [...this.v6ByPrefix.keys()].sort((a, b) => b - a);
  }

  /** The most specific site range containing `address`, or undefined. */
  match(address: string): SiteMatch | undefined {
    return this.classify(address).match;
  }

  /**
   * The site range containing `address` and its zone: the range's zone, `external` for public
   * addresses no site claims, none for private addresses no site claims. Cached per address.
   */
  classify(address: string): AddressClass {
    const cached = this.cache.get(address);
    if (cached !== undefined) return cached;
    const match = this.lookup(address);
    const zone: Zone | undefined =
      match !== undefined ? match.zone : isPublicAddress(address) ? 'external' : undefined;
    const found: AddressClass = { match, zone };
    // Addresses repeat heavily in telemetry; the cap keeps a scan of random addresses from growing it without bound.
    if (this.cache.size >= 100_000) this.cache.clear();
    this.cache.set(address, found);
    return found;
  }

  private lookup(address: string): SiteMatch | undefined {
    const v4 = parseIpv4(address);
    if (v4 >= 0) {
      for (const prefix of this.v4Prefixes) {
        const hit = this.v4ByPrefix.get(prefix)?.get(maskIpv4(v4, prefix));
        if (hit !== undefined) return hit;
      }
      return undefined;
    }
    if (this.v6Prefixes.length === 0) return undefined;
    const v6 = parseIpv6(address);
    if (v6 === undefined) return undefined;
    for (const prefix of this.v6Prefixes) {
      const hit = this.v6ByPrefix.get(prefix)?.get(maskIpv6(v6, prefix));
      if (hit !== undefined) return hit;
    }
    return undefined;
  }

  private add(site: Site, zone: 'open' | 'closed', text: string): void {
    const cidr = parseCidr(text);
    if (cidr === undefined) return; // the CSV importer has already rejected it with a reason
    const entry: SiteMatch = { site, zone, cidr: cidr.text };
    if (cidr.version === 4) {
      const table = this.v4ByPrefix.get(cidr.prefix) ?? new Map<number, SiteMatch>();
      table.set(cidr.network as number, entry);
      this.v4ByPrefix.set(cidr.prefix, table);
    } else {
      const table = this.v6ByPrefix.get(cidr.prefix) ?? new Map<bigint, SiteMatch>();
      table.set(cidr.network as bigint, entry);
      this.v6ByPrefix.set(cidr.prefix, table);
    }
  }
}
