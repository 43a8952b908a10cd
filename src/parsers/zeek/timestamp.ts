// Zeek `time` values, as either writer gives them, to ISO 8601 UTC (millisecond precision).
import { isoFromEpochSeconds, isoFromText } from '../../core/index.ts';

// Ten digits of seconds reach the year 2286; a larger ts is Zeek's TS_MILLIS JSON setting.
const MILLIS_THRESHOLD = 1e11;

/**
 * A Zeek time as either writer gives it: epoch seconds (TSV, JSON default), epoch milliseconds
 * (JSON TS_MILLIS), or ISO 8601 text (JSON TS_ISO8601).
 */
export function isoFromZeekTime(value: unknown): string | undefined {
  if (typeof value === 'number') {
    return isoFromEpochSeconds(Math.abs(value) >= MILLIS_THRESHOLD ? value / 1000 : value);
  }
  return typeof value === 'string' ? isoFromText(value) : undefined;
}
