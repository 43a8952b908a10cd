// Windows timestamps on the hot path. Nearly all are already ISO 8601 UTC (`...T..:..:..(.f+)Z`)
// and only need checking and cutting to milliseconds; anything else goes to the general reader.
import { isoFromEpochSeconds, isoFromText } from '../../core/index.ts';

/** ISO 8601 UTC with milliseconds, or undefined when the text is not a time. */
export function isoTime(text: string): string | undefined {
  const length = text.length;
  if (length >= 20 && text.charCodeAt(length - 1) === 90 /* Z */ && hasDateTime(text, 84 /* T */)) {
    if (length === 24 && text.charCodeAt(19) === 46 /* . */ && digits(text, 20, 23)) return text;
    if (length === 20) return `${text.slice(0, 19)}.000Z`;
    if (length > 24 && text.charCodeAt(19) === 46 && digits(text, 20, length - 1))
      return `${text.slice(0, 23)}Z`;
  }
  // `2020-10-18 10:56:18.955`: NXLog's and Sysmon's zone-less form, which means UTC.
  if (length === 23 && text.charCodeAt(19) === 46 && hasDateTime(text, 32) && digits(text, 20, 23))
    return `${text.slice(0, 10)}T${text.slice(11)}Z`;
  return isoFromText(text);
}

/**
 * Epoch milliseconds of `YYYY-MM-DD hh:mm:ss` (or with `T`), read as UTC; NaN otherwise. NXLog
 * writes its local times this way, two per record.
 */
export function epochOfPlain(text: string): number {
  if (text.length !== 19 || (!hasDateTime(text, 32 /* space */) && !hasDateTime(text, 84)))
    return Number.NaN;
  return Date.UTC(
    number(text, 0, 4),
    number(text, 5, 7) - 1,
    number(text, 8, 10),
    number(text, 11, 13),
    number(text, 14, 16),
    number(text, 17, 19),
  );
}

/** Epoch milliseconds to ISO 8601 UTC, through core's cached formatter. */
export function isoFromMillis(millis: number): string | undefined {
  return isoFromEpochSeconds(millis / 1000);
}

/** `YYYY-MM-DD?hh:mm:ss` with plausible ranges, `separator` between date and time. */
function hasDateTime(text: string, separator: number): boolean {
  return (
    text.charCodeAt(4) === 45 &&
    text.charCodeAt(7) === 45 &&
    text.charCodeAt(10) === separator &&
    text.charCodeAt(13) === 58 &&
    text.charCodeAt(16) === 58 &&
    digits(text, 0, 4) &&
    digits(text, 5, 7) &&
    digits(text, 8, 10) &&
    digits(text, 11, 13) &&
    digits(text, 14, 16) &&
    digits(text, 17, 19) &&
    inRange(number(text, 5, 7), 1, 12) &&
    inRange(number(text, 8, 10), 1, 31) &&
    number(text, 11, 13) < 24 &&
    number(text, 14, 16) < 60 &&
    number(text, 17, 19) < 60
  );
}

function digits(text: string, from: number, to: number): boolean {
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

function number(text: string, from: number, to: number): number {
  let value = 0;
  for (let index = from; index < to; index++) value = value * 10 + text.charCodeAt(index) - 48;
  return value;
}

function inRange(value: number, low: number, high: number): boolean {
  return value >= low && value <= high;
}
