import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Comparison, ComparisonGroup, Pattern } from './ast.ts';
import { parsePattern, type ParseResult } from './parser.ts';
import { printPattern } from './print.ts';

function parse(text: string): Pattern {
  const result = parsePattern(text);
  if (!result.ok) assert.fail(`${text}: ${result.error} at column ${result.column}`);
  return result.pattern;
}

function comparisonOf(text: string): Comparison {
  const pattern = parse(text);
  assert.equal(pattern.kind, 'observation');
  if (pattern.kind !== 'observation') throw new Error('unreachable');
  assert.equal(pattern.comparison.kind, 'comparison');
  return pattern.comparison;
}

function failure(text: string): Extract<ParseResult, { ok: false }> {
  const result = parsePattern(text);
  if (result.ok) assert.fail(`${text} parsed, but must not`);
  return result;
}

test('every comparison operator parses with its literal', () => {
  const cases: [string, string][] = [
    ["[file:name = 'a']", '='],
    ["[file:name != 'a']", '!='],
    ["[file:name <> 'a']", '!='],
    ['[file:size > 10]', '>'],
    ['[file:size < 10]', '<'],
    ['[file:size >= 10]', '>='],
    ['[file:size <= 10]', '<='],
    ["[file:name IN ('a', 'b')]", 'IN'],
    ["[file:name LIKE 'a%']", 'LIKE'],
    ["[file:name MATCHES '^a']", 'MATCHES'],
    ["[ipv4-addr:value ISSUBSET '10.0.0.0/8']", 'ISSUBSET'],
    ["[ipv4-addr:value ISSUPERSET '10.0.0.1']", 'ISSUPERSET'],
  ];
  for (const [text, operator] of cases) assert.equal(comparisonOf(text).operator, operator, text);
  assert.deepEqual(comparisonOf("[file:name IN ('a', 'b')]").value, [
    { type: 'string', value: 'a' },
    { type: 'string', value: 'b' },
  ]);
});

test('NOT negates the operator; NOT EXISTS and EXISTS test presence', () => {
  const negated = comparisonOf("[file:name NOT LIKE '%.exe']");
  assert.equal(negated.negated, true);
  const pattern = parse('[NOT EXISTS file:name AND EXISTS file:hashes.MD5]');
  assert.equal(pattern.kind, 'observation');
  if (pattern.kind !== 'observation') return;
  const expression = pattern.comparison as ComparisonGroup;
  assert.deepEqual(
    expression.operands.map((operand) => operand.kind === 'exists' && operand.negated),
    [true, false],
  );
});

test('object paths: quoted keys, refs, list steps', () => {
  assert.deepEqual(comparisonOf("[file:hashes.'SHA-256' = 'x']").path, {
    objectType: 'file',
    steps: [{ key: 'hashes' }, { key: 'SHA-256' }],
  });
  assert.deepEqual(
    comparisonOf("[email-message:body_multipart[*].body_raw_ref.name = 'x']").path.steps,
    [{ key: 'body_multipart' }, { index: '*' }, { key: 'body_raw_ref' }, { key: 'name' }],
  );
  assert.deepEqual(comparisonOf("[domain-name:resolves_to_refs[0].value = 'x']").path.steps, [
    { key: 'resolves_to_refs' },
    { index: 0 },
    { key: 'value' },
  ]);
  assert.equal(
    comparisonOf("[windows-registry-key:key = 'HKLM\\\\Run']").path.objectType,
    'windows-registry-key',
  );
});

test('AND binds tighter than OR, in comparisons and in observations', () => {
  assert.equal(
    printPattern(parse("[a:b = '1' OR a:c = '2' AND a:d = '3']")),
    "[a:b = '1' OR a:c = '2' AND a:d = '3']",
  );
  const comparisons = parse("[a:b = '1' OR a:c = '2' AND a:d = '3']");
  assert.equal(comparisons.kind === 'observation' && comparisons.comparison.kind, 'OR');
  const observations = parse("[a:b = '1'] OR [a:c = '2'] AND [a:d = '3'] FOLLOWEDBY [a:e = '4']");
  assert.equal(observations.kind === 'observations' && observations.operator, 'FOLLOWEDBY');
  assert.equal(
    printPattern(parse("([a:b = '1'] OR [a:c = '2']) AND [a:d = '3']")),
    "([a:b = '1'] OR [a:c = '2']) AND [a:d = '3']",
  );
  assert.equal(
    printPattern(parse("[(a:b = '1' OR a:c = '2') AND a:d = '3']")),
    "[(a:b = '1' OR a:c = '2') AND a:d = '3']",
  );
});

test('qualifiers attach to the observation before them', () => {
  const within = parse("[a:b = '1'] WITHIN 300 SECONDS");
  assert.deepEqual(within.kind === 'qualified' && within.qualifier, {
    kind: 'WITHIN',
    seconds: 300,
  });
  const repeats = parse("[a:b = '1'] REPEATS 5 TIMES");
  assert.deepEqual(repeats.kind === 'qualified' && repeats.qualifier, {
    kind: 'REPEATS',
    times: 5,
  });
  const window = parse("[a:b = '1'] START t'2024-01-01T00:00:00Z' STOP t'2024-01-02T00:00:00Z'");
  assert.deepEqual(window.kind === 'qualified' && window.qualifier, {
    kind: 'START',
    start: '2024-01-01T00:00:00Z',
    stop: '2024-01-02T00:00:00Z',
  });
  const chained = parse("([a:b = '1'] AND [a:c = '2']) WITHIN 2.5 SECONDS REPEATS 2 TIMES");
  assert.equal(chained.kind === 'qualified' && chained.qualifier.kind, 'REPEATS');
  assert.equal(
    chained.kind === 'qualified' &&
      chained.expression.kind === 'qualified' &&
      chained.expression.qualifier.kind,
    'WITHIN',
  );
  assert.equal(
    printPattern(chained),
    "([a:b = '1'] AND [a:c = '2']) WITHIN 2.5 SECONDS REPEATS 2 TIMES",
  );
});

test('printing is canonical and reparses to the same tree', () => {
  const text =
    "[ file:hashes.'MD5'=='ab'  AND file:name <> 'it\\'s' ]OR[url:value MATCHES '^https?://x']";
  const printed = printPattern(parse(text));
  assert.equal(
    printed,
    "[file:hashes.MD5 = 'ab' AND file:name != 'it\\'s'] OR [url:value MATCHES '^https?://x']",
  );
  assert.deepEqual(parse(printed), parse(text));
});

test('literals of every type', () => {
  assert.deepEqual(comparisonOf('[x:y = true]').value, { type: 'bool', value: true });
  assert.deepEqual(comparisonOf('[x:y = -2.5]').value, { type: 'float', value: -2.5 });
  assert.deepEqual(comparisonOf("[x:y = h'CAFE']").value, { type: 'hex', value: 'cafe' });
  assert.deepEqual(comparisonOf("[x:y = b'AAEC']").value, { type: 'binary', value: 'AAEC' });
  assert.deepEqual(comparisonOf("[x:y > t'2024-01-01T00:00:00Z']").value, {
    type: 'timestamp',
    value: '2024-01-01T00:00:00Z',
  });
});

test('errors say what was expected, at which column', () => {
  const missingBracket = failure("[file:name = 'a'");
  assert.match(missingBracket.error, /expected '\]'/);
  assert.equal(missingBracket.column, 17);
  const hyphenKey = failure("[file:hashes.SHA-256 = 'a']");
  assert.match(hyphenKey.error, /quote it/);
  assert.equal(hyphenKey.column, 14);
  const likeNumber = failure('[file:name LIKE 5]');
  assert.match(likeNumber.error, /LIKE needs a string literal/);
  assert.equal(likeNumber.column, 12);
  assert.equal(failure("[a:b = '1'] WITHIN -3 SECONDS").column, 20);
  assert.equal(failure("[a:b = '1'] REPEATS 2").column, 22);
  assert.equal(failure("[a:b = '1'] [a:c = '2']").column, 13);
  assert.match(failure('').error, /expected '\[' or '\('/);
});
