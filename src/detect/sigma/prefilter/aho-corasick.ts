// Aho-Corasick multi-pattern search: every occurrence of thousands of literals found in one pass
// over a string. The Sigma pre-filter scans each event field once with the literals of all the
// rules that could apply, instead of testing rule by rule.
//
// Layout, chosen for V8 and measured by bench/aho-corasick.bench.ts:
// - Characters are renumbered into a compact alphabet of the code units that occur in patterns
//   (a 128-entry ASCII table, a small sorted table for the rest); any other character sends the
//   search back to the root. With `caseFold`, the upper-case forms of a pattern letter share its
//   number, so mixed-case text is searched for lower-case patterns without lowercasing it.
// - States are numbered breadth-first, so the shallow states, where a scan spends nearly all its
//   steps, come first and get a dense DFA row (failures resolved in advance: one typed-array read
//   per character). Rows cover the ASCII letters only: real rule literals bring a thousand and
//   more rare non-ASCII characters (homoglyphs) that would make every row twenty times wider.
//   Deeper states, and rare letters, use sorted children and failure links; a byte budget
//   decides how many rows there are.
// - A state's children are consecutive states, so an edge is only the child's letter. Output
//   links chain the states that end patterns, so reporting never re-walks failure links; a dense
//   target that ends a pattern is stored complemented, so a step that completes nothing costs
//   no second read.

export interface Pattern {
  text: string;
  id: number;
}

export interface AhoCorasickOptions {
  /** Patterns must be lower case; text is matched as if lowercased character by character. */
  caseFold?: boolean;
  /** Size bound of the dense rows (4 bytes per state and ASCII letter); 0 keeps the root's only. */
  denseBytes?: number;
}

const DEFAULT_DENSE_BYTES = 1 << 20;

export class AhoCorasick {
  /** Non-empty patterns given (empty ones are ignored: they would match everywhere). */
  readonly patternCount: number;
  readonly stateCount: number;
  /** States 0 .. denseStates-1 have a dense row. */
  readonly denseStates: number;
  private readonly ascii: Uint16Array;
  private readonly highCodes: Uint16Array;
  private readonly highLetters: Uint16Array;
  /** Row width: ASCII letters + 1 (column 0 is every character in no pattern). */
  private readonly width: number;
  private readonly table: Int32Array;
  /** Children of state s are states childStart[s] .. childStart[s + 1] - 1, by ascending letter. */
  private readonly childStart: Int32Array;
  private readonly letterOf: Uint16Array;
  private readonly fail: Int32Array;
  /** The state if it ends a pattern, else the nearest one on its failure chain; 0: none. */
  private readonly outLink: Int32Array;
  private readonly outStart: Int32Array;
  private readonly outIds: Int32Array;

  constructor(patterns: readonly Pattern[], options: AhoCorasickOptions = {}) {
    const usable = patterns.filter((pattern) => pattern.text.length > 0);
    this.patternCount = usable.length;
    const alphabet = buildAlphabet(usable, options.caseFold === true);
    this.ascii = alphabet.ascii;
    this.highCodes = alphabet.highCodes;
    this.highLetters = alphabet.highLetters;
    this.width = alphabet.asciiLetters + 1;
    const trie = buildTrie(usable, (code) => this.letter(code));
    this.stateCount = trie.letterOf.length;
    this.letterOf = trie.letterOf;
    this.childStart = trie.childStart;
    this.outStart = trie.outStart;
    this.outIds = trie.outIds;
    const rows = Math.floor((options.denseBytes ?? DEFAULT_DENSE_BYTES) / 4 / this.width);
    this.denseStates = Math.min(this.stateCount, Math.max(1, rows));
    this.table = new Int32Array(this.denseStates * this.width);
    this.fail = new Int32Array(this.stateCount);
    this.outLink = new Int32Array(this.stateCount);
    this.link();
  }

  /** Calls `onMatch(id)` for every occurrence of every pattern in `text` (callers dedupe). */
  scan(text: string, onMatch: (id: number) => void): void {
    const ascii = this.ascii;
    const table = this.table;
    const width = this.width;
    const dense = this.denseStates;
    const outLink = this.outLink;
    let state = 0;
    for (let i = 0, length = text.length; i < length; i++) {
      const code = text.charCodeAt(i);
      const letter = code < 128 ? (ascii[code] as number) : this.high(code);
      if (state < dense && letter < width) {
        // A negative entry is a target that ends a pattern (see link()).
        state = table[state * width + letter] as number;
        if (state < 0) {
          state = ~state;
          this.report(state, onMatch);
        }
      } else {
        state = letter === 0 ? 0 : this.step(state, letter);
        if (outLink[state] !== 0) this.report(state, onMatch);
      }
    }
  }

  private report(state: number, onMatch: (id: number) => void): void {
    const { outLink, outStart, outIds, fail } = this;
    for (let s = outLink[state] as number; s !== 0; s = outLink[fail[s] as number] as number)
      for (let o = outStart[s] as number, end = outStart[s + 1] as number; o < end; o++)
        onMatch(outIds[o] as number);
  }

  /** The full transition on a non-zero letter: a dense row, a child, or along failures. */
  private step(from: number, letter: number): number {
    const dense = letter < this.width ? this.denseStates : 0;
    let state = from;
    for (;;) {
      if (state < dense) return unmark(this.table[state * this.width + letter] as number);
      const child = this.child(state, letter);
      if (child !== 0 || state === 0) return child;
      state = this.fail[state] as number;
    }
  }

  /** Binary search among a state's children; 0 when none has the letter (0 is never a child). */
  private child(state: number, letter: number): number {
    const letters = this.letterOf;
    let low = this.childStart[state] as number;
    let high = (this.childStart[state + 1] as number) - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = letters[middle] as number;
      if (found === letter) return middle;
      if (found < letter) low = middle + 1;
      else high = middle - 1;
    }
    return 0;
  }

  /**
   * Failure links, dense rows and output links in breadth-first order: everything a state needs
   * (its parent's failure, that failure's row) belongs to an earlier state.
   */
  private link(): void {
    const { width, table, fail, childStart, letterOf, denseStates, outStart, outLink } = this;
    for (let s = 0; s < this.stateCount; s++) {
      const failure = fail[s] as number;
      if (s !== 0)
        outLink[s] =
          (outStart[s + 1] as number) > (outStart[s] as number) ? s : (outLink[failure] as number);
      if (s !== 0 && s < denseStates)
        table.copyWithin(s * width, failure * width, failure * width + width);
      for (let c = childStart[s] as number, end = childStart[s + 1] as number; c < end; c++) {
        const letter = letterOf[c] as number;
        // A child fails to where its parent's failure goes on the same letter.
        fail[c] = s === 0 ? 0 : this.step(failure, letter);
        if (s < denseStates && letter < width) table[s * width + letter] = c;
      }
    }
    // Targets that end a pattern are stored complemented, so the dense path needs no outLink read.
    for (let i = 0; i < table.length; i++) {
      const target = table[i] as number;
      if (outLink[target] !== 0) table[i] = ~target;
    }
  }

  private letter(code: number): number {
    return code < 128 ? (this.ascii[code] as number) : this.high(code);
  }

  private high(code: number): number {
    const codes = this.highCodes;
    if (codes.length === 0) return 0;
    let low = 0;
    let high = codes.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = codes[middle] as number;
      if (found === code) return this.highLetters[middle] as number;
      if (found < code) low = middle + 1;
      else high = middle - 1;
    }
    return 0;
  }
}

interface Alphabet {
  /** Letters 1 .. asciiLetters are ASCII characters (code order puts them first). */
  asciiLetters: number;
  ascii: Uint16Array;
  highCodes: Uint16Array;
  highLetters: Uint16Array;
}

/** Letters numbered in code order, so that sorted patterns give children sorted by letter. */
function buildAlphabet(patterns: readonly Pattern[], caseFold: boolean): Alphabet {
  const codes = new Set<number>();
  for (const { text } of patterns)
    for (let i = 0; i < text.length; i++) codes.add(text.charCodeAt(i));
  const letterOfCode = new Map<number, number>();
  for (const code of [...codes].sort((a, b) => a - b))
    letterOfCode.set(code, letterOfCode.size + 1);
  let asciiLetters = 0;
  for (const code of codes) if (code < 128) asciiLetters++;
  if (caseFold)
    for (const [upper, lower] of foldPairs()) {
      const letter = letterOfCode.get(lower);
      if (letter !== undefined && !letterOfCode.has(upper)) letterOfCode.set(upper, letter);
    }
  const ascii = new Uint16Array(128);
  const high: [number, number][] = [];
  for (const [code, letter] of letterOfCode)
    if (code < 128) ascii[code] = letter;
    else high.push([code, letter]);
  high.sort((a, b) => a[0] - b[0]);
  return {
    asciiLetters,
    ascii,
    highCodes: Uint16Array.from(high, ([code]) => code),
    highLetters: Uint16Array.from(high, ([, letter]) => letter),
  };
}

let folds: readonly (readonly [number, number])[] | undefined;

/** Every code unit whose lower case is one other code unit, with it (computed once). */
function foldPairs(): readonly (readonly [number, number])[] {
  if (folds === undefined) {
    const pairs: [number, number][] = [];
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const lower = String.fromCharCode(code).toLowerCase();
      if (lower.length === 1 && lower.charCodeAt(0) !== code)
        pairs.push([code, lower.charCodeAt(0)]);
    }
    folds = pairs;
  }
  return folds;
}

interface Trie {
  /** Per state (breadth-first numbering), the letter of the edge into it. */
  letterOf: Uint16Array;
  childStart: Int32Array;
  outStart: Int32Array;
  outIds: Int32Array;
}

/**
 * The trie in flat arrays. Patterns are inserted in sorted order, each sharing its common prefix
 * with the previous one, which creates nodes in depth-first order with children by letter;
 * a stable sort by depth then numbers them breadth-first with each node's children consecutive.
 */
function buildTrie(patterns: readonly Pattern[], letterOf: (code: number) => number): Trie {
  const order = patterns
    .map((_, index) => index)
    .sort((a, b) => compare((patterns[a] as Pattern).text, (patterns[b] as Pattern).text));
  let capacity = 1;
  for (const { text } of patterns) capacity += text.length;
  const parent = new Int32Array(capacity);
  const letter = new Uint16Array(capacity);
  const depth = new Int32Array(capacity);
  const terminal = new Int32Array(patterns.length);
  const path = [0];
  let nodes = 1;
  let previous = '';
  for (const index of order) {
    const text = (patterns[index] as Pattern).text;
    let common = 0;
    const limit = Math.min(text.length, previous.length);
    while (common < limit && text.charCodeAt(common) === previous.charCodeAt(common)) common++;
    for (let d = common; d < text.length; d++) {
      parent[nodes] = path[d] as number;
      letter[nodes] = letterOf(text.charCodeAt(d));
      depth[nodes] = d + 1;
      path[d + 1] = nodes++;
    }
    terminal[index] = path[text.length] as number;
    previous = text;
  }
  // Breadth-first renumbering: a counting sort by depth, stable in creation order.
  let maxDepth = 0;
  for (let n = 0; n < nodes; n++) maxDepth = Math.max(maxDepth, depth[n] as number);
  const offset = new Int32Array(maxDepth + 2);
  for (let n = 0; n < nodes; n++) increment(offset, (depth[n] as number) + 1);
  for (let d = 1; d <= maxDepth + 1; d++)
    offset[d] = (offset[d] as number) + (offset[d - 1] as number);
  const renumbered = new Int32Array(nodes);
  const letters = new Uint16Array(nodes);
  const children = new Int32Array(nodes + 1);
  for (let n = 0; n < nodes; n++) {
    const id = offset[depth[n] as number] as number;
    increment(offset, depth[n] as number);
    renumbered[n] = id;
    letters[id] = letter[n] as number;
    if (n !== 0) increment(children, (renumbered[parent[n] as number] as number) + 1);
  }
  const childStart = new Int32Array(nodes + 1);
  childStart[0] = 1;
  for (let s = 0; s < nodes; s++)
    childStart[s + 1] = (childStart[s] as number) + (children[s + 1] as number);
  return { letterOf: letters, childStart, ...outputs(patterns, terminal, renumbered, nodes) };
}

/** Pattern ids per state, without repeats of one id at one state. */
function outputs(
  patterns: readonly Pattern[],
  terminal: Int32Array,
  renumbered: Int32Array,
  states: number,
): { outStart: Int32Array; outIds: Int32Array } {
  const ends = patterns
    .map((pattern, index) => [renumbered[terminal[index] as number] as number, pattern.id] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .filter(([state, id], index, all) => {
      const before = all[index - 1];
      return before === undefined || before[0] !== state || before[1] !== id;
    });
  const outStart = new Int32Array(states + 1);
  for (const [state] of ends) increment(outStart, state + 1);
  for (let s = 0; s < states; s++)
    outStart[s + 1] = (outStart[s + 1] as number) + (outStart[s] as number);
  return { outStart, outIds: Int32Array.from(ends, ([, id]) => id) };
}

function unmark(target: number): number {
  return target < 0 ? ~target : target;
}

function increment(array: Int32Array, index: number): void {
  array[index] = (array[index] as number) + 1;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
