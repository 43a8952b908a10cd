// MISP regex entries are PHP (PCRE) literals, `/pattern/flags` with any delimiter. They become
// JavaScript RegExps; flags JavaScript lacks (`x`, ...) make the entry invalid rather than
// silently different, and `g` is dropped because it makes `test` stateful.

const KEPT_FLAGS = new Set(['i', 'm', 's', 'u']);

/** The RegExp of a MISP regex entry, or the reason it cannot be compiled. */
export function compileMispRegex(entry: string): RegExp | { error: string } {
  let pattern = entry;
  let flags = '';
  const delimiter = entry.charAt(0);
  const end = entry.lastIndexOf(delimiter);
  if (delimiter !== '' && !/[\p{L}\p{N}\\\s]/u.test(delimiter) && end > 0) {
    pattern = entry.slice(1, end);
    for (const flag of entry.slice(end + 1)) {
      if (flag === 'g') continue;
      if (!KEPT_FLAGS.has(flag)) return { error: `unsupported flag "${flag}"` };
      if (!flags.includes(flag)) flags += flag;
    }
  }
  try {
    return new RegExp(pattern, flags);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
