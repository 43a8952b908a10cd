// Domain-name entries of `hostname` and `string` lists. A `hostname` entry matches the name and
// its subdomains (MISP's rule); a `string` entry matches exactly, except that MISP lists such as
// `microsoft` and `google` spell "this domain and below" as a leading dot (`.microsoft.com`) in
// string lists, which is honoured. Top-site lists (cloudflare-top*, cisco_top*, ...) hold plain
// names and stay exact on purpose: `duckdns.org` is a top site, `evil.duckdns.org` is not.

/** Lower-case, without a trailing root dot: the form every entry and query is compared in. */
export function normalizeName(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** `a.b.c` -> [`a.b.c`, `b.c`, `c`]: the keys a suffix set is probed with. */
export function suffixesOf(name: string): string[] {
  const suffixes = [name];
  for (let dot = name.indexOf('.'); dot !== -1; dot = name.indexOf('.', dot + 1)) {
    suffixes.push(name.slice(dot + 1));
  }
  return suffixes;
}

/** Exact names and suffix names of one list. */
export class DomainSet {
  readonly #exact = new Set<string>();
  readonly #suffix = new Set<string>();

  /** `subdomains`: every entry also matches its subdomains (the `hostname` type). */
  constructor(entries: readonly string[], subdomains: boolean) {
    for (const entry of entries) {
      let name = normalizeName(entry);
      let below = subdomains;
      if (name.startsWith('*.')) name = name.slice(2);
      if (name.startsWith('.')) {
        name = name.slice(1);
        below = true;
      }
      if (name === '') continue;
      (below ? this.#suffix : this.#exact).add(name);
    }
  }

  get size(): number {
    return this.#exact.size + this.#suffix.size;
  }

  /** Whether the normalized `name`, whose `suffixesOf` are given, is in the set. */
  has(name: string, suffixes: readonly string[]): boolean {
    if (this.#exact.has(name)) return true;
    if (this.#suffix.size === 0) return false;
    for (const suffix of suffixes) if (this.#suffix.has(suffix)) return true;
    return false;
  }
}
