// The value of a STIX cyber-observable (SCO) as indicators: the observables MISP's converter
// writes for attributes without an indicator, and those relationships or sightings point at.
import { normalizeIndicator, refang, type IndicatorType } from '../../../core/index.ts';
import { hashTypeOfKey } from './pattern/paths.ts';
import { recordProp, stringProp, type StixObject } from './stix-object.ts';
import type { DraftIndicator, PatternConversion } from './to-indicators.ts';

const VALUE_TYPES: Readonly<Record<string, IndicatorType>> = {
  'ipv4-addr': 'ipv4',
  'ipv6-addr': 'ipv6',
  'domain-name': 'domain',
  url: 'url',
  'email-addr': 'email',
};

export function isIndicatorObservable(type: string): boolean {
  return type in VALUE_TYPES || type === 'file';
}

export function observableToIndicators(observable: StixObject): PatternConversion {
  if (observable.type === 'file') return fileIndicators(observable);
  const type = VALUE_TYPES[observable.type];
  const raw = stringProp(observable, 'value');
  if (type === undefined || raw === undefined)
    return { indicators: [], problems: [`${observable.type} without a value`] };
  // `defanged: true` says the producer wrote hxxp:// or [.] on purpose (STIX 2.1 §6.1).
  const text = observable.defanged === true ? refang(raw) : raw;
  // An ipv4-addr or ipv6-addr value may be a CIDR block.
  const normalized = normalizeIndicator(text.includes('/') && type !== 'url' ? 'cidr' : type, text);
  return 'error' in normalized
    ? { indicators: [], problems: [normalized.error] }
    : { indicators: [normalized], problems: [] };
}

/**
 * Each hash we can match is its own indicator: any one identifies the bytes, renamed or not. The
 * name stands alone only when no hash does, since names are far weaker evidence.
 */
function fileIndicators(file: StixObject): PatternConversion {
  const indicators: DraftIndicator[] = [];
  const problems: string[] = [];
  const unsupported: string[] = [];
  for (const [key, raw] of Object.entries(recordProp(file, 'hashes') ?? {})) {
    const type = hashTypeOfKey(key);
    if (type === undefined || typeof raw !== 'string') {
      unsupported.push(key);
      continue;
    }
    const normalized = normalizeIndicator(type, raw);
    if ('error' in normalized) problems.push(normalized.error);
    else indicators.push(normalized);
  }
  const name = stringProp(file, 'name');
  if (indicators.length === 0 && name !== undefined) {
    const normalized = normalizeIndicator('filename', name);
    if ('error' in normalized) problems.push(normalized.error);
    else indicators.push(normalized);
  }
  if (indicators.length === 0 && problems.length === 0)
    problems.push(
      unsupported.length > 0
        ? `no telemetry of ours carries file:hashes.${unsupported.join('/')}`
        : 'file without hashes or name',
    );
  return { indicators, problems };
}
