// Imports STIX 2.1 content (a bundle, one object, or an array of objects; a TAXII envelope's
// `objects` too) as Chancery indicators: `indicator` objects by their patterns, and observables
// no indicator stands for at a lowered confidence. Each object that yields nothing says why.
import type { ImportProblem, ImportResult, Indicator, Tlp } from '../../../core/index.ts';
import { StixGraph } from './graph.ts';
import { importIndicatorObject, type ObjectImport } from './indicator-object.ts';
import { isIndicatorObservable, observableToIndicators } from './observables.ts';
import { observableProvenance, withProvenance, type ImportSettings } from './provenance.ts';
import type { SchemaValidator } from './schema.ts';
import { asStixObject, isRecord, type StixObject } from './stix-object.ts';

export interface StixImportOptions {
  /** Validate each object against the OASIS schemas; invalid objects are rejected one by one. */
  schemas?: SchemaValidator;
  /** The source name for every indicator, overriding the created_by_ref identity. */
  source?: string;
  /**
   * TLP of objects no marking reaches (neither their own nor a report's). Amber by default:
   * an unmarked object may still be sensitive, and treating it as shareable cannot be undone,
   * whereas an analyst can always relax it.
   */
  defaultTlp?: Tlp;
}

const INPUT_REF = '(input)';

export function importStixBundle(
  json: unknown,
  file: string,
  options: StixImportOptions = {},
): ImportResult {
  const parsed = typeof json === 'string' ? parseJson(json) : { value: json };
  if ('error' in parsed)
    return {
      indicators: [],
      problems: [{ file, ref: INPUT_REF, reason: parsed.error }],
      counts: {},
    };
  const items = topLevelObjects(parsed.value);
  if (items === undefined) {
    const reason = 'not STIX: expected a bundle, an object or an array of objects';
    return { indicators: [], problems: [{ file, ref: INPUT_REF, reason }], counts: {} };
  }
  const problems: ImportProblem[] = [];
  const counts: Record<string, number> = {};
  const objects: StixObject[] = [];
  for (const [index, item] of items.entries()) {
    const object = asStixObject(item);
    if (object === undefined) {
      problems.push({ file, ref: `objects[${index}]`, reason: 'not a STIX object: no type or id' });
      continue;
    }
    counts[object.type] = (counts[object.type] ?? 0) + 1;
    const invalid = options.schemas?.validate(object) ?? [];
    if (invalid.length > 0)
      problems.push({ file, ref: object.id, reason: `schema: ${invalid.join('; ')}` });
    else objects.push(object);
  }
  const settings: ImportSettings = {
    file,
    defaultTlp: options.defaultTlp ?? 'amber',
    ...(options.source === undefined ? {} : { source: options.source }),
  };
  const graph = new StixGraph(objects);
  const indicators: Indicator[] = [];
  for (const object of graph.all()) {
    const result = importObject(object, graph, settings);
    if (result === undefined) continue;
    indicators.push(...distinct(result.indicators));
    for (const reason of result.problems) problems.push({ file, ref: object.id, reason });
  }
  return { indicators, problems, counts };
}

function importObject(
  object: StixObject,
  graph: StixGraph,
  settings: ImportSettings,
): ObjectImport | undefined {
  if (object.type === 'indicator') return importIndicatorObject(object, graph, settings);
  if (!isIndicatorObservable(object.type) || !standsAlone(object, graph)) return undefined;
  const conversion = observableToIndicators(object);
  const provenance = observableProvenance(object, graph, settings);
  return {
    indicators: conversion.indicators.map((draft) => withProvenance(draft, provenance)),
    problems: conversion.problems,
  };
}

/**
 * An observable is intelligence of its own when observed-data holds it or a relationship or
 * sighting names it, and no indicator is `based-on` it (MISP pairs every to_ids attribute's
 * indicator with such observed-data: importing both would count one claim twice).
 */
function standsAlone(observable: StixObject, graph: StixGraph): boolean {
  const observedData = graph.observedDataOf(observable.id);
  if (graph.isEvidence(observable.id) || observedData.some((o) => graph.isEvidence(o.id)))
    return false;
  return observedData.length > 0 || graph.isLinked(observable.id);
}

/** One indicator per (type, value, requires) within an object: `[a = 'x' OR a = 'x']` is one. */
function distinct(indicators: readonly Indicator[]): Indicator[] {
  const seen = new Set<string>();
  return indicators.filter((indicator) => {
    const key = JSON.stringify([indicator.type, indicator.value, indicator.requires ?? []]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function topLevelObjects(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value as unknown[];
  if (!isRecord(value)) return undefined;
  // A bundle, or a TAXII 2.1 envelope (no type, `objects` only).
  if (value.type === 'bundle' || (value.type === undefined && 'objects' in value))
    return Array.isArray(value.objects) ? (value.objects as unknown[]) : [];
  return asStixObject(value) === undefined ? undefined : [value];
}

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
