// Aho-Corasick benchmark: the automaton built from every literal of the SigmaHQ Windows rules,
// scanning the CommandLine and Image values of the OTRF recordings, beside the floor measured in
// the same run on the same strings (a loop that only reads every character code), for each table
// layout (sparse below the root, the default dense budget, fully dense) and with case folding.
//
//   npm run bench:ac [-- --mb 30]
//
// Needs ../shared/data (SigmaHQ rules and OTRF events) and says so when it is absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import {
  AhoCorasick,
  type AhoCorasickOptions,
  type Pattern,
} from '../src/detect/sigma/prefilter/aho-corasick.ts';
import { readLines, shared, walk } from '../test/support/data.ts';

const args = process.argv.slice(2);
/** Characters scanned per measurement, in millions (the values are repeated to reach it). */
const targetMillions = Number(args[args.indexOf('--mb') + 1] ?? '') || 30;

const sigma = shared('sigma');
const otrf = shared('windows', 'otrf');
if (!existsSync(sigma) || !existsSync(otrf)) {
  console.log(`bench:ac needs the shared data (${sigma}, ${otrf}); not found, nothing measured`);
  process.exit(0);
}

/** Every string under a rule's detection (not its condition), lowercased, split at `*`. */
function literals(detection: unknown, into: string[]): void {
  if (typeof detection === 'string') {
    for (const piece of detection.toLowerCase().split('*')) if (piece !== '') into.push(piece);
  } else if (Array.isArray(detection)) {
    for (const item of detection as unknown[]) literals(item, into);
  } else if (typeof detection === 'object' && detection !== null) {
    for (const [key, value] of Object.entries(detection))
      if (key !== 'condition') literals(value, into);
  }
}

const patterns: Pattern[] = [];
let rules = 0;
for (const dir of readdirSync(sigma).filter((name) => name.startsWith('rules'))) {
  for (const file of walk(`${sigma}/${dir}`).filter((path) => path.endsWith('.yml'))) {
    const rule = parse(readFileSync(file, 'utf8')) as {
      logsource?: { product?: string };
      detection?: unknown;
    } | null;
    if (rule?.logsource?.product?.toLowerCase() !== 'windows') continue;
    const found: string[] = [];
    literals(rule.detection, found);
    for (const text of found) patterns.push({ text, id: rules });
    rules++;
  }
}

const values: string[] = [];
for (const name of readdirSync(otrf).filter((n) => n.endsWith('.json') && n !== 'otrf-index.json'))
  for (const line of readLines(`${otrf}/${name}`)) {
    const record = JSON.parse(line) as Record<string, unknown>;
    for (const key of ['CommandLine', 'Image'])
      if (typeof record[key] === 'string') values.push(record[key]);
  }
const lowered = values.map((value) => value.toLowerCase());
const characters = values.reduce((sum, value) => sum + value.length, 0);
const repeats = Math.max(1, Math.ceil((targetMillions * 1e6) / characters));

function floorPass(): number {
  let sum = 0;
  for (let r = 0; r < repeats; r++)
    for (const value of lowered) for (let i = 0; i < value.length; i++) sum += value.charCodeAt(i);
  return sum;
}

function scanAll(automaton: AhoCorasick, texts: readonly string[], lower: boolean): number {
  let hits = 0;
  const count = (): void => {
    hits++;
  };
  for (let r = 0; r < repeats; r++)
    for (const text of texts) automaton.scan(lower ? text.toLowerCase() : text, count);
  return hits;
}

interface Built {
  automaton: AhoCorasick;
  ms: number;
  mib: number;
}

function built(set: readonly Pattern[], options: AhoCorasickOptions): Built {
  global.gc?.();
  const before = process.memoryUsage();
  const started = performance.now();
  const automaton = new AhoCorasick(set, options);
  const ms = performance.now() - started;
  global.gc?.();
  const after = process.memoryUsage();
  // Typed arrays live in ArrayBuffers, outside the heap whose garbage would blur the figure.
  const bytes = after.arrayBuffers - before.arrayBuffers;
  return { automaton, ms, mib: bytes / 1048576 };
}

// Many rules share a literal (`.exe`, `\\windows\\`): with rule ids, one occurrence reports
// hundreds of ids, and those reports, not the walk, dominate. One id per distinct literal (a
// caller then expands literals to rules once per scan) shows the automaton itself.
const byText = new Map<string, number>();
const distinct = patterns.map(({ text }) => {
  let id = byText.get(text);
  if (id === undefined) byText.set(text, (id = byText.size));
  return { text, id };
});
const layouts = [
  ['rule ids, default', patterns, {}, lowered, false],
  ['sparse', distinct, { denseBytes: 0 }, lowered, false],
  ['default (1 MiB)', distinct, {}, lowered, false],
  ['4 MiB', distinct, { denseBytes: 4 << 20 }, lowered, false],
  ['16 MiB', distinct, { denseBytes: 16 << 20 }, lowered, false],
  ['dense', distinct, { denseBytes: 1 << 30 }, lowered, false],
  ['default+fold', distinct, { caseFold: true }, values, false],
  ['default+lower', distinct, {}, values, true],
] as const;
const automata = layouts.map(([, set, options]) => built(set, options));

// Rounds alternate every measurement: the machines are shared, and the best of five rounds is
// the least disturbed run of each.
const best = new Array<number>(layouts.length + 1).fill(Infinity);
const matches = new Array<number>(layouts.length).fill(0);
for (let round = 0; round < 5; round++) {
  let started = performance.now();
  if (floorPass() < 0) console.log('unreachable'); // keeps the floor's work observable
  best[0] = Math.min(best[0] ?? Infinity, (performance.now() - started) / 1000);
  layouts.forEach(([, , , texts, lower], index) => {
    started = performance.now();
    matches[index] = scanAll((automata[index] as Built).automaton, texts, lower);
    best[index + 1] = Math.min(best[index + 1] ?? Infinity, (performance.now() - started) / 1000);
  });
}
const floor = best[0] ?? 1;

const mb = (s: number): string => ((characters * repeats) / 1e6 / s).toFixed(0).padStart(6);
const perValue = (s: number): string =>
  `${((values.length * repeats) / s / 1e6).toFixed(2)}M`.padStart(7);
const ofFloor = (s: number): string => `${((floor / s) * 100).toFixed(0)}%`.padStart(5);

console.log(
  `\nAho-Corasick benchmark (node ${process.version}; best of 5 interleaved rounds, one core)\n`,
);
console.log(
  `patterns: ${patterns.length.toLocaleString('en')} literals of ${rules} SigmaHQ Windows rules (${new Set(patterns.map((p) => p.text)).size.toLocaleString('en')} distinct)`,
);
console.log(
  `text: ${values.length.toLocaleString('en')} OTRF CommandLine/Image values, ${(characters / 1e6).toFixed(1)}M chars, x${repeats}`,
);
console.log(`floor (read every char code): ${mb(floor)} MB/s ${perValue(floor)} values/s\n`);
console.log(
  'layout                states   dense  build ms   MiB   MB/s  values/s  of floor    matches',
);
const rows: Record<string, unknown>[] = [];
layouts.forEach(([name, set], index) => {
  const { automaton, ms, mib } = automata[index] as Built;
  const seconds = best[index + 1] ?? 1;
  console.log(
    `${name.padEnd(19)} ${String(automaton.stateCount).padStart(8)} ${String(automaton.denseStates).padStart(7)} ${ms.toFixed(0).padStart(9)} ${mib.toFixed(1).padStart(5)} ${mb(seconds)} ${perValue(seconds)} ${ofFloor(seconds).padStart(9)} ${String(matches[index]).padStart(10)}`,
  );
  rows.push({
    name,
    patterns: set.length,
    states: automaton.stateCount,
    dense: automaton.denseStates,
    ms,
    mib,
    seconds,
  });
});
console.log('\nrule ids: one id per rule, as the engine passes them; the rest: one id per literal');
console.log('sparse:  a dense row for the root only; other states binary-search their children');
console.log('default: dense rows while they fit the budget (breadth-first: the shallow states)');
console.log('dense:   a full DFA table over the ASCII letters');
console.log(
  '+fold:   the original mixed-case values, case folded by the alphabet (no toLowerCase)',
);
console.log('+lower:  the original values, lowercased per value before the scan');
console.log(JSON.stringify({ benchmark: 'aho-corasick', floorSeconds: floor, rows }));
