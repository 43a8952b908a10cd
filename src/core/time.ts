// Timestamp conversions shared by parsers: every event carries `@timestamp` as ISO 8601 UTC.

// Records of a log cluster around a few seconds (Zeek writes a connection when it ends, so its
// start times interleave): formatting each second's prefix once takes Date off the hot path.
const secondPrefixes = new Map<number, string>();

/** Epoch seconds (Zeek `ts`, possibly fractional) to ISO 8601 with millisecond precision. */
export function isoFromEpochSeconds(seconds: number): string | undefined {
  if (!Number.isFinite(seconds)) return undefined;
  const millis = Math.round(seconds * 1000);
  const second = Math.floor(millis / 1000);
  let prefix = secondPrefixes.get(second);
  if (prefix === undefined) {
    const date = new Date(second * 1000);
    if (Number.isNaN(date.getTime())) return undefined;
    prefix = date.toISOString().slice(0, -4);
    if (secondPrefixes.size >= 8192) secondPrefixes.clear();
    secondPrefixes.set(second, prefix);
  }
  const fraction = millis - second * 1000;
  return prefix + (fraction < 10 ? '00' : fraction < 100 ? '0' : '') + String(fraction) + 'Z';
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
