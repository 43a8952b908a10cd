// One STIX `indicator` object as Chancery indicators, or the reasons it is none.
import type { Indicator } from '../../../core/index.ts';
import type { StixGraph } from './graph.ts';
import { indicatorProvenance, withProvenance, type ImportSettings } from './provenance.ts';
import { stringProp, type StixObject } from './stix-object.ts';
import { patternToIndicators } from './to-indicators.ts';

export interface ObjectImport {
  indicators: Indicator[];
  problems: string[];
}

export function importIndicatorObject(
  indicator: StixObject,
  graph: StixGraph,
  settings: ImportSettings,
): ObjectImport {
  if (indicator.revoked === true) return { indicators: [], problems: ['revoked'] };
  // STIX 2.0 indicators have no pattern_type: their pattern is STIX patterning.
  const patternType = stringProp(indicator, 'pattern_type') ?? 'stix';
  if (patternType !== 'stix')
    return { indicators: [], problems: [`pattern_type ${patternType} not supported here`] };
  const pattern = stringProp(indicator, 'pattern');
  if (pattern === undefined) return { indicators: [], problems: ['indicator without a pattern'] };
  const conversion = patternToIndicators(pattern);
  if (conversion.indicators.length === 0) return { indicators: [], problems: conversion.problems };
  const provenance = indicatorProvenance(indicator, graph, settings);
  return {
    indicators: conversion.indicators.map((draft) => withProvenance(draft, provenance)),
    problems: conversion.problems,
  };
}
