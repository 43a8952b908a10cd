// Who said an indicator, how surely, under which marking and for how long: the parts of an
// Indicator that come from the STIX objects around its value rather than from the value.
import { basename } from 'node:path';
import type { Indicator, IndicatorSource, Tlp } from '../../../core/index.ts';
import type { StixGraph } from './graph.ts';
import { numberProp, stringProp, type StixObject } from './stix-object.ts';
import type { DraftIndicator } from './to-indicators.ts';

export interface ImportSettings {
  file: string;
  /** Overrides the source name; otherwise the created_by_ref identity's name, else the file. */
  source?: string;
  /** The TLP of objects that no marking reaches (see bundle.ts for why amber). */
  defaultTlp: Tlp;
}

export type Provenance = Omit<Indicator, 'type' | 'value' | 'requires'>;

/**
 * MISP's converter writes an attribute not meant for detection (to_ids false) as observed-data
 * without an indicator. We keep its values, since a hit on them is still worth a look, but as a
 * weaker claim than an indicator.
 */
export const OBSERVED_ONLY_CONFIDENCE = 30;

export function indicatorProvenance(
  indicator: StixObject,
  graph: StixGraph,
  settings: ImportSettings,
): Provenance {
  const description = [stringProp(indicator, 'name'), stringProp(indicator, 'description')]
    .filter((text) => text !== undefined)
    .join(': ');
  const source = sourceOf(indicator, [indicator.id], graph, settings, {
    confidence: confidenceOf(indicator),
    description: description === '' ? undefined : description,
  });
  return compact({
    tlp: graph.tlpOf([indicator]) ?? settings.defaultTlp,
    sources: [source],
    valid_from: stringProp(indicator, 'valid_from'),
    valid_until: stringProp(indicator, 'valid_until'),
    ...sightingsOf(graph.sightingsOf(indicator.id)),
  });
}

/** An observable (SCO) that no indicator stands for, held by observed-data or linked directly. */
export function observableProvenance(
  observable: StixObject,
  graph: StixGraph,
  settings: ImportSettings,
): Provenance {
  const observedData = graph.observedDataOf(observable.id);
  const owner = observedData[0] ?? observable;
  const stated = confidenceOf(owner);
  const source = sourceOf(
    owner,
    [observable.id, ...observedData.map((o) => o.id)],
    graph,
    settings,
    {
      confidence: Math.min(stated ?? OBSERVED_ONLY_CONFIDENCE, OBSERVED_ONLY_CONFIDENCE),
      description: `an observable, not an indicator (as MISP writes to_ids=false): confidence lowered to ${OBSERVED_ONLY_CONFIDENCE}`,
    },
  );
  source.ref = observable.id;
  return compact({
    tlp: graph.tlpOf([observable, ...observedData]) ?? settings.defaultTlp,
    sources: [source],
    first_seen: earliest(observedData.map((o) => stringProp(o, 'first_observed'))),
    last_seen: latest(observedData.map((o) => stringProp(o, 'last_observed'))),
  });
}

export function withProvenance(draft: DraftIndicator, provenance: Provenance): Indicator {
  return {
    ...draft,
    ...provenance,
    sources: provenance.sources.map((source) => ({ ...source })),
  };
}

function sourceOf(
  owner: StixObject,
  contextIds: readonly string[],
  graph: StixGraph,
  settings: ImportSettings,
  claim: Pick<IndicatorSource, 'confidence' | 'description'>,
): IndicatorSource {
  const context = graph.contextOf(contextIds);
  return compact({
    name:
      settings.source ??
      graph.identityName(stringProp(owner, 'created_by_ref')) ??
      basename(settings.file),
    ref: owner.id,
    confidence: claim.confidence,
    context: context.length > 0 ? context : undefined,
    description: claim.description,
    reported: stringProp(owner, 'modified') ?? stringProp(owner, 'created'),
  });
}

function confidenceOf(object: StixObject): number | undefined {
  const confidence = numberProp(object, 'confidence');
  return confidence !== undefined && confidence >= 0 && confidence <= 100 ? confidence : undefined;
}

/** First and last sighting and the number of sightings; a sighting without `count` is one. */
function sightingsOf(
  sightings: readonly StixObject[],
): Pick<Indicator, 'first_seen' | 'last_seen' | 'sightings'> {
  if (sightings.length === 0) return {};
  const count = sightings.reduce((sum, s) => sum + (numberProp(s, 'count') ?? 1), 0);
  return {
    first_seen: earliest(sightings.map((s) => stringProp(s, 'first_seen'))),
    last_seen: latest(sightings.map((s) => stringProp(s, 'last_seen'))),
    sightings: count,
  };
}

// By instant, not by text: `…00Z` and `…00.000Z` are one time but sort apart as strings.
function earliest(times: readonly (string | undefined)[]): string | undefined {
  return byInstant(times)[0];
}

function latest(times: readonly (string | undefined)[]): string | undefined {
  return byInstant(times).at(-1);
}

function byInstant(times: readonly (string | undefined)[]): string[] {
  return times
    .filter((time): time is string => time !== undefined && !Number.isNaN(Date.parse(time)))
    .sort((a, b) => Date.parse(a) - Date.parse(b));
}

/** Drops undefined properties, so results compare and serialize without noise. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
