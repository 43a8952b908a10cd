// Distinct-name counting in bounded memory. Names are hashed to 53 bits (a safe integer, so a
// Set of numbers holds them without BigInt); below the cap the count is exact up to hash
// collisions (about 1 in 10^11 at 20,000 names). Past the cap it becomes adaptive sampling
// (Wegman; Flajolet 1990): keep only hashes whose low `level` bits are zero, double the
// level whenever the set fills again, and estimate size * 2^level (standard error about
// 1.2/sqrt(cap), under 1 % at 20,000). A HyperLogLog would be smaller, but sampling also tells
// the caller whether a name is new *in the sample*, which the per-domain name statistics use.

/** 53-bit hash of a string: two 32-bit FNV-1a streams with murmur3's finalizer. */
export function hash53(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  a = fmix32(a);
  b = fmix32(b ^ a);
  return (b & 0x1fffff) * 0x1_0000_0000 + (a >>> 0);
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Counts distinct hashes; memory stays under `cap` numbers whatever the stream. */
export class DistinctCounter {
  readonly #cap: number;
  #hashes = new Set<number>();
  #level = 0;

  constructor(cap = 20_000) {
    this.#cap = Math.max(16, cap);
  }

  /**
   * Count `hash`. True when it is new to the sample: exactly "new" below the cap, "new and
   * sampled" above it, so a caller that updates statistics only on true keeps them unbiased.
   */
  add(hash: number): boolean {
    // The low 32 bits come from one finalized stream, so masking them samples uniformly.
    if (this.#level > 0 && (hash >>> 0) % 2 ** this.#level !== 0) return false;
    if (this.#hashes.has(hash)) return false;
    this.#hashes.add(hash);
    while (this.#hashes.size > this.#cap) this.#raise();
    return this.#hashes.has(hash);
  }

  /** Distinct hashes seen: exact below the cap, estimated above it. */
  get count(): number {
    return this.#hashes.size * 2 ** this.#level;
  }

  /** True once the count is an estimate. */
  get approximate(): boolean {
    return this.#level > 0;
  }

  /** The share of new names that `add` reports (1, 1/2, 1/4, ...). */
  get sampleRate(): number {
    return 1 / 2 ** this.#level;
  }

  #raise(): void {
    this.#level++;
    const modulus = 2 ** this.#level;
    const kept = new Set<number>();
    for (const h of this.#hashes) if ((h >>> 0) % modulus === 0) kept.add(h);
    this.#hashes = kept;
  }
}
