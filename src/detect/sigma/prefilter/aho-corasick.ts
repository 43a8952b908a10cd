// Aho-Corasick multi-pattern search: every occurrence of thousands of literals found in one pass
// over a string. The Sigma pre-filter scans each event field once with the literals of all the
// rules that could apply, instead of testing rule by rule.
//
// Layout, chosen for V8: the characters that occur in patterns are renumbered into a small
// alphabet (any other character sends the search back to the root), the root's transitions are a
// dense table (most steps start there), every other state's transitions are a sorted slice of two
// flat typed arrays, and dictionary links skip states without output, so reporting costs nothing
// when nothing matched.

export interface Pattern {
  text: string;
  id: number;
}

export class AhoCorasick {
  readonly patternCount: number;
  readonly stateCount: number;
  /** Char code -> alphabet index (0: not in any pattern). */
  private readonly alphabet = new Uint16Array(65536);
  private readonly root: Int32Array;
  private readonly edgeStart: Int32Array;
  private readonly edgeChar: Uint16Array;
  private readonly edgeTarget: Int32Array;
  private readonly fail: Int32Array;
  /** Nearest state on the failure chain (itself excluded) that ends a pattern, or -1. */
  private readonly dictionary: Int32Array;
  private readonly outputStart: Int32Array;
  private readonly outputIds: Int32Array;

  constructor(patterns: readonly Pattern[]) {
    const usable = patterns.filter((pattern) => pattern.text.length > 0);
    this.patternCount = usable.length;
    let letters = 0;
    for (const { text } of usable)
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (this.alphabet[code] === 0) this.alphabet[code] = ++letters;
      }
    // Build the trie with maps (construction only), then flatten.
    const children: Map<number, number>[] = [new Map<number, number>()];
    const outputs: number[][] = [[]];
    for (const { text, id } of usable) {
      let state = 0;
      for (let i = 0; i < text.length; i++) {
        const letter = this.alphabet[text.charCodeAt(i)] ?? 0;
        const node = children[state] as Map<number, number>;
        let next = node.get(letter);
        if (next === undefined) {
          next = children.length;
          node.set(letter, next);
          children.push(new Map());
          outputs.push([]);
        }
        state = next;
      }
      (outputs[state] as number[]).push(id);
    }
    const states = children.length;
    this.stateCount = states;
    this.root = new Int32Array(letters + 1).fill(0);
    for (const [letter, target] of children[0] as Map<number, number>) this.root[letter] = target;
    this.edgeStart = new Int32Array(states + 1);
    let edges = 0;
    for (let s = 0; s < states; s++) {
      this.edgeStart[s] = edges;
      edges += (children[s] as Map<number, number>).size;
    }
    this.edgeStart[states] = edges;
    this.edgeChar = new Uint16Array(edges);
    this.edgeTarget = new Int32Array(edges);
    for (let s = 0; s < states; s++) {
      const sorted = [...(children[s] as Map<number, number>)].sort((a, b) => a[0] - b[0]);
      let at = this.edgeStart[s] as number;
      for (const [letter, target] of sorted) {
        this.edgeChar[at] = letter;
        this.edgeTarget[at++] = target;
      }
    }
    this.fail = new Int32Array(states);
    this.dictionary = new Int32Array(states).fill(-1);
    this.linkFailures(children, outputs);
    this.outputStart = new Int32Array(states + 1);
    let total = 0;
    for (let s = 0; s < states; s++) {
      this.outputStart[s] = total;
      total += (outputs[s] as number[]).length;
    }
    this.outputStart[states] = total;
    this.outputIds = new Int32Array(total);
    for (let s = 0, at = 0; s < states; s++)
      for (const id of outputs[s] as number[]) this.outputIds[at++] = id;
  }

  /** Calls `onMatch(id)` for every occurrence of every pattern in `text` (callers dedupe). */
  scan(text: string, onMatch: (id: number) => void): void {
    const alphabet = this.alphabet;
    const root = this.root;
    const fail = this.fail;
    const dictionary = this.dictionary;
    const outputStart = this.outputStart;
    const outputIds = this.outputIds;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const letter = alphabet[text.charCodeAt(i)] as number;
      if (letter === 0) {
        state = 0;
        continue;
      }
      for (;;) {
        if (state === 0) {
          state = root[letter] as number;
          break;
        }
        const next = this.step(state, letter);
        if (next >= 0) {
          state = next;
          break;
        }
        state = fail[state] as number;
      }
      if (state === 0) continue;
      for (
        let s =
          outputStart[state + 1] !== outputStart[state] ? state : (dictionary[state] as number);
        s > 0;
        s = dictionary[s] as number
      )
        for (let o = outputStart[s] as number, end = outputStart[s + 1] as number; o < end; o++)
          onMatch(outputIds[o] as number);
    }
  }

  /** The transition of a non-root state, or -1. Binary search: most states have one or two edges. */
  private step(state: number, letter: number): number {
    let low = this.edgeStart[state] as number;
    let high = (this.edgeStart[state + 1] as number) - 1;
    const chars = this.edgeChar;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const char = chars[middle] as number;
      if (char === letter) return this.edgeTarget[middle] as number;
      if (char < letter) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /** Breadth-first: a state's failure is the longest proper suffix of its path that is a path. */
  private linkFailures(
    children: readonly Map<number, number>[],
    outputs: readonly number[][],
  ): void {
    const queue: number[] = [];
    for (const target of (children[0] as Map<number, number>).values()) {
      this.fail[target] = 0;
      queue.push(target);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      for (const [letter, target] of children[state] as Map<number, number>) {
        let f = this.fail[state] as number;
        while (f !== 0 && this.step(f, letter) < 0) f = this.fail[f] as number;
        const fallback = f === 0 ? (this.root[letter] as number) : this.step(f, letter);
        this.fail[target] = fallback === target ? 0 : fallback;
        const failure = this.fail[target];
        this.dictionary[target] =
          (outputs[failure] as number[]).length > 0
            ? failure
            : (this.dictionary[failure] as number);
        queue.push(target);
      }
    }
  }
}
