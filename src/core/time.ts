// Timestamp conversions shared by parsers: every event carries `@timestamp` as ISO 8601 UTC.

// Most logs carry about one record per second or more, so nearly every record starts a new
// second: the date part is cached per day and the time of day is assembled from tables, which
// takes Date off the per-record path.
const DAY_SLOTS = 64;
const cachedDays = new Float64Array(DAY_SLOTS).fill(Number.NaN);
const cachedDates: string[] = new Array<string>(DAY_SLOTS).fill('');
const TWO_DIGITS: readonly string[] = Array.from({ length: 60 }, (_, n) =>
  String(n).padStart(2, '0'),
);
const HOURS: readonly string[] = TWO_DIGITS.slice(0, 24).map((hh) => `${hh}:`);
const MINUTES: readonly string[] = TWO_DIGITS.map((mm) => `${mm}:`);
const MILLIS: readonly string[] = Array.from(
  { length: 1000 },
  (_, ms) => `.${String(ms).padStart(3, '0')}Z`,
);
const MAX_MILLIS = 8.64e15;

/** Epoch seconds (possibly fractional) to ISO 8601, or undefined outside Date's range. */
export function isoFromEpochSeconds(seconds: number): string | undefined {
  const millis = Math.round(seconds * 1000);
  if (!(millis >= -MAX_MILLIS && millis <= MAX_MILLIS)) return undefined;
  const day = Math.floor(millis / 86_400_000);
  const slot = day & (DAY_SLOTS - 1);
  let date = cachedDates[slot] as string;
  if (cachedDays[slot] !== day) {
    const iso = new Date(day * 86_400_000).toISOString();
    date = iso.slice(0, iso.indexOf('T') + 1);
    cachedDays[slot] = day;
    cachedDates[slot] = date;
  }
  let rest = millis - day * 86_400_000;
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  return (
    date +
    (HOURS[hour] as string) +
    (MINUTES[minute] as string) +
    (TWO_DIGITS[second] as string) +
    (MILLIS[rest - second * 1000] as string)
  );
}

/**
 * Any timestamp text a log may carry (ISO 8601 with or without zone, `YYYY-MM-DD hh:mm:ss.fff`
 * as Windows and NXLog write it, epoch seconds or milliseconds) to ISO 8601 UTC.
 * Text without a zone is taken as UTC, which is what Sysmon's UtcTime and NXLog's defaults mean.
 */
export function isoFromText(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const value = Number(trimmed);
    // Ten digits of seconds reach the year 2286; anything longer is milliseconds.
    const integerDigits = trimmed.indexOf('.') === -1 ? trimmed.length : trimmed.indexOf('.');
    return isoFromEpochSeconds(integerDigits > 11 ? value / 1000 : value);
  }
  // `+0900` (Suricata, syslog) is valid ISO 8601 but not every Date parser takes it: add the colon.
  let normalized = trimmed.replace(' ', 'T').replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  if (!/(Z|[+-]\d\d:\d\d)$/i.test(normalized)) normalized += 'Z';
  let date = new Date(normalized);
  // RFC 2822 mail dates (`Fri, 19 Apr 2024 10:00:00 +0900`) are read as written.
  if (Number.isNaN(date.getTime())) date = new Date(trimmed);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Epoch milliseconds of an ISO timestamp, for storage and range queries. */
export function epochMillis(iso: string): number {
  return Date.parse(iso);
}

const DURATION_UNITS: Readonly<Record<string, number>> = {
  s: 1e3,
  m: 60e3,
  h: 3600e3,
  d: 86400e3,
  w: 604800e3,
};

/**
 * A point in time as users type it: ISO 8601 (`2024-04-19`, `2024-04-19T10:00:00Z`), epoch
 * seconds, or a duration back from `now` (`90m`, `24h`, `7d`). Undefined when unreadable.
 */
export function parseTimeArgument(text: string, now: number = Date.now()): number | undefined {
  const relative = /^(\d+(?:\.\d+)?)\s*([smhdw])$/.exec(text.trim());
  if (relative !== null)
    return now - Number(relative[1]) * (DURATION_UNITS[relative[2] as string] ?? 0);
  const iso = isoFromText(text);
  return iso === undefined ? undefined : Date.parse(iso);
}
