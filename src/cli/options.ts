// Option parsing shared by commands: times (`--since 24h`) and optional keys for query objects.
import { ChanceryError, parseTimeArgument } from '../core/index.ts';

/** `{ key: value }`, or `{}` when the value is absent (exactOptionalPropertyTypes-friendly). */
export function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** An ISO time, epoch seconds or a duration back from now (24h, 7d) as epoch ms. */
export function timeOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const time = parseTimeArgument(text);
  if (time === undefined)
    throw new ChanceryError(
      'CHN_ERR_QUERY_INVALID',
      `${name} '${text}' is not a time (ISO 8601, epoch seconds or 24h/7d)`,
    );
  return time;
}
