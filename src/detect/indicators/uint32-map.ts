// A hash map from 32-bit unsigned integers (IPv4 addresses and networks) to small non-negative
// integers, in typed arrays with open addressing: a look-up hashes, probes and compares integers
// and allocates nothing, where a Map keyed by numbers above 2^30 boxes every key it is asked for.

const EMPTY = -1;

export class Uint32Map {
  private keys: Uint32Array;
  private values: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 16) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Uint32Array(size);
    this.values = new Int32Array(size).fill(EMPTY);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The value stored for `key`, or -1. */
  get(key: number): number {
    const keys = this.keys;
    const values = this.values;
    for (let slot = hash(key) & this.mask; ; slot = (slot + 1) & this.mask) {
      const value = values[slot] as number;
      if (value === EMPTY || keys[slot] === key) return value;
    }
  }

  /** Stores a value (>= 0) for `key`, replacing any. */
  set(key: number, value: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const keys = this.keys;
    const values = this.values;
    for (let slot = hash(key) & this.mask; ; slot = (slot + 1) & this.mask) {
      if (values[slot] === EMPTY) {
        keys[slot] = key;
        values[slot] = value;
        this.count++;
        return;
      }
      if (keys[slot] === key) {
        values[slot] = value;
        return;
      }
    }
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.values = new Int32Array(keys.length * 2).fill(EMPTY);
    this.mask = this.keys.length - 1;
    this.count = 0;
    for (let slot = 0; slot < keys.length; slot++)
      if (values[slot] !== EMPTY) this.set(keys[slot] as number, values[slot] as number);
  }
}

function hash(key: number): number {
  // Murmur3's finalizer: consecutive addresses land far apart.
  let h = key ^ (key >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
