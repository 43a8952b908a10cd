// Syslog timestamps read by character: RFC 3164's `Mmm dd hh:mm:ss` (no year, no zone) and the
// ISO 8601 form of RFC 5424 and rsyslog's precise file format, with `Z`, `+hh:mm` or `+hhmm`.
import { isoFromEpochSeconds } from '../../core/index.ts';

export interface ReadTime {
  /** ISO 8601 UTC, or undefined when the text at `start` is shaped like a time but is not one. */
  iso: string | undefined;
  /** Index just past the timestamp. */
  end: number;
}

const MONTHS: Readonly<Record<string, number>> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

const WEEK = 7 * 86_400_000;

/**
 * `Mmm dd hh:mm:ss` (day space-padded or not, optional `.fff` and optional ` yyyy` before the
 * time as Cisco writes it) at `start`, or undefined. Without a year, the year is the one that
 * puts the time closest before `receivedAt` (a week of clock skew allowed): a December message
 * received in January is last year's. The time is taken as UTC: RFC 3164 carries no zone.
 */
export function readBsdTime(text: string, start: number, receivedAt: number): ReadTime | undefined {
  const month = MONTHS[text.slice(start, start + 3)];
  if (month === undefined || text.charCodeAt(start + 3) !== 32) return undefined;
  let index = start + 4;
  if (text.charCodeAt(index) === 32) index++;
  const dayStart = index;
  while (isDigit(text.charCodeAt(index)) && index < dayStart + 2) index++;
  if (index === dayStart || text.charCodeAt(index) !== 32) return undefined;
  const day = digitsValue(text, dayStart, index);
  index++;
  let year: number | undefined;
  if (isDigit(text.charCodeAt(index + 3)) && text.charCodeAt(index + 4) === 32) {
    if (!allDigits(text, index, index + 4)) return undefined;
    year = digitsValue(text, index, index + 4);
    index += 5;
  }
  const clock = readClock(text, index);
  if (clock === undefined || day < 1 || day > 31) return undefined;
  index = clock.end;
  let millis = 0;
  if (text.charCodeAt(index) === 46 /* . */) {
    const fractionStart = index + 1;
    index = fractionStart;
    while (isDigit(text.charCodeAt(index))) index++;
    millis = fractionMillis(text, fractionStart, index);
  }
  const { hour, minute, second } = clock;
  let epoch: number;
  if (year !== undefined) epoch = Date.UTC(year, month, day, hour, minute, second, millis);
  else {
    const received = yearOf(receivedAt);
    epoch = Date.UTC(received + 1, month, day, hour, minute, second, millis);
    if (epoch - receivedAt > WEEK)
      epoch = Date.UTC(received, month, day, hour, minute, second, millis);
    if (epoch - receivedAt > WEEK)
      epoch = Date.UTC(received - 1, month, day, hour, minute, second, millis);
  }
  return { iso: isoFromEpochSeconds(epoch / 1000), end: index };
}

/** `YYYY-MM-DDThh:mm:ss[.f+](Z|±hh:mm|±hhmm)` at `start`; a time without a zone is UTC. */
export function readIsoTime(text: string, start: number): ReadTime | undefined {
  const s = start;
  if (
    !allDigits(text, s, s + 4) ||
    text.charCodeAt(s + 4) !== 45 ||
    !allDigits(text, s + 5, s + 7) ||
    text.charCodeAt(s + 7) !== 45 ||
    !allDigits(text, s + 8, s + 10) ||
    text.charCodeAt(s + 10) !== 84 /* T */
  )
    return undefined;
  const clock = readClock(text, s + 11);
  if (clock === undefined) return undefined;
  let index = clock.end;
  let millis = 0;
  if (text.charCodeAt(index) === 46) {
    const fractionStart = index + 1;
    index = fractionStart;
    while (isDigit(text.charCodeAt(index))) index++;
    millis = fractionMillis(text, fractionStart, index);
  }
  let offsetMinutes = 0;
  const zone = text.charCodeAt(index);
  if (zone === 90 /* Z */ || zone === 122 /* z */) index++;
  else if (zone === 43 /* + */ || zone === 45 /* - */) {
    const colon = text.charCodeAt(index + 3) === 58 ? 1 : 0;
    const hours = index + 1;
    const minutes = index + 3 + colon;
    if (!allDigits(text, hours, hours + 2) || !allDigits(text, minutes, minutes + 2))
      return undefined;
    offsetMinutes =
      digitsValue(text, hours, hours + 2) * 60 + digitsValue(text, minutes, minutes + 2);
    if (zone === 45) offsetMinutes = -offsetMinutes;
    index = minutes + 2;
  }
  const month = digitsValue(text, s + 5, s + 7);
  const day = digitsValue(text, s + 8, s + 10);
  if (month < 1 || month > 12 || day < 1 || day > 31) return { iso: undefined, end: index };
  const epoch =
    Date.UTC(
      digitsValue(text, s, s + 4),
      month - 1,
      day,
      clock.hour,
      clock.minute,
      clock.second,
      millis,
    ) -
    offsetMinutes * 60_000;
  return { iso: isoFromEpochSeconds(epoch / 1000), end: index };
}

/** The UTC year of an instant; listeners and file parsers pass the same instant many times. */
let lastInstant = Number.NaN;
let lastYear = 0;
function yearOf(instant: number): number {
  if (instant !== lastInstant) {
    lastYear = new Date(instant).getUTCFullYear();
    lastInstant = instant;
  }
  return lastYear;
}

function readClock(
  text: string,
  start: number,
): { hour: number; minute: number; second: number; end: number } | undefined {
  if (
    !allDigits(text, start, start + 2) ||
    text.charCodeAt(start + 2) !== 58 ||
    !allDigits(text, start + 3, start + 5) ||
    text.charCodeAt(start + 5) !== 58 ||
    !allDigits(text, start + 6, start + 8)
  )
    return undefined;
  const hour = digitsValue(text, start, start + 2);
  const minute = digitsValue(text, start + 3, start + 5);
  const second = digitsValue(text, start + 6, start + 8);
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  return { hour, minute, second: Math.min(second, 59), end: start + 8 };
}

function fractionMillis(text: string, start: number, end: number): number {
  let millis = 0;
  for (let index = start; index < start + 3; index++)
    millis = millis * 10 + (index < end ? text.charCodeAt(index) - 48 : 0);
  return millis;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function allDigits(text: string, from: number, to: number): boolean {
  if (to > text.length) return false;
  for (let index = from; index < to; index++) if (!isDigit(text.charCodeAt(index))) return false;
  return true;
}

function digitsValue(text: string, from: number, to: number): number {
  let value = 0;
  for (let index = from; index < to; index++) value = value * 10 + text.charCodeAt(index) - 48;
  return value;
}
