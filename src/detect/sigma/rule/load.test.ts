// Loading rule files from test/fixtures/sigma: the valid folder loads cleanly into documents of
// each kind, and each invalid file yields exactly the issues listed here, at their lines. Also
// the loader's own behaviour: walking, multi-document files, stable ids, set-wide checks.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { test } from 'node:test';
import { fixture } from '../../../../test/support/data.ts';
import { loadRules, loadRuleText } from './load.ts';
import { stableId } from './metadata.ts';
import type { LoadResult } from './model.ts';

const VALID = fixture('sigma', 'valid');
const INVALID = fixture('sigma', 'invalid');

/** `line reason` per issue, in the order reported. */
const reasons = (result: LoadResult): string[] =>
  result.issues.map((issue) => `${String(issue.at.line)} ${issue.reason}`);

test('the valid fixtures load with no issues: every kind, in file order', () => {
  const result = loadRules([VALID]);
  assert.deepEqual(result.issues, []);
  assert.equal(result.files, 5);
  assert.deepEqual(
    result.documents.map((d) => `${relative(VALID, d.at.file)}:${String(d.at.line)} ${d.kind}`),
    [
      'anchors.yml:1 detection',
      'correlation.yml:1 detection',
      'correlation.yml:13 detection',
      'correlation.yml:25 correlation',
      'correlation.yml:40 correlation',
      'correlation.yml:57 correlation',
      'detection.yml:1 detection',
      'filter.yml:1 filter',
      'filter.yml:15 filter',
      'keywords.yml:1 detection',
    ],
  );
});

test('metadata is read as written: dates as text, a single false positive as a list', () => {
  const rule = loadRules([join(VALID, 'detection.yml')]).documents[0];
  assert.ok(rule?.kind === 'detection');
  const { detection, at, ...meta } = rule;
  assert.deepEqual(Object.keys(detection.searches), [
    'selection_img',
    'selection_cli',
    'filter_main_parent',
    'filter_optional_empty',
    '_helper',
  ]);
  assert.equal(at.line, 1);
  assert.deepEqual(meta, {
    kind: 'detection',
    id: '6f3b2a10-0000-4000-8000-000000000001',
    name: 'encoded_powershell',
    title: 'Suspicious Encoded PowerShell',
    status: 'test',
    description: 'Hand-written fixture covering every detection form.\n',
    author: 'Chancery tests',
    date: '2024-01-31',
    modified: '2024/02/01',
    references: ['https://example.org/encoded-powershell'],
    tags: ['attack.execution', 'attack.t1059.001'],
    falsepositives: ['Administrative scripts'],
    level: 'high',
    logsource: { category: 'process_creation', product: 'windows' },
    fields: ['CommandLine', 'ParentImage'],
  });
});

test('filters: rule references, and `rules: any` meaning every rule', () => {
  const [named, any] = loadRules([VALID]).documents.filter((d) => d.kind === 'filter');
  assert.ok(named?.kind === 'filter' && any?.kind === 'filter');
  assert.deepEqual(named.rules, ['encoded_powershell', '6f3b2a10-0000-4000-8000-000000000001']);
  assert.deepEqual(Object.keys(named.detection.searches), ['selection']);
  assert.deepEqual(named.detection.condition, {
    type: 'not',
    child: { type: 'ref', name: 'selection' },
  });
  assert.deepEqual(any.rules, []);
  assert.deepEqual(any.logsource, { product: 'windows' });
});

test('a document without an id gets a stable UUID-like id from the path and its index', () => {
  const path = join(VALID, 'filter.yml');
  const untitled = (): string | undefined =>
    loadRules([VALID]).documents.find((d) => d.title === 'Exclude Backup Service Everywhere')?.id;
  const id = untitled();
  assert.equal(id, stableId(path, 1));
  assert.match(id ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.equal(untitled(), id, 'same path, same id');
  assert.notEqual(stableId(path, 0), id);
});

/** Each invalid fixture: the `line reason` pairs it must produce, and the documents it keeps. */
const INVALID_CASES: Record<string, { issues: string[]; kept: number }> = {
  'yaml-syntax.yml': { issues: ['8 yaml-syntax'], kept: 0 },
  'duplicate-key.yml': { issues: ['8 duplicate-key'], kept: 0 },
  'missing-title.yml': { issues: ['1 missing-title'], kept: 0 },
  'missing-detection.yml': { issues: ['1 missing-detection'], kept: 0 },
  'missing-condition.yml': { issues: ['5 missing-condition'], kept: 0 },
  'bad-logsource.yml': { issues: ['5 bad-logsource'], kept: 0 },
  'bad-level.yml': { issues: ['9 bad-level'], kept: 0 },
  'bad-status.yml': { issues: ['3 bad-status'], kept: 0 },
  'unknown-identifier.yml': { issues: ['8 unknown-identifier'], kept: 0 },
  'condition-syntax.yml': { issues: ['10 condition-syntax'], kept: 0 },
  'pattern-matches-nothing.yml': { issues: ['8 pattern-matches-nothing'], kept: 0 },
  'null-in-list.yml': { issues: ['9 null-in-list'], kept: 0 },
  'empty-search.yml': { issues: ['6 empty-search', '7 empty-search'], kept: 0 },
  'nested-value.yml': { issues: ['8 nested-value'], kept: 0 },
  'legacy-aggregation.yml': { issues: ['8 legacy-aggregation', '9 legacy-aggregation'], kept: 0 },
  'bad-correlation-type.yml': { issues: ['13 bad-correlation-type'], kept: 1 },
  'bad-timespan.yml': { issues: ['16 bad-timespan'], kept: 1 },
  'bad-correlation-condition.yml': { issues: ['17 bad-correlation-condition'], kept: 1 },
  'duplicate-id.yml': { issues: ['11 duplicate-id'], kept: 1 },
  'unknown-rule-reference.yml': { issues: ['6 unknown-rule-reference'], kept: 0 },
  'many-problems.yml': {
    issues: [
      '1 missing-title',
      '2 bad-status',
      '3 bad-logsource',
      '8 null-in-list',
      '9 pattern-matches-nothing',
      '9 unknown-identifier',
      '10 bad-level',
    ],
    kept: 0,
  },
};

for (const [name, expected] of Object.entries(INVALID_CASES)) {
  test(`invalid fixture ${name}: ${expected.issues.join(', ')}`, () => {
    const path = join(INVALID, name);
    const result = loadRules([path]);
    assert.deepEqual(reasons(result), expected.issues);
    assert.equal(result.documents.length, expected.kept, 'documents with issues are left out');
    for (const issue of result.issues) {
      assert.equal(issue.at.file, path);
      assert.ok((issue.at.column ?? 0) >= 1, 'every issue in a document has a column');
      assert.notEqual(issue.message, '');
    }
  });
}

test('every invalid fixture is listed above', () => {
  const result = loadRules([INVALID]);
  const files = new Set(result.issues.map((issue) => relative(INVALID, issue.at.file)));
  assert.deepEqual([...files].sort(), Object.keys(INVALID_CASES).sort());
  assert.equal(result.files, Object.keys(INVALID_CASES).length);
});

test('issues carry the rule id once it is known', () => {
  const result = loadRules([join(INVALID, 'bad-level.yml')]);
  assert.equal(result.issues[0]?.ruleId, '6f3b2a10-0000-4000-8000-000000000107');
  assert.match(result.issues[0]?.message ?? '', /'severe' is not one of/);
});

test('directories are walked for .yml/.yaml only, and a file is read once', () => {
  const result = loadRules([fixture('sigma'), join(VALID, 'detection.yml')]);
  assert.equal(result.files, 5 + Object.keys(INVALID_CASES).length, 'README.md is not a rule');
  const fromValid = result.issues.filter((issue) => issue.at.file.startsWith(VALID + sep));
  assert.deepEqual(fromValid, [], 'detection.yml, named twice, is not a duplicate of itself');
});

test('across files: duplicate ids and names, references resolved over the whole set', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chancery-sigma-'));
  try {
    const rule = (id: string, name: string): string =>
      `title: R\nid: ${id}\nname: ${name}\nlogsource: {product: x}\ndetection:\n  s: a\n  condition: s\n`;
    writeFileSync(join(dir, 'a.yml'), rule('id-1', 'one'));
    writeFileSync(join(dir, 'b.yaml'), rule('id-1', 'one'));
    writeFileSync(
      join(dir, 'c.yml'),
      'title: C\ncorrelation:\n  type: temporal\n  rules: [one, id-1, two]\n  timespan: 1m\n',
    );
    writeFileSync(join(dir, 'd.yml'), '# only a comment\n');
    writeFileSync(join(dir, 'notes.txt'), 'not a rule');
    const result = loadRules([dir, join(dir, 'missing.yml')]);
    assert.deepEqual(
      result.issues.map((i) => `${relative(dir, i.at.file)}:${String(i.at.line)} ${i.reason}`),
      [
        'missing.yml:1 path-not-found',
        'b.yaml:2 duplicate-id',
        'b.yaml:3 duplicate-name',
        'c.yml:4 unknown-rule-reference',
        'd.yml:1 empty-file',
      ],
    );
    assert.equal(result.files, 4);
    assert.deepEqual(
      result.documents.map((d) => relative(dir, d.at.file)),
      ['a.yml'],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('one broken document does not hide the others of its file', () => {
  const text = [
    'title: A\nlogsource: {product: x}\ndetection:\n  s: a\n  condition: s\n',
    'title: [broken\n',
    'title: C\nlogsource: {product: x}\ndetection:\n  s: c\n  condition: s\n',
    '',
  ].join('---\n');
  const result = loadRuleText(text, 'multi.yml');
  assert.deepEqual(
    result.documents.map((d) => d.title),
    ['A', 'C'],
  );
  assert.deepEqual(reasons(result), ['8 yaml-syntax']);
  assert.deepEqual(
    result.documents.map((d) => d.id),
    [stableId('multi.yml', 0), stableId('multi.yml', 2)],
  );
});

test('a document that is not a map; an empty id; a key that is not a scalar', () => {
  assert.deepEqual(reasons(loadRuleText('- just\n- a list\n', 'list.yml')), ['1 bad-document']);
  const rule = 'title: T\nlogsource: {product: x}\ndetection:\n  s: a\n  condition: s\n';
  assert.deepEqual(reasons(loadRuleText(`id: ''\n${rule}`, 'id.yml')), ['1 bad-id']);
  assert.deepEqual(reasons(loadRuleText(`? [a, b]\n: c\n${rule}`, 'key.yml')), ['1 bad-key']);
});
