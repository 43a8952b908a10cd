// PDF standard fonts (Helvetica) can only show the WinAnsi character set; pdfkit writes anything
// else as wrong glyphs without complaint. Text is folded to what the fonts can show: common
// symbols to ASCII look-alikes, everything else to '?', so a report never silently says something
// other than what the incident says. Japanese and other scripts need an embedded font instead.

/** The characters WinAnsi has in 0x80–0x9F, beyond Latin-1. */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

const LOOK_ALIKES: Readonly<Record<string, string>> = {
  '→': '->',
  '←': '<-',
  '↔': '<->',
  '⇒': '=>',
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '≈': '~',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
};

export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (
      (code >= 0x20 && code < 0x7f) ||
      (code >= 0xa0 && code <= 0xff) ||
      WIN_ANSI_EXTRAS.has(char)
    )
      out += char;
    else if (char === '\t' || char === '\n') out += ' ';
    else out += LOOK_ALIKES[char] ?? '?';
  }
  return out;
}
