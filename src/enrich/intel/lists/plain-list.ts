// Plain indicator lists to indicators: TXT (one value per line, `#`/`;` comments, defanged
// values) and CSV (with a header naming the columns, or values in the first column). The type of
// each value is inferred unless the line or the caller names it. Every bad line is a problem
// with its 1-based line number; the rest of the list goes on.
import { basename } from 'node:path';
import type { ImportResult } from '../../../core/index.ts';
import { addCount } from '../misp/counts.ts';
import { csvRows, type ListRow } from './csv-rows.ts';
import { indicatorsOfEntry, type ListContext, type PlainListOptions } from './list-entry.ts';
import { listLayout } from './list-layout.ts';
import { listLines, MAX_LINE_LENGTH, valueOfTextLine, type ListLine } from './list-lines.ts';

export type { PlainListOptions } from './list-entry.ts';

export function importPlainList(
  text: string,
  file: string,
  options: PlainListOptions = {},
): ImportResult {
  const result: ImportResult = { indicators: [], problems: [], counts: {} };
  const list: ListContext = { sourceName: options.source ?? basename(file), options };
  const lines = listLines(text);
  const layout = listLayout(lines, file);
  addCount(result.counts, `layout.${layout.kind}`);
  for (const line of lines) {
    addCount(result.counts, `line.${line.kind}`);
    if (line.kind === 'too-long')
      result.problems.push({
        file,
        ref: `line ${line.number}`,
        reason: `line longer than ${MAX_LINE_LENGTH} characters`,
      });
  }
  const rows =
    layout.kind === 'text' ? textRows(lines) : csvRows(lines, layout.columns, layout.headerLine);
  if (layout.kind === 'csv' && layout.headerLine !== undefined)
    addCount(result.counts, 'line.header');
  for (const row of rows) {
    const outcome = indicatorsOfRow(row, list);
    if ('error' in outcome) {
      addCount(result.counts, 'row.invalid');
      result.problems.push({ file, ref: `line ${row.line}`, reason: outcome.error });
    } else {
      addCount(result.counts, 'row.imported');
      result.indicators.push(...outcome.indicators);
    }
  }
  addCount(result.counts, 'indicator', result.indicators.length);
  // Over-long lines are found before the rows are read: report problems in line order.
  result.problems.sort((a, b) => lineOf(a.ref) - lineOf(b.ref));
  return result;
}

function textRows(lines: readonly ListLine[]): ListRow[] {
  return lines
    .filter((line) => line.kind === 'data')
    .map((line) => ({
      line: line.number,
      entries: [{ line: line.number, value: valueOfTextLine(line.text) }],
    }));
}

/** All of a row's indicators, or the first reason one of its values is bad. */
function indicatorsOfRow(row: ListRow, list: ListContext): ReturnType<typeof indicatorsOfEntry> {
  if (row.entries.length === 0) return { error: 'no value in the value column(s)' };
  const indicators = [];
  for (const entry of row.entries) {
    const outcome = indicatorsOfEntry(entry, list);
    if ('error' in outcome) return outcome;
    indicators.push(...outcome.indicators);
  }
  return { indicators };
}

function lineOf(ref: string): number {
  return Number(ref.slice('line '.length));
}
