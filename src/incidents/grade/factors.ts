// The incident's NCISS factors from its alerts: how far the attack got, who is behind it, where
// it happened and on how many sites; the impact factors are in impact.ts. Every value comes with
// a sentence naming the alerts that set it.
import type { Alert, IncidentCategory, IncidentStatus, SeverityFactors } from '../../core/index.ts';
import { categoryOf } from './category.ts';
import { factor, whys, type Factor } from './factor.ts';
import { functionalFactor, informationFactor, recoverabilityFactor } from './impact.ts';
import { STAGES, type AlertSignal, type Stage } from './signal.ts';
import { readSignals } from './signals.ts';

export interface GradeContext {
  /** ISO 3166 codes whose destinations weigh more (the same list network analytics uses). */
  watchCountries: readonly string[];
  /** The incident's lifecycle status: a contained or recovered incident recovers more easily. */
  status?: IncidentStatus;
}

export interface IncidentFactors {
  factors: SeverityFactors;
  reasons: string[];
  category: IncidentCategory;
}

export function incidentFactors(alerts: readonly Alert[], context: GradeContext): IncidentFactors {
  const signals = readSignals(alerts);
  const stage = stageFactor(signals);
  const actor = actorFactor(signals);
  const location = locationFactor(signals);
  const sites = sitesFactor(signals);
  const information = informationFactor(signals, stage.value, location.value);
  const functional = functionalFactor(signals, stage.value, location.value, context.status);
  const recoverability = recoverabilityFactor(signals, context, stage.value, location.value);
  return {
    factors: {
      functional_impact: functional.value,
      information_impact: information.value,
      recoverability: recoverability.value,
      location: location.value,
      stage: stage.value,
      actor: actor.value,
      sites: sites.value,
    },
    reasons: [stage, actor, location, information, functional, recoverability, sites].map(
      (f) => f.reason,
    ),
    category: categoryOf(signals, location.value),
  };
}

function stageFactor(signals: readonly AlertSignal[]): Factor<Stage> {
  const rank = (signal: AlertSignal): number =>
    signal.stage === undefined ? -1 : STAGES.indexOf(signal.stage);
  const furthest = Math.max(...signals.map(rank));
  const stage = STAGES[furthest];
  if (stage === undefined)
    return factor('Stage', 'delivery', 'no alert shows the attack got past delivery', signals);
  const by = signals.filter((signal) => rank(signal) === furthest);
  return factor('Stage', stage, 'the furthest any alert shows', by);
}

function actorFactor(signals: readonly AlertSignal[]): Factor<SeverityFactors['actor']> {
  const targeted = signals.filter((signal) => signal.targeted !== undefined);
  if (targeted.length > 0) {
    // A beacon to a destination almost no one reaches, after targeted mail: the mail's payload
    // is a purpose-made backdoor, so the beacon is named with the mail.
    const targetedMail = targeted.some((signal) => signal.category === 'targeted-mail');
    const rare = targetedMail ? signals.filter((signal) => signal.rareDestination) : [];
    const why = [
      whys(targeted, (signal) => signal.targeted),
      ...(rare.length > 0 ? ['a beacon to a rare destination follows the targeted mail'] : []),
    ].join('; ');
    return factor('Actor', 'targeted', why, [...targeted, ...rare]);
  }
  const untargeted = signals.filter((signal) => signal.untargeted !== undefined);
  if (untargeted.length > 0)
    return factor(
      'Actor',
      'untargeted',
      whys(untargeted, (s) => s.untargeted),
      untargeted,
    );
  return factor('Actor', 'untargeted', 'no alert names a targeted actor', signals);
}

function locationFactor(signals: readonly AlertSignal[]): Factor<SeverityFactors['location']> {
  const closed = signals.filter((signal) => signal.closed !== undefined);
  if (closed.length > 0)
    return factor(
      'Location',
      'closed-network',
      whys(closed, (s) => s.closed),
      closed,
    );
  if (signals.every((signal) => signal.offHost))
    return factor('Location', 'external', 'only mail, which never reached a host', signals);
  const onHosts = signals.filter((signal) => !signal.offHost);
  if (siteIds(signals).length > 1)
    return factor('Location', 'several-sites', 'activity at more than one site', signals);
  return factor('Location', 'open-lan', 'activity on open-network hosts at one site', onHosts);
}

function sitesFactor(signals: readonly AlertSignal[]): Factor<number> {
  // Spam's reach is not activity at a site: a wave to every mission is still only spam.
  if (signals.every((signal) => signal.category === 'spam'))
    return factor('Sites', 0, 'spam reached mailboxes only; no site shows activity', signals);
  const ids = siteIds(signals);
  const by = signals.filter((signal) => signal.sites.length > 0);
  const why = ids.length === 0 ? 'no alert names a site' : ids.join(', ');
  return factor('Sites', ids.length, why, by);
}

function siteIds(signals: readonly AlertSignal[]): string[] {
  return [...new Set(signals.flatMap((signal) => signal.sites))].sort();
}
