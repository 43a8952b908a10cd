// Country of an IP address from the CC0 geo-whois-asn-country database (RIR whois + geofeeds +
// ASN, no EULA), read with mmdb-lib. Special-purpose ranges are answered first and never reach
// the database, which has wrong data for some of them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Reader, type Response } from 'mmdb-lib';
import { formatIpv4, formatIpv6, parseAddress, type Address } from './address.ts';
import { dataPackage } from './data-package.ts';
import { specialRangeOf } from './special-ranges.ts';

const PACKAGE = '@ip-location-db/geo-whois-asn-country-mmdb';
const FILE = 'geo-whois-asn-country.mmdb';

/** What a country answer came from, to record beside every enrichment. */
export interface CountryProvenance {
  source: string;
  /** npm package version, e.g. 2.3.2026061719 (build 2026-06-17 19h). */
  version: string;
  /** When the database was built (mmdb metadata). */
  buildEpoch: Date;
  databaseType: string;
}

export interface CountryLookupOptions {
  /** An mmdb file with `{country_code}` records; the installed package's by default. */
  path?: string;
}

interface Opened {
  reader: Reader<Response>;
  provenance: CountryProvenance;
}

/** Offline IP -> ISO 3166 alpha-2 country. The database is opened on first use. */
export class CountryLookup {
  readonly #path: string | undefined;
  #opened: Opened | undefined;

  constructor(options: CountryLookupOptions = {}) {
    this.#path = options.path;
  }

  /** Upper-case country code, or undefined for special-purpose, unknown or invalid addresses. */
  country(ip: string): string | undefined {
    const address = parseAddress(ip);
    return address === undefined ? undefined : this.countryOf(address);
  }

  /** As `country`, for an address already parsed. */
  countryOf(address: Address): string | undefined {
    if (specialRangeOf(address) !== undefined) return undefined;
    // Canonical text: mmdb-lib's own parser does not take every spelling core/ip.ts accepts.
    const text = address.version === 4 ? formatIpv4(address.value) : formatIpv6(address.value);
    return countryCode(this.#open().reader.get(text));
  }

  /** Database provenance (opens the database). */
  provenance(): CountryProvenance {
    return this.#open().provenance;
  }

  #open(): Opened {
    if (this.#opened !== undefined) return this.#opened;
    const pkg = this.#path === undefined ? dataPackage(PACKAGE) : undefined;
    const path = this.#path ?? join(pkg?.directory ?? '', FILE);
    const reader = new Reader<Response>(readFileSync(path));
    this.#opened = {
      reader,
      provenance: {
        source: pkg === undefined ? path : `${PACKAGE}/${FILE}`,
        version: pkg?.version ?? 'unknown',
        buildEpoch: reader.metadata.buildEpoch,
        databaseType: reader.metadata.databaseType,
      },
    };
    return this.#opened;
  }
}

// mmdb-lib types records as MaxMind's response shapes; this database stores `{country_code}`,
// so the record is checked rather than trusted.
function countryCode(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null || !('country_code' in record)) {
    return undefined;
  }
  const code = record.country_code;
  return typeof code === 'string' && code.length === 2 ? code.toUpperCase() : undefined;
}
