// `windash`: Windows programs accept `-`, `/` and Unicode dashes for options, so `-enc` must also
// match `/enc`, `–enc`, `—enc` and `―enc`. As in pySigma only a dash that starts a word is varied
// (`\B[-/]\b`: after a non-word character, before a word character), in every combination.
import { ANY, ONE, type Piece } from './sigma-string.ts';

const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'];
/** Each varied position multiplies the values by five; real rules have one or two. */
const MAX_POSITIONS = 4;

export function windashVariants(pieces: Piece[]): Piece[][] {
  let variants: Piece[][] = [[]];
  let previousIsWord = false;
  for (const piece of pieces) {
    if (piece === ANY || piece === ONE) {
      variants = variants.map((v) => [...v, piece]);
      previousIsWord = false;
      continue;
    }
    let texts = [''];
    let positions = 0;
    for (let index = 0; index < piece.length; index++) {
      const char = piece[index] ?? '';
      const next = piece[index + 1];
      const startsWord =
        (char === '-' || char === '/') && !previousIsWord && next !== undefined && isWord(next);
      if (startsWord && positions < MAX_POSITIONS) {
        positions++;
        texts = texts.flatMap((t) => DASHES.map((dash) => t + dash));
      } else {
        texts = texts.map((t) => t + char);
      }
      previousIsWord = isWord(char);
    }
    variants = variants.flatMap((v) => texts.map((t) => [...v, t]));
  }
  return variants;
}

function isWord(char: string): boolean {
  return /\w/.test(char);
}
