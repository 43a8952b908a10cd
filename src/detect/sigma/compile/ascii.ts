// Character-class checks the literal pre-filter needs: whether a literal is plain ASCII, and
// whether case folding character by character treats it exactly as lowercasing would.

export function hasNonAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return true;
  return false;
}

/**
 * ASCII, or characters without case (surrogate halves: emoji). Lowercasing such a literal's
 * matches character by character gives what lowercasing the whole text gives; `İ` (two
 * characters lowercased) and `Σ` (context-dependent) would not.
 */
export function foldsLikeLowercase(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f && (code < 0xd800 || code > 0xdfff)) return false;
  }
  return true;
}
