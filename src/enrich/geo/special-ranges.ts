// Which special-purpose block (IANA IPv4/IPv6 Special-Purpose Address Registries, RFC 6890 and
// successors) an address falls in. Such addresses have no country or ASN: the public data sets
// even carry wrong answers for some of them (geo-whois-asn-country maps 172.16.0.0/12 and
// 192.168.0.0/16 to AU, 2001:db8::/32 to JP), so every look-up asks this first.
//
// core/ip.ts `isPublicAddress` only answers yes or no, and costs ~1.3 us an IPv4 address (a
// power and a modulo per range); this runs before every country and ASN look-up, so the named
// table below uses precomputed bit masks instead. It covers every range core knows, which
// special-ranges.test.ts checks against core itself so the two cannot drift apart.
import { maskIpv6, parseCidr } from '../../core/ip.ts';
import { parseAddress, type Address } from './address.ts';

/** The special-purpose category of an address. */
export type SpecialRange =
  | 'unspecified'
  | 'this-network'
  | 'private'
  | 'cgnat'
  | 'loopback'
  | 'link-local'
  | 'ietf-protocol'
  | 'documentation'
  | 'benchmarking'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'unique-local'
  | 'site-local'
  | 'discard';

interface Block<T> {
  network: T;
  /** IPv4: the netmask as a uint32; IPv6: the prefix length. */
  mask: number;
  category: SpecialRange;
}

// Most specific first: the first block that contains the address names it.
const V4: readonly [string, SpecialRange][] = [
  ['255.255.255.255/32', 'broadcast'], // RFC 919
  ['0.0.0.0/8', 'this-network'], // RFC 791
  ['10.0.0.0/8', 'private'], // RFC 1918
  ['172.16.0.0/12', 'private'],
  ['192.168.0.0/16', 'private'],
  ['100.64.0.0/10', 'cgnat'], // RFC 6598
  ['127.0.0.0/8', 'loopback'], // RFC 1122
  ['169.254.0.0/16', 'link-local'], // RFC 3927
  ['192.0.0.0/24', 'ietf-protocol'], // RFC 6890
  ['192.0.2.0/24', 'documentation'], // RFC 5737 TEST-NET-1..3
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['198.18.0.0/15', 'benchmarking'], // RFC 2544
  ['224.0.0.0/4', 'multicast'], // RFC 5771
  ['240.0.0.0/4', 'reserved'], // RFC 1112
];

const V6: readonly [string, SpecialRange][] = [
  ['::/128', 'unspecified'], // RFC 4291
  ['::1/128', 'loopback'],
  ['100::/64', 'discard'], // RFC 6666
  ['2001:2::/48', 'benchmarking'], // RFC 5180
  ['2001:db8::/32', 'documentation'], // RFC 3849
  ['3fff::/20', 'documentation'], // RFC 9637
  ['fc00::/7', 'unique-local'], // RFC 4193 (fd00::/8 is the locally assigned half)
  ['fe80::/10', 'link-local'], // RFC 4291
  ['fec0::/10', 'site-local'], // RFC 3879, deprecated
  ['ff00::/8', 'multicast'],
];

const blocksV4: Block<number>[] = V4.map(([text, category]) => {
  const cidr = parseCidr(text);
  if (cidr?.version !== 4) throw new Error(`bad special range ${text}`);
  const mask = cidr.prefix === 0 ? 0 : (0xffffffff << (32 - cidr.prefix)) >>> 0;
  return { network: cidr.network as number, mask, category };
});

const blocksV6: Block<bigint>[] = V6.map(([text, category]) => {
  const cidr = parseCidr(text);
  if (cidr?.version !== 6) throw new Error(`bad special range ${text}`);
  return { network: cidr.network as bigint, mask: cidr.prefix, category };
});

// Global unicast is 2000::/3; IANA has allocated nothing else outside the blocks above.
const GLOBAL_UNICAST = 1n;
const TOP_3_SHIFT = 125n;

/** The special-purpose category of an address text, or undefined for public (or invalid) text. */
export function specialRange(text: string): SpecialRange | undefined {
  const address = parseAddress(text);
  return address === undefined ? undefined : specialRangeOf(address);
}

/** The special-purpose category of a parsed address, or undefined for a public address. */
export function specialRangeOf(address: Address): SpecialRange | undefined {
  if (address.version === 4) {
    const value = address.value;
    for (const block of blocksV4) {
      if ((value & block.mask) >>> 0 === block.network) return block.category;
    }
    return undefined;
  }
  const value = address.value;
  for (const block of blocksV6) {
    if (maskIpv6(value, block.mask) === block.network) return block.category;
  }
  return value >> TOP_3_SHIFT === GLOBAL_UNICAST ? undefined : 'reserved';
}
