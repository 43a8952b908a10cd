// EVE timestamps (`2024-04-19T09:15:02.123456+0900`, also in flow.start/end and tls.notbefore)
// read by position instead of through Date's string parser, which is slow and not specified for
// the `+hhmm` offset Suricata writes. Anything else falls back to core's isoFromText.
import { isoFromText } from '../../core/index.ts';

let lastSecond = Number.NaN;
let lastPrefix = '';
const MILLIS: readonly string[] = Array.from(
  { length: 1000 },
  (_, ms) => `.${String(ms).padStart(3, '0')}Z`,
);

/** ISO 8601 UTC, milliseconds truncated (as Date parsing does), or undefined when unreadable. */
export function isoFromEve(text: string): string | undefined {
  const micros = eveMicros(text);
  if (micros === undefined) return isoFromText(text);
  const millis = Math.floor(micros / 1000);
  const second = Math.floor(millis / 1000);
  // EVE is written in time order, many events per second: one Date per second is enough.
  if (second !== lastSecond) {
    lastPrefix = new Date(second * 1000).toISOString().slice(0, -5);
    lastSecond = second;
  }
  return lastPrefix + (MILLIS[millis - second * 1000] as string);
}

/**
 * Epoch microseconds of `YYYY-MM-DDThh:mm:ss[.ffffff][Z|±hhmm|±hh:mm]` (no zone = UTC), or
 * undefined for any other shape.
 */
export function eveMicros(text: string): number | undefined {
  if (text.length < 19 || text.charCodeAt(4) !== 45 || text.charCodeAt(10) !== 84) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60)
    return undefined;
  let i = 19;
  let micros = 0;
  if (text.charCodeAt(i) === 46 /* . */) {
    let scale = 100_000;
    for (i++; i < text.length; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) break;
      micros += digit * scale;
      scale /= 10;
    }
    micros = Math.floor(micros);
  }
  const offset = offsetMinutes(text, i);
  if (offset === undefined) return undefined;
  const millis = Date.UTC(year, month - 1, day, hour, minute, second);
  if (Number.isNaN(millis)) return undefined;
  return (millis - offset * 60_000) * 1000 + micros;
}

function offsetMinutes(text: string, at: number): number | undefined {
  if (at === text.length) return 0;
  const sign = text.charCodeAt(at);
  if ((sign === 90 || sign === 122) /* Z */ && at + 1 === text.length) return 0;
  if (sign !== 43 && sign !== 45) return undefined;
  const colon = text.charCodeAt(at + 3) === 58 ? 1 : 0;
  if (text.length !== at + 5 + colon) return undefined;
  const hours = digits(text, at + 1, 2);
  const minutes = digits(text, at + 3 + colon, 2);
  if (hours < 0 || minutes < 0) return undefined;
  return (sign === 45 ? -1 : 1) * (hours * 60 + minutes);
}

/** The decimal number of `count` digits at `at`, or -1 when a character is not a digit. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
