// Sigma string values: plain text with `*` (any run) and `?` (one character) wildcards, where `\`
// escapes only `*`, `?` and `\` (anything else after `\` stays as written, so `C:\Windows` needs
// no doubling). Parsed once into pieces; the matcher and the literal pre-filter both read pieces.

export type Piece = string | typeof ANY | typeof ONE;

/** `*`: any run of characters, including none and including line breaks. */
export const ANY = Symbol('*');
/** `?`: exactly one character. */
export const ONE = Symbol('?');

export function parseSigmaString(text: string): Piece[] {
  const pieces: Piece[] = [];
  let literal = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index] ?? '';
    if (char === '\\') {
      const next = text[index + 1];
      if (next === '*' || next === '?' || next === '\\') {
        literal += next;
        index++;
      } else {
        literal += char;
      }
    } else if (char === '*' || char === '?') {
      if (literal !== '') pieces.push(literal);
      literal = '';
      const wildcard = char === '*' ? ANY : ONE;
      // `**` means the same as `*`; collapsing keeps the compiled pattern small.
      if (!(wildcard === ANY && pieces.at(-1) === ANY)) pieces.push(wildcard);
    } else {
      literal += char;
    }
  }
  if (literal !== '') pieces.push(literal);
  return pieces;
}

/** A string with no wildcards, as pieces. */
export function literalPieces(text: string): Piece[] {
  return text === '' ? [] : [text];
}

export function hasWildcards(pieces: readonly Piece[]): boolean {
  return pieces.some((piece) => typeof piece !== 'string');
}

/** The text of wildcard-free pieces (callers check `hasWildcards` first). */
export function piecesText(pieces: readonly Piece[]): string {
  return pieces.filter((piece): piece is string => typeof piece === 'string').join('');
}

/** `contains` / `startswith` / `endswith`: put `*` where the modifier says, once. */
export function wrap(pieces: readonly Piece[], start: boolean, end: boolean): Piece[] {
  const out = [...pieces];
  if (start && out[0] !== ANY) out.unshift(ANY);
  if (end && out.at(-1) !== ANY) out.push(ANY);
  return out;
}

/** Rendered back to Sigma syntax (escaping as needed), for messages and windash positions. */
export function renderPieces(pieces: readonly Piece[]): string {
  return pieces
    .map((piece) => (piece === ANY ? '*' : piece === ONE ? '?' : piece.replace(/[\\*?]/g, '\\$&')))
    .join('');
}

/** The longest wildcard-free run: every match contains it, so it can pre-filter events. */
export function longestLiteral(pieces: readonly Piece[]): string {
  let best = '';
  for (const piece of pieces)
    if (typeof piece === 'string' && piece.length > best.length) best = piece;
  return best;
}

export function toRegexSource(pieces: readonly Piece[]): string {
  let source = '^';
  for (const piece of pieces) {
    if (piece === ANY) source += '.*';
    else if (piece === ONE) source += '.';
    else source += piece.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return `${source}$`;
}
