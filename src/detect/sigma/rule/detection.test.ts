// Detection sections as the model holds them: the forms a search takes, modifiers split from
// fields, values typed as YAML wrote them with their own positions, condition lists, and the
// problems a malformed search produces (each at its line and column).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadRuleText } from './load.ts';
import type { Detection, DetectionItem, Search } from './model.ts';

const HEAD = `title: T
id: 00000000-0000-4000-8000-000000000000
logsource:
  product: windows
detection:
`;
/** Lines of HEAD, so that a detection's first line is line 6. */
const FIRST = 6;

function detection(body: string): Detection {
  const result = loadRuleText(HEAD + body, 'rule.yml');
  assert.deepEqual(result.issues, []);
  const [rule] = result.documents;
  assert.ok(rule?.kind === 'detection');
  return rule.detection;
}

function search(body: string, name = 'selection'): Search {
  const found = detection(body).searches[name];
  assert.ok(found !== undefined, name);
  return found;
}

/** `line:column reason` of every issue, the detection starting at line FIRST. */
function issues(body: string): string[] {
  const result = loadRuleText(HEAD + body, 'rule.yml');
  assert.equal(result.documents.length, 0, 'a document with issues is not returned');
  return result.issues.map((i) => `${String(i.at.line)}:${String(i.at.column)} ${i.reason}`);
}

const plain = (item: DetectionItem): unknown => ({
  field: item.field,
  modifiers: item.modifiers,
  values: item.values.map((v) => v.value),
});

test('a map ANDs its items; keys split into field and modifiers in written order', () => {
  const found = search(`  selection:
    Image|endswith: '\\cmd.exe'
    CommandLine|contains|all: ['/c', 'whoami']
    EventID: 1
  condition: selection
`);
  assert.equal(found.kind, 'maps');
  assert.ok(found.kind === 'maps');
  assert.equal(found.alternatives.length, 1);
  assert.deepEqual(found.alternatives[0]?.map(plain), [
    { field: 'Image', modifiers: ['endswith'], values: ['\\cmd.exe'] },
    { field: 'CommandLine', modifiers: ['contains', 'all'], values: ['/c', 'whoami'] },
    { field: 'EventID', modifiers: [], values: [1] },
  ]);
  assert.deepEqual(found.at, { file: 'rule.yml', line: FIRST, column: 3 });
  assert.deepEqual(found.alternatives[0]?.[1]?.at, {
    file: 'rule.yml',
    line: FIRST + 2,
    column: 5,
  });
  assert.deepEqual(
    found.alternatives[0]?.[1]?.values.map((v) => [v.at.line, v.at.column]),
    [
      [FIRST + 2, 32],
      [FIRST + 2, 38],
    ],
  );
});

test('a list of maps ORs the maps', () => {
  const found = search(`  selection:
    - Image|endswith: '\\a.exe'
    - Image|endswith: '\\b.exe'
      User: SYSTEM
  condition: selection
`);
  assert.ok(found.kind === 'maps');
  assert.deepEqual(
    found.alternatives.map((items) => items.map(plain)),
    [
      [{ field: 'Image', modifiers: ['endswith'], values: ['\\a.exe'] }],
      [
        { field: 'Image', modifiers: ['endswith'], values: ['\\b.exe'] },
        { field: 'User', modifiers: [], values: ['SYSTEM'] },
      ],
    ],
  );
});

test('keywords: a list of scalars, one scalar, or the |all key', () => {
  const body = `  keywords:
    - 'Failed password'
    - 4625
  one: segfault
  every:
    '|all':
      - sshd
      - root
  condition: 1 of them
`;
  const { searches } = detection(body);
  const shape = (s: Search | undefined): unknown =>
    s?.kind === 'keywords' ? plain(s.item) : s?.kind;
  assert.deepEqual(shape(searches.keywords), {
    field: null,
    modifiers: [],
    values: ['Failed password', 4625],
  });
  assert.deepEqual(shape(searches.one), { field: null, modifiers: [], values: ['segfault'] });
  assert.deepEqual(shape(searches.every), {
    field: null,
    modifiers: ['all'],
    values: ['sshd', 'root'],
  });
});

test('a |modifier key inside a map with fields is a keyword item of that map', () => {
  const found = search(`  selection:
    '|contains': evil
    User: bob
  condition: selection
`);
  assert.ok(found.kind === 'maps');
  assert.deepEqual(found.alternatives[0]?.map(plain), [
    { field: null, modifiers: ['contains'], values: ['evil'] },
    { field: 'User', modifiers: [], values: ['bob'] },
  ]);
});

test('values keep their YAML types; numbers only when they read back as written', () => {
  const found = search(`  selection:
    A: 4688
    B: '4688'
    C: -1.5
    D: 00000429
    E: 0x1F
    F: 1.10
    G: 12345678901234567890
    H: true
    I: ~
    J: null
    K: ''
    L:
    M: 2024-01-31
  condition: selection
`);
  assert.ok(found.kind === 'maps');
  const values = Object.fromEntries(
    (found.alternatives[0] ?? []).map((item) => [
      item.field ?? '',
      item.values.map((v) => v.value),
    ]),
  );
  assert.deepEqual(values, {
    A: [4688],
    B: ['4688'],
    C: [-1.5],
    D: ['00000429'],
    E: ['0x1F'],
    F: ['1.10'],
    G: ['12345678901234567890'],
    H: [true],
    I: [null],
    J: [null],
    K: [''],
    L: [null],
    M: ['2024-01-31'],
  });
  const empty = found.alternatives[0]?.find((item) => item.field === 'L');
  assert.deepEqual(empty?.values[0]?.at, empty?.at, 'an empty value points at its key');
});

test('anchors, aliases and merge keys read as if written out', () => {
  const { searches } = detection(`  selection_a: &base
    EventID: 4624
    LogonType: &types [3, 10]
  selection_b:
    <<: *base
    EventID: 4625
  selection_c:
    LogonType: *types
  condition: 1 of selection_*
`);
  const items = (name: string): unknown => {
    const s = searches[name];
    return s?.kind === 'maps' ? s.alternatives.map((alt) => alt.map(plain)) : undefined;
  };
  assert.deepEqual(items('selection_b'), [
    [
      { field: 'LogonType', modifiers: [], values: [3, 10] },
      { field: 'EventID', modifiers: [], values: [4625] },
    ],
  ]);
  assert.deepEqual(items('selection_c'), [
    [{ field: 'LogonType', modifiers: [], values: [3, 10] }],
  ]);
});

test('a list of conditions is OR-ed, each kept as written', () => {
  const found = detection(`  a: x
  b: y
  condition:
    - a
    - not b
`);
  assert.deepEqual(found.conditionText, ['a', 'not b']);
  assert.deepEqual(found.condition, {
    type: 'or',
    children: [
      { type: 'ref', name: 'a' },
      { type: 'not', child: { type: 'ref', name: 'b' } },
    ],
  });
});

test('condition problems point at the token, inside quotes and in lists too', () => {
  assert.deepEqual(issues(`  a: x\n  condition: 'a and b'\n`), [
    `${FIRST + 1}:21 unknown-identifier`,
  ]);
  assert.deepEqual(issues(`  a: x\n  condition:\n    - a\n    - a or (b\n`), [
    `${FIRST + 3}:13 unknown-identifier`,
    `${FIRST + 3}:14 condition-syntax`,
  ]);
  assert.deepEqual(issues(`  a: x\n  condition: [a, {b: c}]\n`), [`${FIRST + 1}:18 bad-condition`]);
});

test('malformed searches: each problem reported, at its own line', () => {
  assert.deepEqual(
    issues(`  a:
    Image:
      - x
      - [y]
  b:
    - Image: x
    - plain
  c:
    Image: []
  d: {}
  e:
    'Image||contains': x
  condition: a or b or c or d or e
`),
    [
      `${FIRST + 3}:9 nested-value`,
      `${FIRST + 6}:7 mixed-search`,
      `${FIRST + 8}:12 empty-values`,
      `${FIRST + 9}:6 empty-search`,
      `${FIRST + 11}:5 bad-modifier`,
    ],
  );
});

test('null alone is a selection; null among other values is not', () => {
  assert.deepEqual(issues(`  a:\n    Image: [x, ~, null]\n  condition: a\n`), [
    `${FIRST + 1}:16 null-in-list`,
    `${FIRST + 1}:19 null-in-list`,
  ]);
  assert.deepEqual(search(`  selection:\n    Image: [~]\n  condition: selection\n`).kind, 'maps');
});

test('v1 leftovers are rejected: timeframe, aggregations', () => {
  assert.deepEqual(issues(`  a: x\n  timeframe: 1h\n  condition: a | count() > 3\n`), [
    `${FIRST + 1}:3 legacy-aggregation`,
    `${FIRST + 2}:16 legacy-aggregation`,
  ]);
});

test('a detection that is not a map, or has no condition', () => {
  assert.deepEqual(issues(`  - a\n`), [`${FIRST}:3 bad-detection`]);
  assert.deepEqual(issues(`  a: x\n`), [`${FIRST - 1}:1 missing-condition`]);
  assert.deepEqual(issues(`  a: x\n  condition:\n`), [`${FIRST - 1}:1 missing-condition`]);
  assert.deepEqual(issues(`  a: x\n  condition: []\n`), [`${FIRST + 1}:3 missing-condition`]);
});
