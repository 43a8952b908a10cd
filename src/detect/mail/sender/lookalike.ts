// Look-alike sender domains: is `rnofa.go.jp`, `mofa-go.jp` or `mofa.go.jp.cn-gov.org` dressed up
// as a protected domain (the organization's own or a partner's)? Each match says which tricks it
// uses, so the verdict can weigh them and an analyst can read why.
import { domainToASCII, domainToUnicode } from 'node:url';
import { parse } from 'tldts';

export type LookalikeTrick =
  'edit-distance' | 'confusable' | 'idn' | 'hyphen-dot' | 'embedded' | 'tld-swap';

export interface LookalikeMatch {
  domain: string;
  protectedDomain: string;
  tricks: LookalikeTrick[];
  /** Damerau-Levenshtein distance between the registrable labels, when within reach. */
  distance?: number;
  reason: string;
}

export interface DomainParts {
  /** Lower-case ASCII (punycode) form. */
  ascii: string;
  /** Unicode form, for confusable checks. */
  unicode: string;
  /** `mofa.go.jp` for `www.mofa.go.jp`; undefined for IPs, bare suffixes and garbage. */
  registrable?: string;
  /** `mofa` for `www.mofa.go.jp`. */
  label?: string;
  /** `go.jp` for `www.mofa.go.jp`. */
  suffix?: string;
}

const MAX_DOMAIN = 253;
const MAX_PROTECTED = 1000;
// Edit distance on labels this short reaches real neighbours (`mofa.go.jp` ↔ `mod.go.jp`).
const SHORT_LABEL = 5;
// Below this, one edit reaches too many unrelated names (`un.org` ↔ `us.org`).
const MIN_EDIT_LABEL = 4;

/** A domain in its forms and parts, using the public-suffix list (tldts). Never throws. */
export function domainParts(domain: string): DomainParts {
  const trimmed = domain.trim().toLowerCase().replace(/\.+$/, '').slice(0, MAX_DOMAIN);
  const ascii = domainToASCII(trimmed) || trimmed;
  const unicode = domainToUnicode(ascii) || trimmed;
  const parts: DomainParts = { ascii, unicode };
  // Private suffixes count: `evil.github.io` belongs to whoever owns `evil`.
  const parsed = parse(ascii, { allowPrivateDomains: true });
  if (
    parsed.domain !== null &&
    parsed.publicSuffix !== null &&
    parsed.domainWithoutSuffix !== null
  ) {
    parts.registrable = parsed.domain;
    parts.suffix = parsed.publicSuffix;
    parts.label = domainToUnicode(parsed.domainWithoutSuffix) || parsed.domainWithoutSuffix;
  }
  return parts;
}

/** The registrable domain (`mofa.go.jp` for `mail.mofa.go.jp`), or undefined. */
export function registrableDomain(domain: string): string | undefined {
  return domainParts(domain).registrable;
}

/** True when `domain` is `protectedDomain` itself or one of its subdomains. */
export function isSameOrSubdomain(domain: string, protectedDomain: string): boolean {
  const d = domainParts(domain).ascii;
  const p = domainParts(protectedDomain).ascii;
  return p !== '' && (d === p || d.endsWith(`.${p}`));
}

/**
 * The first protected domain that `domain` imitates, or undefined. A domain that is, or lies
 * under, any protected domain is never a look-alike: partners' lists may hold near neighbours.
 */
export function findLookalike(
  domain: string,
  protectedDomains: readonly string[],
): LookalikeMatch | undefined {
  const list = protectedDomains.slice(0, MAX_PROTECTED).map(domainParts);
  const candidate = domainParts(domain);
  if (candidate.ascii === '') return undefined;
  for (const target of list) {
    if (target.ascii === '') continue;
    if (candidate.ascii === target.ascii || candidate.ascii.endsWith(`.${target.ascii}`))
      return undefined;
    if (candidate.registrable !== undefined && candidate.registrable === target.registrable)
      return undefined;
  }
  for (const target of list) {
    const match = compare(candidate, target);
    if (match !== undefined) return match;
  }
  return undefined;
}

function compare(candidate: DomainParts, target: DomainParts): LookalikeMatch | undefined {
  const tricks = new Set<LookalikeTrick>();
  const notes: string[] = [];
  const d = candidate.unicode;
  const p = target.unicode;
  const { label, suffix } = candidate;
  if (d.startsWith(`${p}.`) || d.includes(`.${p}.`)) {
    tricks.add('embedded');
    notes.push(`carries ${p} as labels under ${candidate.registrable ?? d}`);
  }
  const moved = flat(d) === flat(p);
  if (moved || (label !== undefined && flat(label) === flat(p))) {
    tricks.add('hyphen-dot');
    notes.push(`is ${p} with dots or hyphens moved`);
  }
  let distance: number | undefined;
  if (label !== undefined && suffix !== undefined && target.label !== undefined) {
    const stem = p.slice(0, p.lastIndexOf('.'));
    if (
      !moved &&
      suffix !== target.suffix &&
      (label === target.label || flat(label) === flat(stem))
    ) {
      tricks.add('tld-swap');
      notes.push(`swaps the suffix .${target.suffix ?? ''} for .${suffix}`);
    }
    if (suffix === target.suffix && target.label.length >= MIN_EDIT_LABEL) {
      const limit = target.label.length <= SHORT_LABEL ? 1 : 2;
      const found = damerauLevenshtein(label, target.label, limit);
      if (found > 0 && found <= limit) {
        distance = found;
        tricks.add('edit-distance');
        notes.push(`is ${found} edit${found === 1 ? '' : 's'} from ${target.label}`);
      }
    }
  }
  const folded =
    skeleton(d) === skeleton(p) ||
    (label !== undefined &&
      target.label !== undefined &&
      label !== target.label &&
      skeleton(label) === skeleton(target.label));
  if (folded && d !== p) {
    tricks.add('confusable');
    notes.push(`reads as ${p} once look-alike characters are folded`);
    if (candidate.ascii.includes('xn--') && /[^\p{ASCII}]/u.test(d)) {
      tricks.add('idn');
      notes.push(`is an internationalized name (${candidate.ascii})`);
    }
  }
  if (tricks.size === 0) return undefined;
  const match: LookalikeMatch = {
    domain: candidate.ascii,
    protectedDomain: target.ascii,
    tricks: [...tricks],
    reason: `${d} looks like ${p}: it ${notes.join('; ')}`,
  };
  if (distance !== undefined) match.distance = distance;
  return match;
}

/** Without dots and hyphens: `mofa-go.jp`, `mofagojp.com` → `mofagojp`, `mofagojpcom`. */
function flat(text: string): string {
  return text.replace(/[.-]/g, '');
}

// Characters that read as ASCII letters in common mail fonts; folded before comparing. Latin
// `l`, `i`, `1` and `|` fold together: in sans-serif fonts they are the same stroke. Each entry
// is a character followed by the ASCII letter it passes for.
const CONFUSABLE_CHARS: ReadonlyMap<string, string> = new Map(
  [
    // Cyrillic
    'аa вb еe ёe һh іl їl јj кk мm нh оo пn рp сc тt уy хx ѕs ԁd ԛq ԝw ӏl ьb',
    // Greek
    'αa βb εe ηn ιl κk νv οo ρp τt υu χx ωw',
    // Latin and digits
    'ıl ɡg ɑa il 1l |l 0o 5s $s',
  ]
    .join(' ')
    .split(' ')
    .map((pair) => [pair.slice(0, -1), pair.slice(-1)] as const),
);
const CONFUSABLE_PAIRS: readonly (readonly [string, string])[] = [
  ['rn', 'm'],
  ['vv', 'w'],
  ['cl', 'd'],
];

/** A string with look-alike characters folded: `rnofa.go.jp`, `mоfa.go.jp` (Cyrillic о) → `mofa.go.jp`. */
export function skeleton(text: string): string {
  // NFKC folds full-width and compatibility forms (`ｍｏｆａ`); NFD + \p{M} drops accents.
  let out = '';
  for (const char of text.normalize('NFKC').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()) {
    out += CONFUSABLE_CHARS.get(char) ?? char;
  }
  for (const [from, to] of CONFUSABLE_PAIRS) out = out.replaceAll(from, to);
  return out;
}

/**
 * Damerau-Levenshtein (optimal string alignment) distance, giving up at `limit + 1` so a long
 * hostile label costs little. Strings longer than 64 characters are only compared by length.
 */
export function damerauLevenshtein(a: string, b: string, limit = 2): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit || a.length > 64 || b.length > 64) return limit + 1;
  const width = b.length + 1;
  let before = new Array<number>(width).fill(0);
  let previous = Array.from({ length: width }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(width).fill(0);
    current[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length] ?? limit + 1, limit + 1);
}
