// Stable event ids: the same record always gets the same id, so re-ingesting a file adds nothing.
// The id leads with the event time so that ids of a time-ordered log land at the end of the
// store's unique index (append-like inserts), and ends with a content hash that tells records apart.
import { createHash } from 'node:crypto';
import * as crypto from 'node:crypto';

// `crypto.hash` (Node >= 20.12) is a one-shot digest about twice as fast as createHash for short
// inputs; fall back to createHash where a runtime lacks it.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string })
  .hash;

function sha1Hex(text: string): string {
  return oneShot !== undefined
    ? oneShot('sha1', text, 'hex')
    : createHash('sha1').update(text).digest('hex');
}

/**
 * `<12 hex digits of epoch ms><20 hex digits of SHA-1(dataset NUL original)>`: 32 characters,
 * lexically ordered by time. 80 bits of hash keep accidental collisions out of reach at any
 * realistic volume (birthday bound ~10^12 records per millisecond-wide bucket).
 */
export function eventId(epochMs: number, dataset: string, original: string): string {
  const time = Math.max(0, Math.trunc(epochMs)).toString(16).padStart(12, '0');
  return time + sha1Hex(dataset + '\u0000' + original).slice(0, 20);
}

/** Epoch milliseconds encoded at the start of an event id (for cursor pagination). */
export function eventIdTime(id: string): number {
  return Number.parseInt(id.slice(0, 12), 16);
}
