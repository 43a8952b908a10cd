// `expand`: `%name%` placeholders replaced by the values configured for them. A placeholder
// without values makes the rule fail to compile, as the specification requires, with a reason
// that names it so an administrator can define it.
import type { SourceRef } from '../rule/model.ts';
import { type CompileContext, issue } from './context.ts';
import { parseSigmaString, type Piece } from './sigma-string.ts';

const PLACEHOLDER = /%([A-Za-z0-9_.-]+)%/g;

export function expandPlaceholders(
  pieces: readonly Piece[],
  at: SourceRef,
  context: CompileContext,
): Piece[][] | undefined {
  let results: Piece[][] = [[]];
  for (const piece of pieces) {
    if (typeof piece !== 'string') {
      results = results.map((r) => [...r, piece]);
      continue;
    }
    const choices = expandText(piece, at, context);
    if (choices === undefined) return undefined;
    results = results.flatMap((r) => choices.map((choice) => [...r, ...choice]));
  }
  return results;
}

/** One literal piece to every value it can become. */
function expandText(text: string, at: SourceRef, context: CompileContext): Piece[][] | undefined {
  let texts = [''];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    const values = context.options.placeholders?.[name];
    if (values === undefined || values.length === 0) {
      issue(
        context,
        at,
        'unresolved-placeholder',
        `placeholder %${name}% has no values (define sigma.placeholders.${name} in the configuration)`,
      );
      return undefined;
    }
    const before = text.slice(last, match.index);
    texts = texts.flatMap((t) => values.map((value) => t + before + value));
    last = match.index + match[0].length;
  }
  const rest = text.slice(last);
  // Placeholder values are Sigma strings themselves (pySigma reads them so): `adm_*` is a prefix.
  return texts.map((t) => parseSigmaString(t + rest));
}
