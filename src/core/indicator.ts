// One indicator of compromise as Chancery keeps it: a normalized value of one type, with every
// source that reported it, its confidence, TLP marking and validity. Importers (STIX 2.1, MISP,
// plain lists) produce these; the matcher indexes them; the store deduplicates by (type, value).

/** Every indicator type; a range or a pattern last, as no event value is of those types. */
export const INDICATOR_TYPES = [
  'ipv4',
  'ipv6',
  /** An address range, `value` in CIDR notation. */
  'cidr',
  /** A domain; it also matches its subdomains. */
  'domain',
  'url',
  'md5',
  'sha1',
  'sha256',
  'sha512',
  'email',
  'filename',
  /**
   * A STIX pattern no single value expresses (AND, !=, LIKE, MATCHES within one observation):
   * `value` is the pattern text, evaluated on each event's values.
   */
  'pattern',
] as const;

export type IndicatorType = (typeof INDICATOR_TYPES)[number];

/** The types an event carries values of (a range or a pattern is never an event value). */
export type ValueType = Exclude<IndicatorType, 'cidr' | 'pattern'>;

/** TLP 2.0 labels; TLP 1.0's WHITE is read as CLEAR. */
export type Tlp = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

/** Least restrictive first: the order in which `max` picks the stricter of two markings. */
export const TLP_ORDER: readonly Tlp[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

export function stricterTlp(a: Tlp, b: Tlp): Tlp {
  return TLP_ORDER.indexOf(a) >= TLP_ORDER.indexOf(b) ? a : b;
}

export interface IndicatorSource {
  /** Feed or file name, MISP org, STIX identity name. */
  name: string;
  /** The object id in that source: STIX indicator id, MISP attribute uuid, `file:line`. */
  ref: string;
  /** 0..100, as STIX `confidence` and MISP's threat level map to it. */
  confidence?: number;
  /** Related context by name: malware family, campaign, intrusion set, report title. */
  context?: string[];
  /** The source's own words: STIX indicator name/description, MISP attribute comment. */
  description?: string;
  /** When this source said it (STIX `modified`, MISP attribute timestamp), ISO 8601. */
  reported?: string;
}

export interface Indicator {
  type: IndicatorType;
  /** Normalized (see indicator-value.ts); for `pattern`, the STIX pattern text. */
  value: string;
  /** The strictest marking any source gave it. */
  tlp: Tlp;
  sources: IndicatorSource[];
  /** ISO 8601. Absent valid_until: the indicator decays by age instead of expiring. */
  valid_from?: string;
  valid_until?: string;
  /** First and last sighting reported by a source (STIX sighting, MISP sighting), ISO 8601. */
  first_seen?: string;
  last_seen?: string;
  /** Number of sightings the sources reported. */
  sightings?: number;
  /**
   * Further values the same event must carry for a match (a STIX AND of `=` comparisons inside
   * one observation): the indicator is indexed by `value` and confirmed on these.
   */
  requires?: { type: ValueType; value: string }[];
}

/** One value of an event an indicator can match, normalized as indicators are. */
export interface EventValue {
  type: ValueType;
  value: string;
  /** How the event carries it: `source`, `destination`, `query`, `request`, `sender`, `file`... */
  role: string;
  /** The ECS field it came from, e.g. `destination.ip`, `dns.question.name`. */
  field: string;
}

/** Why an object in an input could not become indicators (kept, counted, never silent). */
export interface ImportProblem {
  file: string;
  /** STIX object id, MISP attribute uuid, or `line N`. */
  ref: string;
  reason: string;
}

/** What one importer read from one input. Indicators are not yet merged across inputs. */
export interface ImportResult {
  indicators: Indicator[];
  problems: ImportProblem[];
  /** Objects read, by kind (`indicator`, `malware`, `attribute`, `line`...), for the report. */
  counts: Record<string, number>;
}

/** The identity of an indicator: its type and normalized value (what deduplication compares). */
export function indicatorKey(indicator: Pick<Indicator, 'type' | 'value'>): string {
  return `${indicator.type}\u0000${indicator.value}`;
}
