// What a queried name says about a tunnel: the registered domain it belongs to (the part the
// attacker bought and whose name server receives every query), and the subdomain part, which
// is where a tunnel writes its payload.
import { parse } from 'tldts';

/** The registered domain and the subdomain part of one queried name. */
export interface QueryName {
  /** eTLD+1 from the public-suffix list, private suffixes included (`evil.github.io`). */
  domain: string;
  /** Everything left of `domain`, without the joining dot; '' for the domain itself. */
  subdomain: string;
}

// Names that never leave the site or are not lookups of a domain: reverse zones, mDNS, names
// reserved for private use (RFC 6761, RFC 6762, ICANN's `.internal`).
const LOCAL_SUFFIXES = ['.arpa', '.local', '.localhost', '.internal'];
const MAX_NAME = 253;

/**
 * The registered domain of `query`, or undefined for names a tunnel cannot use: empty, too
 * long, IP literals, reverse lookups, local suffixes, and (unless `anySuffix`) names under a
 * suffix missing from the public-suffix list (`.corp`, `.lan`): no one outside can delegate
 * those, so their queries never reach an attacker's name server.
 */
export function queryName(query: string, anySuffix = false): QueryName | undefined {
  if (query.length === 0 || query.length > MAX_NAME) return undefined;
  const name = query.endsWith('.') ? query.slice(0, -1) : query;
  for (const suffix of LOCAL_SUFFIXES)
    if (name.endsWith(suffix) || name === suffix.slice(1)) return undefined;
  const parsed = parse(name, { allowPrivateDomains: true });
  if (parsed.isIp === true || parsed.domain === null || parsed.domain === '') return undefined;
  if (!anySuffix && parsed.isIcann !== true && parsed.isPrivate !== true) return undefined;
  return { domain: parsed.domain, subdomain: parsed.subdomain ?? '' };
}

/** Character statistics of one subdomain part, for the per-domain aggregate. */
export interface SubdomainShape {
  /** Characters, dots included. */
  length: number;
  /** The longest label's length. */
  longestLabel: number;
  /** The longest label looks like encoded data (hex, base32, base36/64 folded to lower case). */
  encoded: boolean;
}

// Encoded labels: long enough to carry data, and hex with digits and letters, or mixing digits
// into letters, or letters with too few vowels to be words (random letters have ~19 % vowels,
// English hostnames ~40 %).
const MIN_ENCODED = 16;
const MIN_MIXED_DIGITS = 0.2;
const MIN_MIXED_LETTERS = 0.2;
const MIN_VOWELLESS = 20;
const MAX_VOWEL_SHARE = 0.28;

/** Bins of the character histogram: a-z, 0-9, then `-`, `_` and anything else. */
export const CHAR_BINS = 39;

/** Adds the subdomain's characters to `histogram` (CHAR_BINS long) and returns its shape. */
export function measureSubdomain(subdomain: string, histogram: Uint32Array): SubdomainShape {
  let longest = 0;
  let encoded = false;
  let start = 0;
  let digits = 0;
  let letters = 0;
  let vowels = 0;
  let nonHex = 0;
  for (let i = 0; i <= subdomain.length; i++) {
    const c = i < subdomain.length ? subdomain.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      const length = i - start;
      if (length > longest) longest = length;
      if (length >= MIN_ENCODED && looksEncoded(length, digits, letters, vowels, nonHex))
        encoded = true;
      start = i + 1;
      digits = letters = vowels = nonHex = 0;
      continue;
    }
    let bin: number;
    if (c >= 0x30 && c <= 0x39) {
      digits++;
      bin = 26 + c - 0x30;
    } else if (c >= 0x61 && c <= 0x7a) {
      letters++;
      bin = c - 0x61;
      if (c > 0x66) nonHex++;
      if (c === 0x61 || c === 0x65 || c === 0x69 || c === 0x6f || c === 0x75) vowels++;
    } else {
      nonHex++;
      bin = c === 0x2d ? 36 : c === 0x5f ? 37 : 38;
    }
    histogram[bin] = (histogram[bin] ?? 0) + 1;
  }
  return { length: subdomain.length, longestLabel: longest, encoded };
}

function looksEncoded(
  length: number,
  digits: number,
  letters: number,
  vowels: number,
  nonHex: number,
): boolean {
  if (nonHex === 0 && digits > 0 && letters > 0) return true;
  if (digits >= length * MIN_MIXED_DIGITS && letters >= length * MIN_MIXED_LETTERS) return true;
  return length >= MIN_VOWELLESS && letters >= length * 0.8 && vowels < letters * MAX_VOWEL_SHARE;
}

/** Shannon entropy in bits per character of a character histogram. */
export function entropyBits(histogram: Uint32Array): number {
  let total = 0;
  for (const n of histogram) total += n;
  if (total === 0) return 0;
  let bits = 0;
  for (const n of histogram) {
    if (n === 0) continue;
    const p = n / total;
    bits -= p * Math.log2(p);
  }
  return bits;
}
