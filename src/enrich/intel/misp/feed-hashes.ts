// A MISP feed's `hashes.csv`: one `md5(value),event_uuid` line per attribute value (composite
// `a|b` values and malware samples give one line per part), for lookups without the events.
// Importing a feed, it serves as a consistency check of the events against their feed index.
import { createHash } from 'node:crypto';
import { parseCsv } from '../../../core/index.ts';
import { rawValueOf } from './events-of.ts';
import { textField, type JsonRecord } from './misp-json.ts';

export interface FeedHashes {
  /** Lines read, malformed ones included. */
  listed: number;
  malformed: number;
  /** md5 hashes by event uuid. */
  byEvent: Map<string, Set<string>>;
}

const MD5_RE = /^[0-9a-f]{32}$/;

export function parseFeedHashes(text: string): FeedHashes {
  const hashes: FeedHashes = { listed: 0, malformed: 0, byEvent: new Map() };
  for (const { fields } of parseCsv(text)) {
    hashes.listed++;
    const md5 = fields[0]?.trim().toLowerCase() ?? '';
    const eventUuid = fields[1]?.trim() ?? '';
    if (!MD5_RE.test(md5) || eventUuid === '') {
      hashes.malformed++;
      continue;
    }
    let set = hashes.byEvent.get(eventUuid);
    if (set === undefined) hashes.byEvent.set(eventUuid, (set = new Set()));
    set.add(md5);
  }
  return hashes;
}

/** The md5 of each part of an attribute's value, split as PyMISP's `hash_values` splits it. */
export function attributeValueHashes(attribute: JsonRecord): string[] {
  const value = rawValueOf(attribute);
  if (value === undefined) return [];
  const type = textField(attribute, 'type') ?? '';
  const parts = type.includes('|') || type === 'malware-sample' ? value.split('|') : [value];
  return parts.map((part) => createHash('md5').update(part, 'utf8').digest('hex'));
}
