// Terminal output helpers: aligned tables and JSON, written to stdout; messages go to stderr.

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Left-aligned columns; numbers right-aligned. */
export function printTable(
  headers: readonly string[],
  rows: readonly (readonly unknown[])[],
): void {
  const cells = rows.map((row) =>
    row.map((cell) =>
      cell === undefined || cell === null
        ? ''
        : typeof cell === 'object'
          ? JSON.stringify(cell)
          : String(cell as string | number | boolean),
    ),
  );
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...cells.map((row) => (row[column] ?? '').length)),
  );
  const numeric = headers.map(
    (_, column) => rows.length > 0 && rows.every((row) => typeof row[column] === 'number'),
  );
  const format = (row: readonly string[]): string =>
    row
      .map((cell, column) =>
        numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  process.stdout.write(`${format(headers)}\n`);
  for (const row of cells) process.stdout.write(`${format(row)}\n`);
}

export function note(message: string): void {
  process.stderr.write(`${message}\n`);
}
