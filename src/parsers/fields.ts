// Small helpers every parser uses while building an event draft.
import { isIP } from 'node:net';
import { ParseFailure, type DetectSample } from './parser.ts';

/** Whether an object under construction got any field: events carry no empty objects. */
export function hasKeys(value: object): boolean {
  for (const key in value) if (Object.hasOwn(value, key)) return true;
  return false;
}

/**
 * Whether text is an IP address. Host names end in a letter far more often than not, and
 * node:net's isIP runs two long regexes, so the cheap test comes first.
 */
export function isAddress(value: string): boolean {
  const last = value.charCodeAt(value.length - 1);
  if (!(last >= 48 && last <= 57) && !value.includes(':')) return false;
  return isIP(value) !== 0;
}

/**
 * Detection for JSON-lines formats: 1 when the first non-empty lines (up to five) are all records
 * of the format, 0.6 when only some are, 0 when the first is not.
 */
export function detectJsonLines(sample: DetectSample, isRecord: (line: string) => boolean): number {
  let seen = 0;
  let matched = 0;
  for (const raw of sample.lines) {
    const line = raw.trim();
    if (line === '') continue;
    const ok = isRecord(line);
    if (seen === 0 && !ok) return 0;
    seen++;
    if (ok) matched++;
    if (seen === 5) break;
  }
  if (seen === 0) return 0;
  return matched === seen ? 1 : 0.6;
}

/**
 * One line of a JSON-lines format as an object: undefined for a blank line, a ParseFailure for
 * invalid JSON or anything but an object.
 */
export function readJsonObject(line: string): Record<string, unknown> | ParseFailure | undefined {
  if (line.charCodeAt(0) !== 123 /* { */ && line.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    return new ParseFailure(`invalid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return new ParseFailure('expected a JSON object per line');
  }
  return parsed as Record<string, unknown>;
}
