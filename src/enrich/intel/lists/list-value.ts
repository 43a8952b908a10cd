// One value of a plain list to normalized indicators. The type comes, in order, from the line
// itself (a `type` column: our names, MISP attribute type names, a few common aliases), from the
// caller, from the column the value sits in (`md5`, `ip`...), and last from the value's shape.
import {
  INDICATOR_TYPES,
  inferType,
  normalizeIndicator,
  refang,
  type IndicatorType,
} from '../../../core/index.ts';
import { indicatorsOfMispValue, isKnownMispType } from '../misp/attribute-types.ts';

/** A type named in a list: one of ours, `ip` (family from the value), or a MISP type. */
export type ListTypeName = IndicatorType | 'ip' | { misp: string };

export type ListValue = { type: IndicatorType; value: string; weight: number } | { error: string };

// A list may name any type but a STIX pattern.
const OUR_TYPES: readonly string[] = INDICATOR_TYPES.filter((type) => type !== 'pattern');

const ALIASES: Readonly<Record<string, IndicatorType | 'ip'>> = {
  ip: 'ip',
  'ip-address': 'ip',
  'ipv4-addr': 'ipv4',
  'ipv6-addr': 'ipv6',
  'domain-name': 'domain',
  'email-addr': 'email',
  'file-name': 'filename',
  'sha-1': 'sha1',
  'sha-256': 'sha256',
  'sha-512': 'sha512',
};

/** The type a list names, or undefined when the name is not a type we know. */
export function listTypeOfName(name: string): ListTypeName | undefined {
  const text = name.trim();
  const lower = text.toLowerCase();
  if (OUR_TYPES.includes(lower)) return lower as IndicatorType;
  if (Object.hasOwn(ALIASES, lower)) return ALIASES[lower];
  // MISP types are case-sensitive (`AS`), so they are looked up as written.
  if (isKnownMispType(text)) return { misp: text };
  return undefined;
}

/** The indicators one list value gives; a value that is none gives one error saying why. */
export function indicatorsOfListValue(raw: string, type: ListTypeName | undefined): ListValue[] {
  const text = refang(raw.trim());
  if (text === '') return [{ error: 'empty value' }];
  if (typeof type === 'object') {
    const mapped = indicatorsOfMispValue(type.misp, text);
    return 'skip' in mapped ? [{ error: mapped.skip }] : mapped.parts;
  }
  const resolved =
    type === 'ip' ? (text.includes('/') ? 'cidr' : 'ipv4') : (type ?? inferType(text));
  if (resolved === undefined) return [{ error: `not a recognizable indicator: ${clip(text)}` }];
  const normalized = normalizeIndicator(resolved, text);
  return ['error' in normalized ? normalized : { ...normalized, weight: 1 }];
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
