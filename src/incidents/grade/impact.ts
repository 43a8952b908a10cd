// The impact factors CISA's notification guidelines ask for: what information is at risk, how
// much work is hampered, and how hard recovery is. They follow from how far the attack got and
// where, from what the antivirus did, and from how far the response has come (status).
import type { IncidentStatus, SeverityFactors } from '../../core/index.ts';
import { factor, whys, type Factor } from './factor.ts';
import type { GradeContext } from './factors.ts';
import type { AlertSignal, Stage } from './signal.ts';

type Location = SeverityFactors['location'];
type Recoverability = SeverityFactors['recoverability'];

const RECOVERABILITY: readonly Recoverability[] = [
  'regular',
  'supplemented',
  'extended',
  'not-recoverable',
];
// Steps of recoverability the response has already taken off: containment stops it spreading,
// eradication and recovery leave little to do.
const STATUS_RELIEF: Readonly<Record<IncidentStatus, number>> = {
  new: 0,
  triage: 0,
  contained: 1,
  eradicated: 2,
  recovered: 2,
  closed: 2,
};

export function informationFactor(
  signals: readonly AlertSignal[],
  stage: Stage,
  location: Location,
): Factor<SeverityFactors['information_impact']> {
  const name = 'Information impact';
  if (location === 'closed-network')
    return factor(
      name,
      'classified',
      'the closed network carries classified information',
      closed(signals),
    );
  const exfiltration = exfiltrating(signals);
  if (exfiltration.length > 0)
    return factor(name, 'proprietary', 'data left the organization', exfiltration);
  const credentials = signals.filter((signal) => signal.credentials);
  if (credentials.length > 0)
    return factor(name, 'privacy', 'account credentials were taken', credentials);
  if (stage === 'command-and-control')
    return factor(
      name,
      'suspected',
      'an attacker had control; nothing shows data left',
      atStage(signals, stage),
    );
  // A lure exists to take credentials or plant a payload; whether a recipient complied is not
  // known. This is what sets phishing apart from spam, which wants nothing from its reader.
  const lures = signals.filter((signal) => signal.lure);
  if (lures.length > 0)
    return factor(name, 'suspected', 'a recipient may have answered the lure', lures);
  return factor(name, 'none', 'nothing shows information at risk', signals);
}

export function functionalFactor(
  signals: readonly AlertSignal[],
  stage: Stage,
  location: Location,
  status: IncidentStatus | undefined,
): Factor<SeverityFactors['functional_impact']> {
  const name = 'Functional impact';
  if (status === 'recovered' || status === 'closed')
    return factor(name, 'none', `the incident is ${status}: services are restored`, signals);
  if (location === 'closed-network')
    return factor(
      name,
      'high',
      'the closed network must be cut off to investigate it',
      closed(signals),
    );
  const destructive = signals.filter((signal) => signal.destructive);
  if (destructive.length > 0)
    return factor(name, 'high', 'destruction or denial was observed', destructive);
  // An attacker in control at several missions at once takes their hosts out together.
  if (location === 'several-sites' && (stage === 'command-and-control' || stage === 'exfiltration'))
    return factor(
      name,
      'high',
      'controlled hosts at several sites are isolated at once',
      onHosts(signals),
    );
  const leaked = exfiltrating(signals);
  if (leaked.length > 0)
    return factor(name, 'medium', 'hosts that leaked data are taken out of service', leaked);
  if (location === 'several-sites' && stage === 'execution')
    return factor(name, 'medium', 'hosts at several sites are rebuilt at once', onHosts(signals));
  if (stage === 'delivery') return factor(name, 'none', 'nothing ran on a host', signals);
  if (removedByAntivirus(signals))
    return factor(
      name,
      'none',
      'the antivirus removed the malware; the host kept working',
      antivirus(signals),
    );
  return factor(name, 'low', 'an affected host is isolated and rebuilt', onHosts(signals));
}

export function recoverabilityFactor(
  signals: readonly AlertSignal[],
  context: GradeContext,
  stage: Stage,
  location: Location,
): Factor<Recoverability> {
  const [base, why, by] = baseRecoverability(signals, context.watchCountries, stage, location);
  const status = context.status;
  const relief = status === undefined ? 0 : STATUS_RELIEF[status];
  // Information in a foreign state's hands stays lost however well the hosts are cleaned.
  if (relief === 0 || base === 'not-recoverable') return factor('Recoverability', base, why, by);
  const value = RECOVERABILITY[Math.max(0, RECOVERABILITY.indexOf(base) - relief)] ?? 'regular';
  const eased = value === base ? '' : ` (${base} before the incident was ${String(status)})`;
  return factor('Recoverability', value, `${why}${eased}`, by);
}

type Finding<T> = [value: T, why: string, by: readonly AlertSignal[]];

function baseRecoverability(
  signals: readonly AlertSignal[],
  watchCountries: readonly string[],
  stage: Stage,
  location: Location,
): Finding<Recoverability> {
  const watched = watchedExfiltration(signals, watchCountries);
  if (watched.length > 0) {
    const countries = whys(watched, (s) => countryOf(s, signals));
    return ['not-recoverable', `data went to a watch-listed country (${countries})`, watched];
  }
  const leaked = exfiltrating(signals);
  if (leaked.length > 0)
    return ['extended', 'what left cannot be called back; its loss must be assessed', leaked];
  if (location === 'closed-network')
    return ['extended', 'the closed network must be verified end to end', closed(signals)];
  const destructive = signals.filter((signal) => signal.destructive);
  if (destructive.length > 0)
    return ['extended', 'destroyed systems are rebuilt from backups', destructive];
  if (location === 'several-sites' && stage !== 'delivery' && stage !== 'execution')
    return [
      'extended',
      'controlled hosts at several sites are cleaned in concert',
      atStage(signals, stage),
    ];
  if (stage === 'delivery') return ['regular', 'nothing ran on a host', signals];
  if (removedByAntivirus(signals))
    return ['regular', 'the antivirus removed the malware', antivirus(signals)];
  return ['supplemented', 'hosts are rebuilt and credentials reset', onHosts(signals)];
}

/** Exfiltration whose destination, or another alert's on the same address, is watch-listed. */
function watchedExfiltration(
  signals: readonly AlertSignal[],
  watchCountries: readonly string[],
): AlertSignal[] {
  return exfiltrating(signals).filter((signal) => {
    const country = countryOf(signal, signals);
    return country !== undefined && watchCountries.includes(country);
  });
}

// Uploads carry no country; a beacon to the same address does.
function countryOf(signal: AlertSignal, all: readonly AlertSignal[]): string | undefined {
  if (signal.destination.country !== undefined) return signal.destination.country;
  const addresses = new Set(signal.destination.addresses);
  return all.find(
    (other) =>
      other.destination.country !== undefined &&
      other.destination.addresses.some((address) => addresses.has(address)),
  )?.destination.country;
}

/**
 * True when the antivirus removed what it found on every host it found something on, and nothing
 * else shows code running: commodity malware caught in time.
 */
function removedByAntivirus(signals: readonly AlertSignal[]): boolean {
  const found = antivirus(signals);
  if (found.length === 0 || found.some((signal) => signal.antivirus === 'failed')) return false;
  const cleaned = new Set(found.filter((s) => s.antivirus === 'removed').map((s) => s.alert.host));
  if (!found.every((signal) => cleaned.has(signal.alert.host))) return false;
  return atStage(signals, 'execution').every((signal) => signal.antivirus !== undefined);
}

function antivirus(signals: readonly AlertSignal[]): AlertSignal[] {
  return signals.filter((signal) => signal.antivirus !== undefined);
}

/** Alerts showing data leaving; destruction shares the last stage but takes nothing away. */
function exfiltrating(signals: readonly AlertSignal[]): AlertSignal[] {
  return atStage(signals, 'exfiltration').filter((signal) => !signal.destructive);
}

function atStage(signals: readonly AlertSignal[], stage: Stage): AlertSignal[] {
  return signals.filter((signal) => signal.stage === stage);
}

function closed(signals: readonly AlertSignal[]): AlertSignal[] {
  return signals.filter((signal) => signal.closed !== undefined);
}

function onHosts(signals: readonly AlertSignal[]): AlertSignal[] {
  return signals.filter(
    (signal) => !signal.offHost && signal.stage !== undefined && signal.stage !== 'delivery',
  );
}
