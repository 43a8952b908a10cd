// MISP events (core format JSON) to indicators: `{"Event": …}`, a bare event, or a REST search
// `{"response": [...]}`. Attributes at event level and inside objects are read alike; each one
// ends as indicators or as a problem with its reason, counted by outcome and by MISP type.
import type { ImportProblem, ImportResult } from '../../../core/index.ts';
import { importAttribute } from './attribute.ts';
import { eventContext, type MispImportOptions } from './event-context.ts';
import { attributesOf, eventsOf } from './events-of.ts';
import { addCount } from './counts.ts';
import { recordsField } from './misp-json.ts';

export type { MispImportOptions } from './event-context.ts';

export function importMispEvent(
  json: unknown,
  file: string,
  options: MispImportOptions = {},
): ImportResult {
  const result: ImportResult = { indicators: [], problems: [], counts: {} };
  const parsed = typeof json === 'string' ? parseJson(json, file, result.problems) : json;
  if (parsed === undefined) return result;
  const events = eventsOf(parsed);
  if (events.length === 0) {
    result.problems.push({
      file,
      ref: file,
      reason: 'no MISP event: expected {"Event": …}, a bare event, or {"response": [{"Event": …}]}',
    });
    return result;
  }
  events.forEach((event, position) => {
    const context = eventContext(event, file, position, options);
    addCount(result.counts, 'event');
    addCount(result.counts, 'object', recordsField(event, 'Object').length);
    for (const { attribute, object } of attributesOf(event)) {
      const outcome = importAttribute(attribute, object, context);
      addCount(result.counts, 'attribute');
      addCount(result.counts, `attribute.${outcome.outcome}`);
      // By MISP type too, so that a report can say which types a source sends that we cannot use.
      if (outcome.outcome !== 'imported')
        addCount(result.counts, `${outcome.outcome}.${outcome.mispType}`);
      else if (outcome.problems.length > 0)
        addCount(result.counts, `invalid_part.${outcome.mispType}`, outcome.problems.length);
      result.indicators.push(...outcome.indicators);
      result.problems.push(...outcome.problems);
    }
  });
  addCount(result.counts, 'indicator', result.indicators.length);
  return result;
}

function parseJson(text: string, file: string, problems: ImportProblem[]): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    problems.push({ file, ref: file, reason: `not JSON: ${(error as Error).message}` });
    return undefined;
  }
}
