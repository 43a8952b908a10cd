// Time parameters of queries (`since`, `until`): ISO time, epoch seconds, or a duration back.
import { ChanceryError, parseTimeArgument } from '../core/index.ts';

/** Epoch ms of a time parameter; undefined when absent; a 400 when it is not a time. */
export function queryTime(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = parseTimeArgument(text);
  if (value === undefined)
    throw new ChanceryError('CHN_ERR_QUERY_INVALID', `${name} '${text}' is not a time`);
  return value;
}
