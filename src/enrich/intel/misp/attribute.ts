// One MISP attribute to indicators, or to the problem saying why it gives none. Every attribute
// ends in exactly one outcome, so that an event's counts add up to its attribute count.
import type { Indicator, ImportProblem, IndicatorSource, Tlp } from '../../../core/index.ts';
import { isoFromText } from '../../../core/index.ts';
import { indicatorsOfMispValue } from './attribute-types.ts';
import type { EventContext } from './event-context.ts';
import { rawValueOf } from './events-of.ts';
import { flagField, textField, type JsonRecord } from './misp-json.ts';
import { summarizeSightings, type SightingSummary } from './sightings.ts';
import { contextOf, tagNames, tlpOfTags } from './tags.ts';

export type AttributeOutcome = 'imported' | 'skipped' | 'invalid' | 'deleted';

export interface AttributeResult {
  outcome: AttributeOutcome;
  mispType: string;
  indicators: Indicator[];
  problems: ImportProblem[];
}

/**
 * `to_ids: false` means the author judged the value not actionable for detection (often benign
 * infrastructure mentioned in a report); it is kept, at half the confidence. A false-positive
 * sighting halves it again.
 */
export const NOT_FOR_IDS_FACTOR = 0.5;
export const FALSE_POSITIVE_FACTOR = 0.5;

export function importAttribute(
  attribute: JsonRecord,
  object: JsonRecord | undefined,
  event: EventContext,
): AttributeResult {
  const ref = textField(attribute, 'uuid') ?? `${event.eventUuid}/attribute without uuid`;
  const mispType = textField(attribute, 'type') ?? '(no type)';
  const fail = (outcome: AttributeOutcome, reasons: string[]): AttributeResult => ({
    outcome,
    mispType,
    indicators: [],
    problems: reasons.map((reason) => ({ file: event.file, ref, reason })),
  });
  if (flagField(attribute, 'deleted') === true || (object && flagField(object, 'deleted')))
    return fail('deleted', [`MISP type ${mispType}: deleted in MISP`]);
  const value = rawValueOf(attribute);
  if (value === undefined) return fail('invalid', [`MISP type ${mispType}: no value`]);
  const mapped = indicatorsOfMispValue(mispType, value);
  if ('skip' in mapped) return fail('skipped', [mapped.skip]);

  const sightings = summarizeSightings(attribute);
  const base = attributeBase(attribute, object, event, sightings);
  const indicators: Indicator[] = [];
  const errors: string[] = [];
  for (const part of mapped.parts) {
    if ('error' in part) {
      errors.push(`MISP type ${mispType}: ${part.error}`);
      continue;
    }
    const source: IndicatorSource = {
      ...base.source,
      ref,
      confidence: Math.round(base.confidence * part.weight),
    };
    indicators.push({ ...base.indicator, type: part.type, value: part.value, sources: [source] });
  }
  const problems = errors.map((reason) => ({ file: event.file, ref, reason }));
  return {
    outcome: indicators.length > 0 ? 'imported' : 'invalid',
    mispType,
    indicators,
    problems,
  };
}

interface AttributeBase {
  indicator: Omit<Indicator, 'type' | 'value' | 'sources'>;
  source: Omit<IndicatorSource, 'ref'>;
  confidence: number;
}

function attributeBase(
  attribute: JsonRecord,
  object: JsonRecord | undefined,
  event: EventContext,
  sightings: SightingSummary,
): AttributeBase {
  const notForIds = flagField(attribute, 'to_ids') === false;
  const confidence =
    event.confidence *
    (notForIds ? NOT_FOR_IDS_FACTOR : 1) *
    (sightings.falsePositives > 0 ? FALSE_POSITIVE_FACTOR : 1);
  const firstSeen = earliest(timeField(attribute, 'first_seen'), sightings.firstSeen);
  const lastSeen = latest(timeField(attribute, 'last_seen'), sightings.lastSeen);
  const validFrom = timeField(attribute, 'first_seen');
  const context = [
    ...new Set([...event.context, ...(object ? contextOf(object) : []), ...contextOf(attribute)]),
  ];
  const description = describe(attribute, object, notForIds, sightings);
  const reported = timeField(attribute, 'timestamp') ?? event.reported;
  return {
    confidence,
    indicator: {
      tlp: tlpOf(attribute, object, event),
      ...(validFrom === undefined ? {} : { valid_from: validFrom }),
      ...(sightings.expires === undefined ? {} : { valid_until: sightings.expires }),
      ...(firstSeen === undefined ? {} : { first_seen: firstSeen }),
      ...(lastSeen === undefined ? {} : { last_seen: lastSeen }),
      ...(sightings.seen > 0 ? { sightings: sightings.seen } : {}),
    },
    source: {
      name: event.sourceName,
      ...(context.length > 0 ? { context } : {}),
      ...(description === '' ? {} : { description }),
      ...(reported === undefined ? {} : { reported }),
    },
  };
}

/** The closest level that marks the attribute: its own tags, its object's, else the event's. */
function tlpOf(attribute: JsonRecord, object: JsonRecord | undefined, event: EventContext): Tlp {
  return tlpOfTags(tagNames(attribute)) ?? (object && tlpOfTags(tagNames(object))) ?? event.tlp;
}

function describe(
  attribute: JsonRecord,
  object: JsonRecord | undefined,
  notForIds: boolean,
  sightings: SightingSummary,
): string {
  const notes: string[] = [];
  const comment = textField(attribute, 'comment')?.trim();
  if (comment) notes.push(comment);
  if (object) {
    const relation = textField(attribute, 'object_relation');
    const name = textField(object, 'name') ?? 'unnamed';
    notes.push(`MISP object ${name}${relation === undefined ? '' : `, relation ${relation}`}`);
  }
  if (notForIds) notes.push('to_ids false');
  if (sightings.falsePositives > 0)
    notes.push(`${sightings.falsePositives} false-positive sighting(s)`);
  return notes.join('; ');
}

function timeField(record: JsonRecord, key: string): string | undefined {
  const text = textField(record, key);
  return text === undefined || text === '' ? undefined : isoFromText(text);
}

function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return a < b ? a : b;
}

function latest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return a > b ? a : b;
}
