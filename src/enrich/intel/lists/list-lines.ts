// The lines of a plain list, sorted into blank, comment, over-long and data lines before any
// format reads them, with 1-based numbers kept for problems.

/** Longer lines are problems, not values: no indicator is that long, a binary file's lines are. */
export const MAX_LINE_LENGTH = 4096;

export interface ListLine {
  /** 1-based. */
  number: number;
  text: string;
  kind: 'blank' | 'comment' | 'too-long' | 'data';
}

export function listLines(text: string): ListLine[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line, index) => ({ number: index + 1, text: line, kind: kindOf(line) }));
}

function kindOf(line: string): ListLine['kind'] {
  if (line.length > MAX_LINE_LENGTH) return 'too-long';
  const trimmed = line.trim();
  if (trimmed === '') return 'blank';
  return trimmed.startsWith('#') || trimmed.startsWith(';') ? 'comment' : 'data';
}

/** A TXT line's value: the line without a trailing ` # comment` and surrounding space. */
export function valueOfTextLine(line: string): string {
  return line.replace(/\s+#.*$/, '').trim();
}
