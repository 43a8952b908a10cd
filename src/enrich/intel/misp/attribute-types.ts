// How each MISP attribute type becomes indicators: a data table, not a switch. A type either maps
// each `|`-separated part of its value to an indicator type, or is skipped with the reason it
// cannot match anything Chancery sees (it is reported per attribute, never dropped silently).
//
// Decisions:
// - `ip-src`/`ip-dst` read the address family from the value; a `/` makes it a CIDR range.
// - `ip-*|port` and `hostname|port` keep the host: the port only narrows, and no matcher of ours
//   joins a host with a port, so the indicator overmatches slightly rather than never matching.
// - `filename|<hash>` gives the hash at the attribute's confidence and the file name as its own
//   indicator at half of it: names like `invoice.exe` collide with benign files, hashes do not.
// - `malware-sample` (`name|md5`) gives the md5 only: its name is the sample's upload name.
// - Hashes no telemetry carries (imphash, ssdeep, tlsh, ...) and x509 fingerprints (a SHA-1 of a
//   certificate, not of a file) are skipped rather than mapped onto a file-hash type.
import {
  normalizeIndicator,
  type IndicatorType,
  type NormalizedIndicator,
} from '../../../core/index.ts';

/** How one `|`-separated part of a MISP value becomes an indicator. */
export interface PartRule {
  /** `ip` reads IPv4, IPv6 or a CIDR range from the value itself. */
  type: IndicatorType | 'ip';
  /** Multiplies the attribute's confidence for this part (default 1). */
  weight?: number;
}

export type MispTypeRule =
  /** One entry per `|`-separated part of the value; null parts are not indicators. */
  { kind: 'indicator'; parts: readonly (PartRule | null)[] } | { kind: 'skip'; reason: string };

/** Half the attribute's confidence: see the file-name decision above. */
export const FILENAME_BESIDE_HASH_WEIGHT = 0.5;

const one = (type: PartRule['type']): MispTypeRule => ({ kind: 'indicator', parts: [{ type }] });
const parts = (...rules: (PartRule | null)[]): MispTypeRule => ({
  kind: 'indicator',
  parts: rules,
});
const skip = (reason: string): MispTypeRule => ({ kind: 'skip', reason });
const nameAndHash = (hash: IndicatorType): MispTypeRule =>
  parts({ type: 'filename', weight: FILENAME_BESIDE_HASH_WEIGHT }, { type: hash });

const CONTEXT = skip('context for analysts, not an indicator');
const REFERENCE = skip('reference link, not an indicator');
const FUZZY_HASH = skip('no telemetry of ours carries this hash (only md5/sha1/sha256/sha512)');
const OTHER_HASH = skip('no telemetry of ours carries this hash algorithm');
const DETECTION_RULE = skip('a detection rule, not a value; load it through its own engine');
const MAIL_FIELD = skip('no telemetry of ours indexes this mail field');
const ATTRIBUTION = skip('attribution or targeting context, not an indicator');
const FINANCIAL = skip('financial identifier; no telemetry of ours carries it');

const RULES: Readonly<Record<string, MispTypeRule>> = {
  'ip-src': one('ip'),
  'ip-dst': one('ip'),
  'ip-src|port': parts({ type: 'ip' }, null),
  'ip-dst|port': parts({ type: 'ip' }, null),
  domain: one('domain'),
  hostname: one('domain'),
  'domain|ip': parts({ type: 'domain' }, { type: 'ip' }),
  'hostname|port': parts({ type: 'domain' }, null),
  url: one('url'),
  uri: skip('a URL path without a host; nothing of ours matches a bare path'),
  link: REFERENCE,
  email: one('email'),
  'email-src': one('email'),
  'email-dst': one('email'),
  'email-reply-to': one('email'),
  'email-attachment': one('filename'),
  md5: one('md5'),
  sha1: one('sha1'),
  sha256: one('sha256'),
  sha512: one('sha512'),
  filename: one('filename'),
  'filename|md5': nameAndHash('md5'),
  'filename|sha1': nameAndHash('sha1'),
  'filename|sha256': nameAndHash('sha256'),
  'filename|sha512': nameAndHash('sha512'),
  'malware-sample': parts(null, { type: 'md5' }),

  authentihash: FUZZY_HASH,
  imphash: FUZZY_HASH,
  impfuzzy: FUZZY_HASH,
  ssdeep: FUZZY_HASH,
  tlsh: FUZZY_HASH,
  pehash: FUZZY_HASH,
  vhash: FUZZY_HASH,
  telfhash: FUZZY_HASH,
  cdhash: FUZZY_HASH,
  'filename|authentihash': FUZZY_HASH,
  'filename|imphash': FUZZY_HASH,
  'filename|impfuzzy': FUZZY_HASH,
  'filename|ssdeep': FUZZY_HASH,
  'filename|tlsh': FUZZY_HASH,
  'filename|pehash': FUZZY_HASH,
  'filename|vhash': FUZZY_HASH,
  sha224: OTHER_HASH,
  sha384: OTHER_HASH,
  'sha512/224': OTHER_HASH,
  'sha512/256': OTHER_HASH,
  'sha3-224': OTHER_HASH,
  'sha3-256': OTHER_HASH,
  'sha3-384': OTHER_HASH,
  'sha3-512': OTHER_HASH,
  'filename|sha224': OTHER_HASH,
  'filename|sha384': OTHER_HASH,
  'filename|sha512/224': OTHER_HASH,
  'filename|sha512/256': OTHER_HASH,
  'filename|sha3-224': OTHER_HASH,
  'filename|sha3-256': OTHER_HASH,
  'filename|sha3-384': OTHER_HASH,
  'filename|sha3-512': OTHER_HASH,
  'x509-fingerprint-md5': skip('a certificate fingerprint, not a file hash; no TLS telemetry'),
  'x509-fingerprint-sha1': skip('a certificate fingerprint, not a file hash; no TLS telemetry'),
  'x509-fingerprint-sha256': skip('a certificate fingerprint, not a file hash; no TLS telemetry'),
  'ja3-fingerprint-md5': skip('no telemetry of ours carries TLS client fingerprints'),
  'jarm-fingerprint': skip('no telemetry of ours carries TLS server fingerprints'),
  'hassh-md5': skip('no telemetry of ours carries SSH fingerprints'),
  'hasshserver-md5': skip('no telemetry of ours carries SSH fingerprints'),

  AS: skip('no indicator type for autonomous system numbers'),
  'mac-address': skip('no telemetry of ours carries MAC addresses'),
  'mac-eui-64': skip('no telemetry of ours carries MAC addresses'),
  port: skip('a port alone matches too much to be an indicator'),
  'user-agent': skip('no telemetry of ours indexes user agents'),
  'http-method': CONTEXT,
  cookie: skip('no telemetry of ours carries cookies'),
  regkey: skip('no telemetry of ours carries registry keys'),
  'regkey|value': skip('no telemetry of ours carries registry keys'),
  mutex: skip('no telemetry of ours carries mutex names'),
  'named pipe': skip('no telemetry of ours carries named pipes'),
  pdb: skip('no telemetry of ours carries PDB paths'),
  'windows-service-name': skip('no telemetry of ours carries service names'),
  'windows-service-displayname': skip('no telemetry of ours carries service names'),
  'windows-scheduled-task': skip('no telemetry of ours carries scheduled tasks'),
  'email-subject': MAIL_FIELD,
  'email-header': MAIL_FIELD,
  'email-message-id': MAIL_FIELD,
  'email-x-mailer': MAIL_FIELD,
  'email-body': MAIL_FIELD,
  'email-display-name': MAIL_FIELD,
  'email-mime-boundary': MAIL_FIELD,
  'email-thread-index': MAIL_FIELD,
  'whois-registrant-email': skip('WHOIS registration data, not seen in traffic'),
  'whois-registrant-name': skip('WHOIS registration data, not seen in traffic'),
  'whois-registrant-phone': skip('WHOIS registration data, not seen in traffic'),
  'whois-registrant-org': skip('WHOIS registration data, not seen in traffic'),
  'whois-registrar': skip('WHOIS registration data, not seen in traffic'),
  'whois-creation-date': skip('WHOIS registration data, not seen in traffic'),
  yara: DETECTION_RULE,
  snort: DETECTION_RULE,
  sigma: DETECTION_RULE,
  bro: DETECTION_RULE,
  zeek: DETECTION_RULE,
  'stix2-pattern': skip('a STIX pattern; import STIX through the STIX importer'),
  'pattern-in-file': skip('a byte pattern; nothing of ours scans content for it'),
  'pattern-in-traffic': skip('a byte pattern; nothing of ours scans content for it'),
  'pattern-in-memory': skip('a byte pattern; nothing of ours scans content for it'),
  vulnerability: skip('a vulnerability id is context; no telemetry of ours carries CVE ids'),
  weakness: CONTEXT,
  attachment: skip('file content, not a value; its hashes are separate attributes'),
  'mime-type': CONTEXT,
  'size-in-bytes': CONTEXT,
  counter: CONTEXT,
  float: CONTEXT,
  hex: CONTEXT,
  datetime: CONTEXT,
  boolean: CONTEXT,
  text: CONTEXT,
  comment: CONTEXT,
  other: CONTEXT,
  'malware-type': CONTEXT,
  'threat-actor': ATTRIBUTION,
  'campaign-name': ATTRIBUTION,
  'campaign-id': ATTRIBUTION,
  'target-user': ATTRIBUTION,
  'target-email': ATTRIBUTION,
  'target-machine': ATTRIBUTION,
  'target-org': ATTRIBUTION,
  'target-location': ATTRIBUTION,
  'target-external': ATTRIBUTION,
  btc: FINANCIAL,
  xmr: FINANCIAL,
  iban: FINANCIAL,
  bic: FINANCIAL,
  'bank-account-nr': FINANCIAL,
  'cc-number': FINANCIAL,
  'phone-number': skip('no telemetry of ours carries phone numbers'),
};

/** The rule for a MISP attribute type; an unknown type is skipped, saying so. */
export function mispTypeRule(type: string): MispTypeRule {
  return Object.hasOwn(RULES, type)
    ? (RULES[type] as MispTypeRule)
    : skip('unknown type, not in the mapping table');
}

/** Whether `type` is a MISP attribute type the table knows (mapped or skipped). */
export function isKnownMispType(type: string): boolean {
  return Object.hasOwn(RULES, type);
}

/** One part of a value, normalized, with the weight its rule gives it. */
export type MispValuePart = (NormalizedIndicator & { weight: number }) | { error: string };

export type MispValueResult = { skip: string } | { parts: MispValuePart[] };

/**
 * The indicators one MISP value of `type` gives. Skips carry `MISP type <t>: <why>`; each part
 * that is not a valid value of its type comes back as an error (without the type prefix, which
 * the caller adds), the other parts still count.
 */
export function indicatorsOfMispValue(type: string, value: string): MispValueResult {
  const rule = mispTypeRule(type);
  if (rule.kind === 'skip') return { skip: `MISP type ${type}: ${rule.reason}` };
  // Only composite types are split: a URL or a file name may itself contain `|`.
  const pieces = rule.parts.length === 1 ? [value] : value.split('|');
  if (pieces.length !== rule.parts.length)
    return {
      parts: [{ error: `expected ${rule.parts.length} parts joined by |` }],
    };
  const result: MispValuePart[] = [];
  rule.parts.forEach((part, index) => {
    if (part === null) return;
    const piece = pieces[index] ?? '';
    const normalized = normalizeIndicator(indicatorTypeOf(part.type, piece), piece);
    result.push('error' in normalized ? normalized : { ...normalized, weight: part.weight ?? 1 });
  });
  return { parts: result };
}

function indicatorTypeOf(type: PartRule['type'], value: string): IndicatorType {
  if (type !== 'ip') return type;
  return value.includes('/') ? 'cidr' : 'ipv4';
}
