// One normal form per indicator type, used by every importer and by the matcher on event values:
// an indicator and an event value that mean the same thing must compare equal as strings.
import { parseCidr, parseIpv4, parseIpv6 } from './ip.ts';
import type { IndicatorType } from './indicator.ts';

export type NormalizedIndicator = { type: IndicatorType; value: string } | { error: string };

const HEX = { md5: 32, sha1: 40, sha256: 64, sha512: 128 } as const;
const HEX_RE = /^[0-9a-f]+$/;
// RFC 1035 labels, with underscores as service records and DGA names use them in practice.
const DOMAIN_RE = /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z0-9-]{2,63}$/;
const EMAIL_RE = /^[^\s@<>]{1,64}@[^\s@<>]{1,253}$/;

/** Canonical text of an IPv6 address (RFC 5952: lower case, longest zero run as `::`). */
export function canonicalIpv6(value: bigint): string {
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8;) {
    let end = start;
    while (end < 8 && groups[end] === 0) end++;
    if (end - start > bestLength) [bestStart, bestLength] = [start, end - start];
    start = end === start ? start + 1 : end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function ipv4Text(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** A domain in normal form: lower case, no trailing dot, punycode kept as it is written. */
export function normalizeDomain(raw: string): string | undefined {
  let text = raw.trim().toLowerCase();
  if (text.endsWith('.')) text = text.slice(0, -1);
  if (text.startsWith('*.')) text = text.slice(2);
  if (!isAscii(text)) {
    // An internationalized name: URL's host parser applies IDNA (to punycode), as resolvers do.
    try {
      text = new URL(`http://${text}/`).hostname;
    } catch {
      return undefined;
    }
  }
  return DOMAIN_RE.test(text) ? text : undefined;
}

/** An IP address (v4 or v6) in canonical text, or undefined. */
export function normalizeIp(raw: string): string | undefined {
  const text = raw.trim();
  const v4 = parseIpv4(text);
  if (v4 >= 0) return ipv4Text(v4);
  const v6 = parseIpv6(text.replace(/^\[|\]$/g, ''));
  if (v6 === undefined) return undefined;
  // IPv4-mapped addresses (::ffff:a.b.c.d) are the IPv4 address.
  if (v6 >> 32n === 0xffffn) return ipv4Text(Number(v6 & 0xffffffffn));
  return canonicalIpv6(v6);
}

/**
 * A URL in normal form: scheme and host lower case, default port dropped, fragment dropped, the
 * path and query as written (they are case-sensitive on most servers). A URL without a scheme is
 * read as http.
 */
export function normalizeUrl(raw: string): string | undefined {
  const text = raw.trim();
  if (text === '' || /\s/.test(text)) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (url.hostname === '' || !plausibleHost(withScheme)) return undefined;
  url.hash = '';
  // `http://a.b` and `http://a.b/` are one resource: the bare-origin form drops the slash.
  const href = url.href;
  return url.pathname === '/' && url.search === '' ? href.slice(0, -1) : href;
}

/** Normalize a value of a known type; the error says why it is not one. */
export function normalizeIndicator(type: IndicatorType, raw: string): NormalizedIndicator {
  const text = raw.trim();
  if (text === '') return { error: `empty ${type}` };
  switch (type) {
    case 'ipv4':
    case 'ipv6': {
      const value = normalizeIp(text);
      if (value === undefined) return { error: `not an IP address: ${clip(text)}` };
      return { type: value.includes(':') ? 'ipv6' : 'ipv4', value };
    }
    case 'cidr': {
      const cidr = parseCidr(text);
      if (cidr === undefined) return { error: `not a CIDR range: ${clip(text)}` };
      const host = cidr.version === 4 ? 32 : 128;
      const address =
        cidr.version === 4
          ? ipv4Text(cidr.network as number)
          : canonicalIpv6(cidr.network as bigint);
      // A /32 (or /128) is a single address: index and deduplicate it as one.
      if (cidr.prefix === host)
        return { type: cidr.version === 4 ? 'ipv4' : 'ipv6', value: address };
      return { type: 'cidr', value: `${address}/${cidr.prefix}` };
    }
    case 'domain': {
      const value = normalizeDomain(text);
      return value === undefined ? { error: `not a domain name: ${clip(text)}` } : { type, value };
    }
    case 'url': {
      const value = normalizeUrl(text);
      return value === undefined ? { error: `not a URL: ${clip(text)}` } : { type, value };
    }
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha512': {
      const value = text.toLowerCase();
      if (value.length !== HEX[type] || !HEX_RE.test(value))
        return { error: `not a ${type.toUpperCase()} hash: ${clip(text)}` };
      return { type, value };
    }
    case 'email': {
      const value = text.replace(/^mailto:/i, '').toLowerCase();
      if (!EMAIL_RE.test(value)) return { error: `not an email address: ${clip(text)}` };
      const at = value.lastIndexOf('@');
      const domain = normalizeDomain(value.slice(at + 1));
      if (domain === undefined) return { error: `not an email address: ${clip(text)}` };
      return { type, value: `${value.slice(0, at)}@${domain}` };
    }
    case 'pattern':
      return { type, value: text };
    case 'filename': {
      // Matched on the last path component, case-insensitively (Windows file systems are).
      const value = text.split(/[\\/]/).pop()?.toLowerCase() ?? '';
      return value === '' ? { error: `empty file name: ${clip(text)}` } : { type, value };
    }
  }
}

/** Guess the type of a bare value in a plain list (one IP, range, domain, URL, hash or address). */
export function inferType(raw: string): IndicatorType | undefined {
  const text = refang(raw.trim());
  if (text === '') return undefined;
  if (text.includes('/') && parseCidr(text) !== undefined) return 'cidr';
  if (normalizeIp(text) !== undefined) return text.includes(':') ? 'ipv6' : 'ipv4';
  if (HEX_RE.test(text.toLowerCase())) {
    for (const [type, length] of Object.entries(HEX) as [keyof typeof HEX, number][])
      if (text.length === length) return type;
    return undefined;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return 'url';
  if (text.includes('@')) return 'email';
  if (text.includes('/')) return 'url';
  if (normalizeDomain(text) !== undefined) return 'domain';
  return undefined;
}

/** Undo the "defanging" analysts apply so indicators cannot be clicked: hxxp, [.], (dot), [@]. */
export function refang(text: string): string {
  return text
    .replace(/^hxxp(s?):\/\//i, 'http$1://')
    .replace(/^fxp:\/\//i, 'ftp://')
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)/gi, '.')
    .replace(/\[@\]|\(@\)|\[at\]|\(at\)/gi, '@')
    .replace(/\[:\/\/\]/g, '://');
}

/**
 * The WHATWG parser reads `http://107.183.86/` as 107.183.0.86 and accepts a bare word as a host;
 * an indicator written that way is a mistake, not an address: numeric hosts must be dotted quads
 * and names must have a dot.
 */
function plausibleHost(url: string): boolean {
  const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url)?.[1] ?? '';
  if (host.startsWith('[')) return true;
  if (/^[0-9.]+$/.test(host)) return parseIpv4(host) >= 0;
  return host.includes('.') || host.toLowerCase() === 'localhost';
}

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
