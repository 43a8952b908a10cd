// Offline IP -> origin AS number and organization from @ip-location-db/asn (RouteViews, RIRs and
// DB-IP ASN Lite; CC BY 4.0: attribution required, DB-IP linked where a web UI shows it). The
// package ships CSV only, so each address family is parsed into typed arrays the first time it is
// asked about (~0.2 s for IPv4) and searched by bisection after that.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAddress, type Address } from './address.ts';
import {
  buildV4,
  buildV6,
  findV4,
  findV6,
  type AsnBuild,
  type AsnTable4,
  type AsnTable6,
} from './asn-ranges.ts';
import { dataPackage } from './data-package.ts';
import { specialRangeOf } from './special-ranges.ts';

const PACKAGE = '@ip-location-db/asn';

/** The origin AS of an address. */
export interface AsnRecord {
  number: number;
  organization: string;
}

/** What ASN answers came from, to record beside every enrichment. */
export interface AsnProvenance {
  source: string;
  version: string;
  license: string;
}

/** How a family's table was loaded. */
export interface AsnLoadStats {
  ranges: number;
  organizations: number;
  skippedLines: number;
  milliseconds: number;
}

export interface AsnLookupOptions {
  /** `asn-ipv4-num.csv` by default (from the installed package). */
  ipv4Path?: string;
  /** `asn-ipv6-num.csv` by default (from the installed package). */
  ipv6Path?: string;
}

interface Loaded<T> {
  table: T;
  organizations: string[];
  stats: AsnLoadStats;
}

/** Offline IP -> ASN. Each family's table loads lazily, on its first look-up. */
export class AsnLookup {
  readonly #ipv4Path: string | undefined;
  readonly #ipv6Path: string | undefined;
  #v4: Loaded<AsnTable4> | undefined;
  #v6: Loaded<AsnTable6> | undefined;

  constructor(options: AsnLookupOptions = {}) {
    this.#ipv4Path = options.ipv4Path;
    this.#ipv6Path = options.ipv6Path;
  }

  /** The origin AS of `ip`; undefined for special-purpose, unrouted or invalid addresses. */
  asn(ip: string): AsnRecord | undefined {
    const address = parseAddress(ip);
    return address === undefined ? undefined : this.asnOf(address);
  }

  /** As `asn`, for an address already parsed. */
  asnOf(address: Address): AsnRecord | undefined {
    if (specialRangeOf(address) !== undefined) return undefined;
    if (address.version === 4) {
      const { table, organizations } = this.#loadV4();
      const index = findV4(table, address.value);
      return index === -1 ? undefined : record(table.asns, table.orgs, organizations, index);
    }
    const { table, organizations } = this.#loadV6();
    const index = findV6(table, address.value);
    return index === -1 ? undefined : record(table.asns, table.orgs, organizations, index);
  }

  /** Load both families now (e.g. at start-up rather than on the first event); their stats. */
  load(): { ipv4: AsnLoadStats; ipv6: AsnLoadStats } {
    return { ipv4: this.#loadV4().stats, ipv6: this.#loadV6().stats };
  }

  /** Data provenance. */
  provenance(): AsnProvenance {
    const custom = this.#ipv4Path !== undefined || this.#ipv6Path !== undefined;
    return {
      source: custom ? [this.#ipv4Path, this.#ipv6Path].join(', ') : PACKAGE,
      version: custom ? 'unknown' : dataPackage(PACKAGE).version,
      license: 'CC BY 4.0 (RouteViews, RIRs, DB-IP ASN Lite: https://db-ip.com)',
    };
  }

  #loadV4(): Loaded<AsnTable4> {
    this.#v4 ??= load(this.#ipv4Path ?? defaultPath('asn-ipv4-num.csv'), buildV4);
    return this.#v4;
  }

  #loadV6(): Loaded<AsnTable6> {
    this.#v6 ??= load(this.#ipv6Path ?? defaultPath('asn-ipv6-num.csv'), buildV6);
    return this.#v6;
  }
}

function defaultPath(file: string): string {
  return join(dataPackage(PACKAGE).directory, file);
}

function load<T>(path: string, build: (bytes: Buffer) => AsnBuild<T>): Loaded<T> {
  const started = performance.now();
  const built = build(readFileSync(path));
  return {
    table: built.table,
    organizations: built.organizations,
    stats: {
      ranges: built.ranges,
      organizations: built.organizations.length,
      skippedLines: built.skipped,
      milliseconds: performance.now() - started,
    },
  };
}

function record(
  asns: Uint32Array,
  orgs: Uint32Array,
  organizations: readonly string[],
  index: number,
): AsnRecord {
  return { number: asns[index] ?? 0, organization: organizations[orgs[index] ?? 0] ?? '' };
}
