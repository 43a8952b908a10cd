// Geo enrichment of one address: special-purpose range, else country and origin AS. The network
// analytics ask about the same few thousand destinations over and over, so answers are cached
// (bounded: a scan of random addresses must not grow memory without limit).
import { parseAddress } from './address.ts';
import { AsnLookup, type AsnProvenance } from './asn.ts';
import { CountryLookup, type CountryProvenance } from './country.ts';
import { LruCache } from './lru.ts';
import { specialRangeOf, type SpecialRange } from './special-ranges.ts';

export { AsnLookup, type AsnRecord, type AsnProvenance, type AsnLoadStats } from './asn.ts';
export { CountryLookup, type CountryProvenance } from './country.ts';
export { specialRange, specialRangeOf, type SpecialRange } from './special-ranges.ts';
export { parseAddress, type Address } from './address.ts';

/** What is known of an address. Special-purpose addresses have neither country nor AS. */
export interface GeoInfo {
  country?: string;
  asn?: number;
  organization?: string;
  special?: SpecialRange;
}

/** Where the answers come from, to store beside enriched records. */
export interface GeoProvenance {
  country: CountryProvenance;
  asn: AsnProvenance;
}

export interface GeoEnricherOptions {
  country?: CountryLookup;
  asn?: AsnLookup;
  /** Addresses whose answers are kept; 10,000 by default. */
  cacheSize?: number;
}

const NOTHING: Readonly<GeoInfo> = Object.freeze({});

/** Country, ASN and special range of addresses, from offline data, with an LRU cache. */
export class GeoEnricher {
  readonly #country: CountryLookup;
  readonly #asn: AsnLookup;
  readonly #cache: LruCache<string, Readonly<GeoInfo>>;

  constructor(options: GeoEnricherOptions = {}) {
    this.#country = options.country ?? new CountryLookup();
    this.#asn = options.asn ?? new AsnLookup();
    this.#cache = new LruCache(options.cacheSize ?? 10_000);
  }

  /** Enrich `ip`; an empty object for text that is not an address. The result is shared: frozen. */
  lookup(ip: string): Readonly<GeoInfo> {
    const cached = this.#cache.get(ip);
    if (cached !== undefined) return cached;
    const info = this.#resolve(ip);
    this.#cache.set(ip, info);
    return info;
  }

  /** Provenance of both data sets (opens them). */
  provenance(): GeoProvenance {
    return { country: this.#country.provenance(), asn: this.#asn.provenance() };
  }

  #resolve(ip: string): Readonly<GeoInfo> {
    const address = parseAddress(ip);
    if (address === undefined) return NOTHING;
    const special = specialRangeOf(address);
    if (special !== undefined) return Object.freeze({ special });
    const info: GeoInfo = {};
    const country = this.#country.countryOf(address);
    if (country !== undefined) info.country = country;
    const asn = this.#asn.asnOf(address);
    if (asn !== undefined) {
      info.asn = asn.number;
      info.organization = asn.organization;
    }
    return Object.freeze(info);
  }
}
