// What every attribute of one MISP event inherits: the source name, the event's TLP, confidence
// and context. Built once per event, then read for each attribute.
import { basename } from 'node:path';
import type { Tlp } from '../../../core/index.ts';
import { isoFromText } from '../../../core/index.ts';
import { recordField, textField, type JsonRecord } from './misp-json.ts';
import { contextOf, tagNames, tlpOfTags } from './tags.ts';

export interface MispImportOptions {
  /** The source name for every indicator; default the event's Orgc, then Org, then the file. */
  source?: string;
  /** TLP of attributes whose attribute, object and event carry no TLP tag. Default amber. */
  defaultTlp?: Tlp;
}

export interface EventContext {
  file: string;
  eventUuid: string;
  sourceName: string;
  /** From the event's tags, or the default when none is a TLP tag. */
  tlp: Tlp;
  /** From `threat_level_id`, before per-attribute factors. */
  confidence: number;
  /** Event `info` first, then galaxy clusters named by the event. */
  context: string[];
  /** Event `timestamp`, ISO, for attributes without their own. */
  reported?: string;
}

/**
 * MISP threat levels as confidence. MISP's threat level says how dangerous the activity is, not
 * how sure the source is; it is the only per-event judgement MISP carries, so it stands in:
 * High 90, Medium 70, Low 50, Undefined (and missing) 50.
 */
export const CONFIDENCE_OF_THREAT_LEVEL: Readonly<Record<string, number>> = {
  '1': 90,
  '2': 70,
  '3': 50,
  '4': 50,
};
const UNKNOWN_THREAT_LEVEL_CONFIDENCE = 50;

export function eventContext(
  event: JsonRecord,
  file: string,
  position: number,
  options: MispImportOptions,
): EventContext {
  const info = textField(event, 'info');
  const eventUuid = textField(event, 'uuid') ?? `event ${position + 1}`;
  const timestamp = textField(event, 'timestamp');
  const reported = timestamp === undefined ? undefined : isoFromText(timestamp);
  return {
    file,
    eventUuid,
    sourceName: options.source ?? orgName(event) ?? basename(file),
    tlp: tlpOfTags(tagNames(event)) ?? options.defaultTlp ?? 'amber',
    confidence:
      CONFIDENCE_OF_THREAT_LEVEL[textField(event, 'threat_level_id') ?? ''] ??
      UNKNOWN_THREAT_LEVEL_CONFIDENCE,
    context: [...new Set([...(info === undefined ? [] : [info]), ...contextOf(event)])],
    ...(reported === undefined ? {} : { reported }),
  };
}

function orgName(event: JsonRecord): string | undefined {
  for (const key of ['Orgc', 'Org']) {
    const org = recordField(event, key);
    const name = org === undefined ? undefined : textField(org, 'name');
    if (name !== undefined && name !== '') return name;
  }
  return undefined;
}
