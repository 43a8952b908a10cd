// The `re` modifier on JavaScript's engine. Sigma regexes are PCRE-flavoured: a leading inline
// flag group such as `(?i)` (which V8 rejects) becomes a RegExp flag; `u` is not used because
// SigmaHQ rules escape characters that need no escaping (`\"`), which `u` rejects.
import type { SourceRef } from '../rule/model.ts';
import { type CompileContext, issue } from './context.ts';
import { regexTest, type TextTest } from './text-test.ts';

const LEADING_FLAGS = /^\(\?([a-zA-Z]+)\)/;

export function compileRegex(
  pattern: string,
  flags: string,
  at: SourceRef,
  context: CompileContext,
): TextTest | undefined {
  let source = pattern;
  let allFlags = flags;
  const leading = LEADING_FLAGS.exec(source);
  if (leading !== null) {
    for (const flag of leading[1] ?? '') {
      if (!'ims'.includes(flag)) {
        issue(context, at, 'bad-regex', `inline flag "${flag}" is not supported (only i, m, s)`);
        return undefined;
      }
      if (!allFlags.includes(flag)) allFlags += flag;
    }
    source = source.slice(leading[0].length);
  }
  // PCRE's absolute anchors have plain equivalents here (no multiline flag unless asked for).
  source = source.replace(/\\A/g, '^').replace(/\\[zZ]/g, '$');
  try {
    return regexTest(new RegExp(source, allFlags), pattern);
  } catch (error) {
    issue(
      context,
      at,
      'bad-regex',
      `regular expression does not compile: ${(error as Error).message}`,
    );
    return undefined;
  }
}
