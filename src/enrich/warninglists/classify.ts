// What a warninglist hit means for a "rare destination" score. Lists of big, legitimate
// infrastructure lower it (C2 also lives on clouds and CDNs, hence "lower", never "suppress");
// lists of services attackers favour raise it; the rest (scanners, hashes, special ranges,
// helper lists such as tlds) say nothing about a destination. Rules are tried in order on the
// list id (its directory name, e.g. `cloudflare-top10k`), first match wins.

/** The effect of a list on a destination score. */
export type ListClass = 'known-good' | 'raise' | 'neutral';

/** One classification rule. */
export interface ClassRule {
  pattern: RegExp;
  class: ListClass;
  /** Why, for reports. */
  reason?: string;
}

/** Configuration: extra rules (tried first) and per-list overrides (win over every rule). */
export interface ClassifyOptions {
  rules?: readonly ClassRule[];
  overrides?: Readonly<Record<string, ListClass>>;
}

/** Default rules. Raise rules come first so that no known-good pattern can swallow them. */
export const DEFAULT_CLASS_RULES: readonly ClassRule[] = [
  { pattern: /dynamic-?dns|ddns/, class: 'raise', reason: 'free dynamic DNS hosts C2' },
  { pattern: /(^|-)vpn(-|$)/, class: 'raise', reason: 'commercial VPN exits hide the real peer' },
  { pattern: /(^|-)tor(-|$)|tor-exit/, class: 'raise', reason: 'Tor exits' },
  { pattern: /url-shortener/, class: 'raise', reason: 'shorteners hide phishing targets' },
  { pattern: /ipfs/, class: 'raise', reason: 'IPFS gateways host phishing kits' },
  { pattern: /link-in-bio/, class: 'raise', reason: 'link pages chain to phishing' },
  { pattern: /sinkhole/, class: 'raise', reason: 'talking to a sinkhole means an infected host' },
  { pattern: /^lots-project$/, class: 'raise', reason: 'trusted sites abused for C2 and exfil' },
  { pattern: /whats-my-ip|findip/, class: 'raise', reason: 'malware checks its public address' },
  { pattern: /^microsoft-attack-simulator$/, class: 'neutral', reason: 'phishing simulation' },
  { pattern: /^(cloudflare-top|cisco_top|tranco|majestic|alexa|moz-top)/, class: 'known-good' },
  { pattern: /^(google|apple|microsoft)($|-)/, class: 'known-good', reason: 'vendor endpoints' },
  {
    pattern: /^(amazon-aws|google-gcp|oracle-oci|akamai|cloudflare|fastly|stackpath|bunny-net)$/,
    class: 'known-good',
    reason: 'cloud and CDN ranges',
  },
  { pattern: /^(github|wikimedia|zscaler)$/, class: 'known-good' },
  { pattern: /crl|ocsp/, class: 'known-good', reason: 'certificate revocation' },
  { pattern: /public-dns/, class: 'known-good', reason: 'public DNS resolvers' },
  { pattern: /(^|-)ntp(-|$)/, class: 'known-good', reason: 'time servers' },
  { pattern: /captive-portal/, class: 'known-good', reason: 'OS connectivity checks' },
];

/**
 * Popularity rankings (`hostname`-typed in MISP for tranco10k and alexa). Their entries are
 * registered domains of sites that also host anyone's content (duckdns.org, github.io,
 * blogspot.com...), so they are matched exactly: a subdomain of a top site is not a top site.
 */
export const POPULARITY_LISTS = /^(cloudflare-top|cisco_top|tranco|majestic|alexa|moz-top)/;

/** The class of list `id` under the given configuration. */
export function classifyList(id: string, options: ClassifyOptions = {}): ListClass {
  const override = options.overrides?.[id];
  if (override !== undefined) return override;
  for (const rule of [...(options.rules ?? []), ...DEFAULT_CLASS_RULES]) {
    if (rule.pattern.test(id)) return rule.class;
  }
  return 'neutral';
}

/** One class for a set of matches: any `raise` wins (attackers use clouds too), then known-good. */
export function overallClass(matches: readonly { class: ListClass }[]): ListClass {
  if (matches.some((match) => match.class === 'raise')) return 'raise';
  return matches.some((match) => match.class === 'known-good') ? 'known-good' : 'neutral';
}
