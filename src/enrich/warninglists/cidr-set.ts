// Membership of an address in a list of CIDR blocks (public-dns-v4 has 62,745): the blocks are
// merged into sorted disjoint intervals once, and an address is found by bisection.
import { parseCidr } from '../../core/ip.ts';
import { embeddedIpv4, type Address } from '../geo/address.ts';

/** A compiled set of CIDR blocks. */
export class CidrSet {
  readonly #starts4: Uint32Array;
  readonly #ends4: Uint32Array;
  readonly #starts6: bigint[];
  readonly #ends6: bigint[];
  /** Entries that are not CIDR blocks or addresses. */
  readonly invalid: string[];

  constructor(entries: readonly string[]) {
    // IPv4 blocks are sorted as one number each: start * 64 + prefix fits a double exactly, and
    // a typed-array sort is numeric and much faster than sorting objects.
    const keys4 = new Float64Array(entries.length);
    let count4 = 0;
    const blocks6: [bigint, bigint][] = [];
    const invalid: string[] = [];
    for (const entry of entries) {
      const cidr = parseCidr(entry);
      if (cidr === undefined) {
        invalid.push(entry);
      } else if (cidr.version === 4) {
        keys4[count4++] = (cidr.network as number) * 64 + cidr.prefix;
      } else {
        const network = cidr.network as bigint;
        // ::ffff:a.b.c.d/96+ (IPv4-mapped) blocks name IPv4 addresses.
        const mapped = cidr.prefix >= 96 ? embeddedIpv4(network) : undefined;
        if (mapped?.version === 4) {
          keys4[count4++] = mapped.value * 64 + (cidr.prefix - 96);
        } else {
          blocks6.push([network, network + (1n << BigInt(128 - cidr.prefix)) - 1n]);
        }
      }
    }
    const sorted = keys4.subarray(0, count4).sort();
    const starts: number[] = [];
    const ends: number[] = [];
    for (const key of sorted) {
      const prefix = key % 64;
      const start = (key - prefix) / 64;
      const end = start + 2 ** (32 - prefix) - 1;
      const last = ends.length - 1;
      // Merge overlapping and adjacent blocks: only membership matters.
      if (last >= 0 && start <= (ends[last] ?? 0) + 1) {
        ends[last] = Math.max(ends[last] ?? 0, end);
      } else {
        starts.push(start);
        ends.push(end);
      }
    }
    this.#starts4 = Uint32Array.from(starts);
    this.#ends4 = Uint32Array.from(ends);
    blocks6.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.#starts6 = [];
    this.#ends6 = [];
    for (const [start, end] of blocks6) {
      const last = this.#ends6.length - 1;
      const lastEnd = this.#ends6[last];
      if (lastEnd !== undefined && start <= lastEnd + 1n) {
        this.#ends6[last] = end > lastEnd ? end : lastEnd;
      } else {
        this.#starts6.push(start);
        this.#ends6.push(end);
      }
    }
    this.invalid = invalid;
  }

  /** Disjoint intervals after merging (IPv4, IPv6). */
  get intervals(): { ipv4: number; ipv6: number } {
    return { ipv4: this.#starts4.length, ipv6: this.#starts6.length };
  }

  /** Whether a block contains `address`. */
  has(address: Address): boolean {
    return address.version === 4
      ? contains4(this.#starts4, this.#ends4, address.value)
      : contains6(this.#starts6, this.#ends6, address.value);
  }
}

// Two copies of one bisection: a generic over number | bigint would need casts at every read.
function contains4(starts: Uint32Array, ends: Uint32Array, value: number): boolean {
  const length = starts.length;
  if (length === 0 || value < (starts[0] ?? 0) || value > (ends[length - 1] ?? 0)) return false;
  let low = 0;
  let high = length - 1;
  while (low < high) {
    // Last interval whose start <= value.
    const middle = (low + high + 1) >>> 1;
    if ((starts[middle] ?? 0) <= value) low = middle;
    else high = middle - 1;
  }
  return value <= (ends[low] ?? 0);
}

function contains6(starts: readonly bigint[], ends: readonly bigint[], value: bigint): boolean {
  const length = starts.length;
  if (length === 0 || value < (starts[0] ?? 0n) || value > (ends[length - 1] ?? 0n)) return false;
  let low = 0;
  let high = length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if ((starts[middle] ?? 0n) <= value) low = middle;
    else high = middle - 1;
  }
  return value <= (ends[low] ?? 0n);
}
