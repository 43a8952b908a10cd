// A MISP attribute's `Sighting[]`, summed up. Types per the MISP core format: 0 seen,
// 1 false positive, 2 expiration, 3 true positive (read as seen: someone observed it and
// confirmed it malicious).
import { isoFromText } from '../../../core/index.ts';
import { recordsField, textField, type JsonRecord } from './misp-json.ts';

export interface SightingSummary {
  /** Sightings of type 0 (seen) and 3 (true positive). */
  seen: number;
  firstSeen?: string;
  lastSeen?: string;
  falsePositives: number;
  /** The earliest expiration sighting: after it the source no longer vouches for the value. */
  expires?: string;
  /** Sightings of an unknown type, or expirations without a readable date: not used. */
  unreadable: number;
}

export function summarizeSightings(attribute: JsonRecord): SightingSummary {
  const summary: SightingSummary = { seen: 0, falsePositives: 0, unreadable: 0 };
  for (const sighting of recordsField(attribute, 'Sighting')) {
    const type = textField(sighting, 'type') ?? '0';
    const dateText = textField(sighting, 'date_sighting');
    const date = dateText === undefined ? undefined : isoFromText(dateText);
    if (type === '1') {
      summary.falsePositives++;
    } else if (type === '2' && date !== undefined) {
      if (summary.expires === undefined || date < summary.expires) summary.expires = date;
    } else if (type === '0' || type === '3') {
      summary.seen++;
      if (date === undefined) continue;
      if (summary.firstSeen === undefined || date < summary.firstSeen) summary.firstSeen = date;
      if (summary.lastSeen === undefined || date > summary.lastSeen) summary.lastSeen = date;
    } else {
      summary.unreadable++;
    }
  }
  return summary;
}
