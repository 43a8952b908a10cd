// IP address and CIDR parsing shared by every stage (site matching, Sigma cidr, intel, network
// analytics). IPv4 is parsed by hand into a uint32 because it runs for every address of every
// event; IPv6 goes through BigInt, which is rarer and slower.

export interface Cidr {
  version: 4 | 6;
  /** Network address: a uint32 for IPv4, a 128-bit BigInt for IPv6. */
  network: number | bigint;
  prefix: number;
  text: string;
}

/** Dotted-quad to uint32, or -1 when `text` is not an IPv4 address. */
export function parseIpv4(text: string): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) {
      octet = octet * 10 + (code - 48);
      if (++digits > 3 || octet > 255) return -1;
    } else if (code === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

/** IPv6 text (with `::`, an embedded IPv4 tail, or a `%zone`) to a BigInt, or undefined. */
export function parseIpv6(text: string): bigint | undefined {
  const zoneless = text.split('%')[0] ?? '';
  if (!zoneless.includes(':')) return undefined;
  const halves = zoneless.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] === '' ? [] : (halves[0] ?? '').split(':');
  const tail = halves.length === 2 && halves[1] !== '' ? (halves[1] ?? '').split(':') : [];
  const groups: number[] = [];
  for (const part of [...head, ...tail]) {
    if (part.includes('.')) continue;
    if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return undefined;
  }
  const expand = (parts: string[]): number[] | undefined => {
    const out: number[] = [];
    for (const [index, part] of parts.entries()) {
      if (part.includes('.') && index === parts.length - 1) {
        const v4 = parseIpv4(part);
        if (v4 < 0) return undefined;
        out.push(Math.floor(v4 / 65536), v4 % 65536);
      } else {
        out.push(Number.parseInt(part, 16));
      }
    }
    return out;
  };
  const headGroups = expand(head);
  const tailGroups = expand(tail);
  if (headGroups === undefined || tailGroups === undefined) return undefined;
  const missing = 8 - headGroups.length - tailGroups.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  groups.push(...headGroups, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0));
  groups.push(...tailGroups);
  let value = 0n;
  for (const group of groups) value = (value << 16n) | BigInt(group);
  return value;
}

/** Parse `10.1.0.0/16`, `2001:db8::/32`, or a bare address (a host route). */
export function parseCidr(text: string): Cidr | undefined {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const address = slash === -1 ? trimmed : trimmed.slice(0, slash);
  const prefixText = slash === -1 ? undefined : trimmed.slice(slash + 1);
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const v4 = parseIpv4(address);
  if (v4 >= 0) {
    const prefix = prefixText === undefined ? 32 : Number(prefixText);
    if (prefix > 32) return undefined;
    return { version: 4, network: maskIpv4(v4, prefix), prefix, text: trimmed };
  }
  const v6 = parseIpv6(address);
  if (v6 === undefined) return undefined;
  const prefix = prefixText === undefined ? 128 : Number(prefixText);
  if (prefix > 128) return undefined;
  return { version: 6, network: maskIpv6(v6, prefix), prefix, text: trimmed };
}

export function maskIpv4(address: number, prefix: number): number {
  if (prefix === 0) return 0;
  const size = 2 ** (32 - prefix);
  return address - (address % size);
}

export function maskIpv6(address: bigint, prefix: number): bigint {
  const hostBits = BigInt(128 - prefix);
  return (address >> hostBits) << hostBits;
}

// Special-purpose IPv4 ranges (RFC 6890 and successors): never "external" destinations.
const SPECIAL_V4 = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
].map((text) => parseCidr(text) as Cidr);

const SPECIAL_V6 = ['::/128', '::1/128', 'fc00::/7', 'fe80::/10', 'ff00::/8', '2001:db8::/32'].map(
  (text) => parseCidr(text) as Cidr,
);

/** True for addresses routed on the public internet (not private, loopback, multicast, ...). */
export function isPublicAddress(text: string): boolean {
  const v4 = parseIpv4(text);
  if (v4 >= 0) return !SPECIAL_V4.some((cidr) => maskIpv4(v4, cidr.prefix) === cidr.network);
  const v6 = parseIpv6(text);
  if (v6 === undefined) return false;
  return !SPECIAL_V6.some((cidr) => maskIpv6(v6, cidr.prefix) === cidr.network);
}
