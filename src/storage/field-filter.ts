// Parses the `field=value` / `field!=value` filters that the CLI and the API accept.
import { ChanceryError } from '../core/index.ts';
import type { FieldFilter } from './ports.ts';

export function parseFieldFilter(text: string): FieldFilter {
  const match = /^([^=!]+?)\s*(!=|=)\s*(.*)$/s.exec(text);
  if (match === null || (match[1] ?? '').trim() === '') {
    throw new ChanceryError(
      'CHN_ERR_QUERY_INVALID',
      `'${text}' is not a filter; write field=value or field!=value`,
    );
  }
  return { field: (match[1] as string).trim(), op: match[2] as '=' | '!=', value: match[3] ?? '' };
}
