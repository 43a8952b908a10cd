// One parse of an address text for every geo and warninglist look-up. IPv4 addresses carried in
// IPv6 (`::ffff:a.b.c.d`, and the NAT64 well-known prefix `64:ff9b::/96`) are unwrapped to IPv4:
// they name an IPv4 host, so its country, ASN and special range are the ones that apply, and the
// country database has no data under the IPv6 spelling.
import { parseIpv4, parseIpv6 } from '../../core/ip.ts';

/** A parsed address: a uint32 for IPv4, a 128-bit BigInt for IPv6. */
export type Address = { version: 4; value: number } | { version: 6; value: bigint };

const MAPPED_PREFIX = 0xffffn << 32n; // ::ffff:0:0/96
const NAT64_PREFIX = 0x64ff9bn << 96n; // 64:ff9b::/96
const LOW_32 = 0xffffffffn;

/** Parse `text` as IPv4 or IPv6, unwrapping IPv4-mapped and NAT64 addresses; undefined if invalid. */
export function parseAddress(text: string): Address | undefined {
  const v4 = parseIpv4(text);
  if (v4 >= 0) return { version: 4, value: v4 };
  const v6 = parseIpv6(text);
  if (v6 === undefined) return undefined;
  return embeddedIpv4(v6) ?? { version: 6, value: v6 };
}

/** The IPv4 address carried by a mapped or NAT64 IPv6 address, else undefined. */
export function embeddedIpv4(v6: bigint): Address | undefined {
  const high = v6 & ~LOW_32;
  if (high === MAPPED_PREFIX || high === NAT64_PREFIX) {
    return { version: 4, value: Number(v6 & LOW_32) };
  }
  return undefined;
}

/** Dotted-quad text of a uint32. */
export function formatIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** Uncompressed IPv6 text (eight hex groups), which every reader accepts. */
export function formatIpv6(value: bigint): string {
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) {
    groups.push(((value >> shift) & 0xffffn).toString(16));
  }
  return groups.join(':');
}
