// Which layout a plain list has: one value per line (TXT), CSV whose header row names the
// columns, CSV whose header sits in the last comment before the data (abuse.ch writes
// `# first_seen_utc,dst_ip,...`), or CSV without a header, values in the first column.
import { extname } from 'node:path';
import { inferType, parseCsv, refang } from '../../../core/index.ts';
import { columnsOfHeader, type ListColumns } from './list-columns.ts';
import type { ListLine } from './list-lines.ts';

export type ListLayout =
  | { kind: 'text' }
  /** `headerLine`: the data line that is the header, skipped when reading rows. */
  | { kind: 'csv'; columns: ListColumns; headerLine?: number };

const FIRST_COLUMN: ListColumns = { values: [{ index: 0 }] };

export function listLayout(lines: readonly ListLine[], file: string): ListLayout {
  const firstIndex = lines.findIndex((line) => line.kind === 'data');
  const first = lines[firstIndex];
  if (first === undefined) return { kind: 'text' };
  const fields = csvFields(first.text);
  const header = columnsOfHeader(fields);
  if (header !== undefined) return { kind: 'csv', columns: header, headerLine: first.number };
  const commented = commentHeader(lines.slice(0, firstIndex));
  if (commented !== undefined && fields.length > 1) return { kind: 'csv', columns: commented };
  const csvByName = extname(file).toLowerCase() === '.csv';
  // A comma in a TXT line can belong to a URL: CSV only when the first field alone is a value.
  const csvByShape =
    fields.length > 1 &&
    inferType(refang(first.text.trim())) === undefined &&
    inferType(refang(fields[0] ?? '')) !== undefined;
  return csvByName || csvByShape ? { kind: 'csv', columns: FIRST_COLUMN } : { kind: 'text' };
}

function commentHeader(before: readonly ListLine[]): ListColumns | undefined {
  const last = before.findLast((line) => line.kind === 'comment');
  if (last === undefined) return undefined;
  const fields = csvFields(last.text.trim().replace(/^[#;]+\s*/, ''));
  return fields.length > 1 ? columnsOfHeader(fields) : undefined;
}

function csvFields(line: string): string[] {
  return parseCsv(line)[0]?.fields ?? [];
}
