// LIKE and MATCHES as JavaScript regular expressions. MATCHES is PCRE in the STIX spec; what JS
// reads differently or not at all is rejected with a reason rather than matched wrongly (JS
// without the `u` flag would quietly read PCRE's `\A` as the letter A).

export type RegExpResult = RegExp | { error: string };

/** SQL LIKE: `%` any run, `_` one character, everything else literal, anchored at both ends. */
export function likeToRegExp(pattern: string, ignoreCase: boolean): RegExp {
  let source = '';
  for (const char of pattern) {
    if (char === '%') source += '.*';
    else if (char === '_') source += '.';
    else source += char.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, ignoreCase ? 'isu' : 'su');
}

// PCRE constructs with no JS equivalent under the `u` flag, and what they are.
const PCRE_ONLY: readonly [RegExp, string][] = [
  [/\(\?>/, 'atomic group (?>'],
  [/\(\?#/, 'comment (?#'],
  [/\(\?[a-zA-Z-]+[):]/, 'inline modifier group'],
  [/\\[QE]/, 'quoting \\Q…\\E'],
  [/\\[AZzGKRhHXC]/, 'PCRE-only escape'],
  [/[*+?}]\+/, 'possessive quantifier'],
];

/**
 * A MATCHES pattern. A leading `(?i)` (the PCRE flag producers write most) becomes the `i` flag;
 * `ignoreCase` is set for values we keep in lower case, so `EVIL\.com` still finds `evil.com`.
 */
export function compileMatches(pattern: string, ignoreCase: boolean): RegExpResult {
  let source = pattern;
  let flags = ignoreCase ? 'iu' : 'u';
  const leading = /^\(\?([imsx]+)\)/.exec(source);
  if (leading !== null) {
    const modifiers = leading[1] ?? '';
    if (modifiers.includes('x'))
      return { error: `MATCHES uses PCRE extended mode (?x), which JavaScript lacks: ${pattern}` };
    source = source.slice(leading[0].length);
    for (const modifier of modifiers) if (!flags.includes(modifier)) flags += modifier;
  }
  for (const [construct, name] of PCRE_ONLY)
    if (construct.test(source))
      return { error: `MATCHES uses a PCRE ${name}, which JavaScript lacks: ${pattern}` };
  try {
    return new RegExp(source, flags);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { error: `MATCHES pattern does not compile in JavaScript: ${message}` };
  }
}
