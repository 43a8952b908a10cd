// The condition grammar (sigma.md §1.3): precedence, case-insensitive keywords, `x of` patterns
// resolved against the identifiers, and problems reported at the offending token's offset.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchPattern, parseCondition, type ConditionProblem } from './condition.ts';
import type { ConditionNode } from './model.ts';

const IDS = ['selection', 'selection_img', 'selection_cli', 'filter_main', 'filter_opt', '_aux'];

function tree(text: string, identifiers: readonly string[] = IDS): ConditionNode {
  const { node, problems } = parseCondition(text, identifiers);
  assert.deepEqual(problems, [], text);
  assert.ok(node !== undefined);
  return node;
}

function problems(text: string, identifiers: readonly string[] = IDS): [number, string][] {
  const parsed = parseCondition(text, identifiers);
  assert.equal(parsed.node, undefined, 'no tree when there are problems');
  return parsed.problems.map((p: ConditionProblem) => [p.offset, p.reason]);
}

const ref = (name: string): ConditionNode => ({ type: 'ref', name });

test('precedence: or < and < not, left to right, flattened chains', () => {
  assert.deepEqual(tree('selection or selection_img and not filter_main'), {
    type: 'or',
    children: [
      ref('selection'),
      { type: 'and', children: [ref('selection_img'), { type: 'not', child: ref('filter_main') }] },
    ],
  });
  assert.deepEqual(tree('selection and selection_img and selection_cli'), {
    type: 'and',
    children: [ref('selection'), ref('selection_img'), ref('selection_cli')],
  });
  assert.deepEqual(tree('not not selection'), {
    type: 'not',
    child: { type: 'not', child: ref('selection') },
  });
});

test('parentheses override precedence and may nest', () => {
  assert.deepEqual(tree('(selection or selection_img) and not (filter_main or (filter_opt))'), {
    type: 'and',
    children: [
      { type: 'or', children: [ref('selection'), ref('selection_img')] },
      { type: 'not', child: { type: 'or', children: [ref('filter_main'), ref('filter_opt')] } },
    ],
  });
});

test('keywords are case-insensitive', () => {
  assert.deepEqual(
    tree('selection AND NOT 1 Of filter_* Or All OF Them'),
    tree('selection and not 1 of filter_* or all of them'),
  );
});

test('x of: 1/any are "any", patterns resolve to sorted names, them skips _ names', () => {
  assert.deepEqual(tree('1 of selection_*'), {
    type: 'of',
    quantifier: 'any',
    pattern: 'selection_*',
    names: ['selection_cli', 'selection_img'],
  });
  assert.deepEqual(tree('any of selection*'), {
    type: 'of',
    quantifier: 'any',
    pattern: 'selection*',
    names: ['selection', 'selection_cli', 'selection_img'],
  });
  assert.deepEqual(tree('all of them'), {
    type: 'of',
    quantifier: 'all',
    pattern: 'them',
    names: ['filter_main', 'filter_opt', 'selection', 'selection_cli', 'selection_img'],
  });
  assert.deepEqual(tree('not 1 of *_main'), {
    type: 'not',
    child: { type: 'of', quantifier: 'any', pattern: '*_main', names: ['filter_main'] },
  });
  assert.deepEqual(tree('1 of _*').type === 'of' && tree('1 of _*'), {
    type: 'of',
    quantifier: 'any',
    pattern: '_*',
    names: ['_aux'],
  });
});

test('x of binds tighter than not and and', () => {
  assert.deepEqual(tree('not 1 of filter_* and selection'), {
    type: 'and',
    children: [
      {
        type: 'not',
        child: {
          type: 'of',
          quantifier: 'any',
          pattern: 'filter_*',
          names: ['filter_main', 'filter_opt'],
        },
      },
      ref('selection'),
    ],
  });
});

test('patterns match any characters, including those a condition cannot spell', () => {
  assert.deepEqual(matchPattern('select*', ['select_a|endswith', 'select.b', 'other']), [
    'select.b',
    'select_a|endswith',
  ]);
  assert.deepEqual(
    matchPattern('a.b*', ['a.bc', 'axbc']),
    ['a.bc'],
    'regex characters are literal',
  );
});

test('unknown identifiers and empty patterns are all reported, at their offsets', () => {
  assert.deepEqual(problems('selection and not filter or 1 of nothing_* or other'), [
    [18, 'unknown-identifier'],
    [33, 'pattern-matches-nothing'],
    [46, 'unknown-identifier'],
  ]);
  assert.deepEqual(problems('all of them', ['_only']), [[7, 'pattern-matches-nothing']]);
});

test('syntax problems point at the offending token', () => {
  const cases: [string, number][] = [
    ['', 0],
    ['   ', 0],
    ['selection and', 13],
    ['selection selection_img', 10],
    ['(selection', 10],
    ['selection)', 9],
    ['not', 3],
    ['and selection', 0],
    ['1 of', 4],
    ['1 of (selection)', 5],
    ['2 of selection*', 0],
    ['all selection', 0],
    ['selection*', 0],
    ['selection & filter_main', 10],
    ['selection == 1', 10],
  ];
  for (const [text, offset] of cases) {
    assert.deepEqual(problems(text), [[offset, 'condition-syntax']], JSON.stringify(text));
  }
});

test('legacy aggregations and near are rejected with a pointer to correlations', () => {
  for (const [text, offset] of [
    ['selection | count() by User > 5', 10],
    ['selection | near filter_main', 10],
    ['selection near filter_main', 10],
  ] as const) {
    const parsed = parseCondition(text, IDS);
    assert.deepEqual(
      parsed.problems.map((p) => [p.offset, p.reason]),
      [[offset, 'legacy-aggregation']],
      text,
    );
    assert.match(parsed.problems[0]?.message ?? '', /Sigma v2 replaced .* correlation rules/);
  }
});

test('an identifier that looks like a keyword is still an identifier when the rule defines it', () => {
  assert.deepEqual(tree('near and all', ['near', 'all']), {
    type: 'and',
    children: [ref('near'), ref('all')],
  });
  assert.deepEqual(tree('sel-1 or 1', ['sel-1', '1']), {
    type: 'or',
    children: [ref('sel-1'), ref('1')],
  });
});
