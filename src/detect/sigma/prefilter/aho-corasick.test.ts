// Aho-Corasick against the obvious search (indexOf for every pattern), on random alphabets small
// enough to force overlaps, suffixes of suffixes and repeated patterns.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AhoCorasick, type Pattern } from './aho-corasick.ts';

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

function word(next: () => number, letters: string, min: number, max: number): string {
  let out = '';
  const length = min + Math.floor(next() * (max - min + 1));
  for (let i = 0; i < length; i++) out += letters[Math.floor(next() * letters.length)] ?? '';
  return out;
}

/** Occurrence counts per id, the slow obvious way. */
function naive(patterns: readonly Pattern[], text: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const { text: p, id } of patterns) {
    if (p === '') continue;
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

test('finds exactly the occurrences indexOf finds, over 300 random pattern sets', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const next = random(seed);
    const letters = seed % 3 === 0 ? 'ab' : seed % 3 === 1 ? 'abc\\-' : 'aé日\u2013x';
    const patterns: Pattern[] = [];
    const count = 1 + Math.floor(next() * 40);
    // Shared ids model one rule contributing several literals.
    for (let i = 0; i < count; i++)
      patterns.push({ text: word(next, letters, 1, 6), id: Math.floor(next() * 10) });
    const automaton = new AhoCorasick(patterns);
    for (let t = 0; t < 5; t++) {
      const text = word(next, `${letters}zq`, 0, 200);
      assert.deepEqual(
        scanned(automaton, text),
        naive(patterns, text),
        `seed ${seed}: ${JSON.stringify(patterns)} in ${JSON.stringify(text)}`,
      );
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

test('empty patterns are ignored; characters outside every pattern reset the search', () => {
  const automaton = new AhoCorasick([
    { text: '', id: 1 },
    { text: 'ab', id: 2 },
  ]);
  assert.equal(automaton.patternCount, 1);
  assert.deepEqual(scanned(automaton, 'a\u0000b ab'), new Map([[2, 1]]));
  assert.deepEqual(scanned(new AhoCorasick([]), 'anything'), new Map());
});
