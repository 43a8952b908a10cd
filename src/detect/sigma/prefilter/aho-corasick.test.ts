// Aho-Corasick against the obvious search (indexOf for every pattern), on random alphabets small
// enough to force overlaps, suffixes of suffixes and repeated patterns, in every table layout
// (root-only dense row, partly dense, fully dense), with and without case folding.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AhoCorasick, type AhoCorasickOptions, type Pattern } from './aho-corasick.ts';

/** Deterministic generator (mulberry32) so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random string of `letters` (an array, so that a surrogate pair stays one letter). */
function word(next: () => number, letters: readonly string[], min: number, max: number): string {
  let out = '';
  const length = min + Math.floor(next() * (max - min + 1));
  for (let i = 0; i < length; i++) out += letters[Math.floor(next() * letters.length)] ?? '';
  return out;
}

/** Occurrence counts per id, the slow obvious way; one pattern given twice counts once. */
function naive(patterns: readonly Pattern[], text: string): Map<number, number> {
  const counts = new Map<number, number>();
  const seen = new Set<string>();
  for (const { text: p, id } of patterns) {
    if (p === '' || seen.has(`${id}\u0000${p}`)) continue;
    seen.add(`${id}\u0000${p}`);
    for (let at = text.indexOf(p); at !== -1; at = text.indexOf(p, at + 1))
      counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

function scanned(automaton: AhoCorasick, text: string): Map<number, number> {
  const counts = new Map<number, number>();
  automaton.scan(text, (id) => counts.set(id, (counts.get(id) ?? 0) + 1));
  return counts;
}

const ALPHABETS: readonly (readonly string[])[] = [
  ['a', 'b'],
  ['a', 'b', 'c', '\\', '-'],
  ['a', 'é', '日', '\u2013', 'x'],
  ['a', '😀', '😁', 'b'],
];
/** Root row only, a handful of dense rows, the default budget, everything dense. */
const LAYOUTS: readonly AhoCorasickOptions[] = [
  { denseBytes: 0 },
  { denseBytes: 256 },
  {},
  { denseBytes: 1 << 30 },
];

test('finds exactly the occurrences indexOf finds, over 600 random pattern sets and 4 layouts', () => {
  for (let seed = 1; seed <= 600; seed++) {
    const next = random(seed);
    const letters = ALPHABETS[seed % ALPHABETS.length] ?? [];
    const patterns: Pattern[] = [];
    const count = 1 + Math.floor(next() * 60);
    // Shared ids model one rule contributing several literals.
    for (let i = 0; i < count; i++)
      patterns.push({ text: word(next, letters, 1, 7), id: Math.floor(next() * 12) });
    // Repeats and suffixes of existing patterns.
    for (const { text, id } of patterns.slice(0, 5)) {
      patterns.push({ text, id: next() < 0.5 ? id : id + 1 });
      patterns.push({ text: text.slice(Math.floor(text.length / 2)), id: 20 });
    }
    const automata = LAYOUTS.map((layout) => new AhoCorasick(patterns, layout));
    for (let t = 0; t < 6; t++) {
      const text = word(next, [...letters, 'z', 'Q'], 0, 300);
      const expected = naive(patterns, text);
      for (const [index, automaton] of automata.entries())
        assert.deepEqual(
          scanned(automaton, text),
          expected,
          `seed ${seed}, layout ${index}: ${JSON.stringify(patterns)} in ${JSON.stringify(text)}`,
        );
    }
  }
});

test('case folding matches what lowercasing the text first would, ASCII or not', () => {
  const letters = ['a', 'B', 'c', 'É', 'é', 'K', '\u212a' /* Kelvin sign, lowercases to k */, 'k'];
  for (let seed = 1; seed <= 300; seed++) {
    const next = random(seed);
    const patterns: Pattern[] = [];
    for (let i = 0; i < 1 + Math.floor(next() * 30); i++)
      patterns.push({ text: word(next, letters, 1, 5).toLowerCase(), id: i % 7 });
    const layout = LAYOUTS[seed % LAYOUTS.length] ?? {};
    const folded = new AhoCorasick(patterns, { ...layout, caseFold: true });
    const plain = new AhoCorasick(patterns, layout);
    for (let t = 0; t < 5; t++) {
      const text = word(next, [...letters, 'Z'], 0, 120);
      assert.deepEqual(scanned(folded, text), scanned(plain, text.toLowerCase()), `seed ${seed}`);
      assert.deepEqual(scanned(folded, text), naive(patterns, text.toLowerCase()), `seed ${seed}`);
    }
  }
});

test('patterns that are suffixes and prefixes of each other all report', () => {
  const automaton = new AhoCorasick([
    { text: 'he', id: 1 },
    { text: 'she', id: 2 },
    { text: 'his', id: 3 },
    { text: 'hers', id: 4 },
    { text: 'e', id: 5 },
  ]);
  assert.deepEqual(
    [...scanned(automaton, 'ushers')].sort((a, b) => a[0] - b[0]),
    [
      [1, 1],
      [2, 1],
      [4, 1],
      [5, 1],
    ],
  );
});

test('empty patterns are ignored; one-character patterns match; unknown characters reset', () => {
  const automaton = new AhoCorasick([
    { text: '', id: 1 },
    { text: 'ab', id: 2 },
    { text: 'x', id: 3 },
  ]);
  assert.equal(automaton.patternCount, 2);
  assert.deepEqual(
    scanned(automaton, 'a\u0000b ab xx'),
    new Map([
      [2, 1],
      [3, 2],
    ]),
  );
  assert.deepEqual(scanned(new AhoCorasick([]), 'anything'), new Map());
  assert.deepEqual(scanned(new AhoCorasick([{ text: '', id: 0 }]), ''), new Map());
});

test('50,000 literals of about 15 characters: every layout agrees, state count is the trie size', () => {
  const next = random(42);
  const letters = Array.from('abcdefghijklmnopqrstuvwxyz0123456789\\.-_ :/');
  const patterns: Pattern[] = [];
  for (let i = 0; i < 50_000; i++)
    patterns.push({ text: word(next, letters, 8, 22), id: i % 3000 });
  const sparse = new AhoCorasick(patterns, { denseBytes: 0 });
  const hybrid = new AhoCorasick(patterns);
  assert.ok(hybrid.denseStates > 1 && hybrid.denseStates < hybrid.stateCount);
  assert.equal(sparse.stateCount, hybrid.stateCount);
  // Random patterns share little beyond their first characters: about one state per character.
  const characters = patterns.reduce((sum, p) => sum + p.text.length, 0);
  assert.ok(hybrid.stateCount > characters * 0.8 && hybrid.stateCount <= characters + 1);
  for (let t = 0; t < 20; t++) {
    const pick = patterns[Math.floor(next() * patterns.length)]?.text ?? '';
    const text = `${word(next, letters, 0, 200)}${pick}${word(next, letters, 0, 200)}`;
    const expected = scanned(sparse, text);
    assert.ok(expected.size > 0);
    assert.deepEqual(scanned(hybrid, text), expected);
  }
});
