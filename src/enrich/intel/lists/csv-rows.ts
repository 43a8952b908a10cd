// The data rows of a CSV list as list entries, one per value column that has a value.
import { parseCsv } from '../../../core/index.ts';
import type { ListColumns } from './list-columns.ts';
import type { ListEntry } from './list-entry.ts';
import type { ListLine } from './list-lines.ts';

export interface ListRow {
  line: number;
  entries: ListEntry[];
}

export function csvRows(
  lines: readonly ListLine[],
  columns: ListColumns,
  headerLine?: number,
): ListRow[] {
  // Blanking, not dropping, the lines that are not rows keeps the reader's line numbers true.
  const text = lines
    .map((line) => (line.kind === 'data' && line.number !== headerLine ? line.text : ''))
    .join('\n');
  return parseCsv(text).map(({ line, fields }) => ({
    line,
    entries: columns.values.flatMap(({ index, type }) => {
      const value = fields[index]?.trim() ?? '';
      if (value === '') return [];
      const cell = (column: number | undefined): string | undefined =>
        column === undefined ? undefined : fields[column];
      const entry: ListEntry = {
        line,
        value,
        ...(type === undefined ? {} : { columnType: type }),
        ...optional('type', cell(columns.type)),
        ...optional('tlp', cell(columns.tlp)),
        ...optional('confidence', cell(columns.confidence)),
        ...optional('description', cell(columns.description)),
        ...optional('context', cell(columns.context)),
        ...optional('firstSeen', cell(columns.firstSeen)),
        ...optional('lastSeen', cell(columns.lastSeen)),
        ...optional('validUntil', cell(columns.validUntil)),
      };
      return [entry];
    }),
  }));
}

function optional<K extends keyof ListEntry>(
  key: K,
  text: string | undefined,
): Partial<Pick<ListEntry, K>> {
  const trimmed = text?.trim();
  return trimmed ? ({ [key]: trimmed } as Partial<Pick<ListEntry, K>>) : {};
}
