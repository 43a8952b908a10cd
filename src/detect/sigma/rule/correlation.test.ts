// Correlation documents (sigma.md §1.4): every type, timespans in milliseconds, conditions and
// their defaults, aliases, and a `line reason` for each way the section can be wrong.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadRuleText } from './load.ts';
import type { CorrelationRule } from './model.ts';

/** A correlation document whose `correlation:` key is on line 3 and its body from line 4. */
function text(body: string): string {
  return `title: C\nid: 00000000-0000-4000-8000-0000000000c1\ncorrelation:\n${body}level: high\n`;
}

function correlation(body: string): CorrelationRule {
  const result = loadRuleText(text(body), 'c.yml');
  assert.deepEqual(result.issues, []);
  const [rule] = result.documents;
  assert.ok(rule?.kind === 'correlation');
  return rule;
}

function issues(body: string): string[] {
  const result = loadRuleText(text(body), 'c.yml');
  assert.equal(result.documents.length, 0);
  return result.issues.map((i) => `${String(i.at.line)} ${i.reason}`);
}

test('event_count: every field read, generate defaults to false, metadata shared with rules', () => {
  const rule = correlation(`  type: event_count
  rules:
    - failed_logon
  group-by:
    - TargetUserName
  timespan: 15m
  condition:
    gte: 100
`);
  assert.deepEqual(
    {
      type: rule.type,
      rules: rule.rules,
      groupBy: rule.groupBy,
      timespanMs: rule.timespanMs,
      condition: rule.condition,
      aliases: rule.aliases,
      generate: rule.generate,
      level: rule.level,
      title: rule.title,
      id: rule.id,
      at: rule.at,
    },
    {
      type: 'event_count',
      rules: ['failed_logon'],
      groupBy: ['TargetUserName'],
      timespanMs: 900_000,
      condition: { gte: 100 },
      aliases: {},
      generate: false,
      level: 'high',
      title: 'C',
      id: '00000000-0000-4000-8000-0000000000c1',
      at: { file: 'c.yml', line: 1, column: 1 },
    },
  );
});

test('timespan units s, m, h, d, w', () => {
  const ms = (span: string): number =>
    correlation(`  type: event_count\n  rules: [a]\n  timespan: ${span}\n  condition: {gt: 1}\n`)
      .timespanMs;
  assert.deepEqual(
    ['30s', '5m', '2h', '1d', '1w'].map(ms),
    [30_000, 300_000, 7_200_000, 86_400_000, 604_800_000],
  );
});

test('temporal types default to all referenced rules, and keep the written order', () => {
  const rule = correlation(`  type: temporal_ordered
  rules: [recon, exploit, persist]
  group-by: [host]
  timespan: 1h
`);
  assert.deepEqual(rule.rules, ['recon', 'exploit', 'persist']);
  assert.deepEqual(rule.condition, { gte: 3 });
  const temporal = correlation(`  type: temporal\n  rules: [a, b]\n  timespan: 1h\n`);
  assert.deepEqual(temporal.condition, { gte: 2 });
});

test('value types need condition.field; ranges keep both bounds', () => {
  for (const type of ['value_count', 'value_sum', 'value_avg']) {
    const rule = correlation(`  type: ${type}
  rules: [a]
  timespan: 1d
  condition:
    gt: 1
    lte: 9.5
    field: Bytes
`);
    assert.deepEqual(rule.condition, { gt: 1, lte: 9.5, field: 'Bytes' }, type);
  }
});

test('aliases map an alias to each rule field; generate is read', () => {
  const rule = correlation(`  type: temporal
  rules: [a, b]
  group-by: [user]
  aliases:
    user:
      a: TargetUserName
      b: SubjectUserName
  timespan: 10m
  generate: true
`);
  assert.deepEqual(rule.aliases, { user: { a: 'TargetUserName', b: 'SubjectUserName' } });
  assert.equal(rule.generate, true);
});

test('bad types, rules and timespans, each at its line', () => {
  assert.deepEqual(
    issues(`  type: value_percentile\n  rules: [a]\n  timespan: 5m\n  condition: {gt: 1}\n`),
    ['4 bad-correlation-type'],
  );
  assert.deepEqual(issues(`  rules: [a]\n  timespan: 5m\n  condition: {gt: 1}\n`), [
    '3 bad-correlation-type',
  ]);
  assert.deepEqual(
    issues(`  type: event_count\n  rules: []\n  timespan: 5m\n  condition: {gt: 1}\n`),
    ['5 bad-correlation-rules'],
  );
  assert.deepEqual(
    issues(`  type: event_count\n  rules: a\n  timespan: 5m\n  condition: {gt: 1}\n`),
    ['5 bad-correlation-rules'],
  );
  assert.deepEqual(issues(`  type: event_count\n  timespan: 5m\n  condition: {gt: 1}\n`), [
    '3 bad-correlation-rules',
  ]);
  for (const span of ['5', '5 m', '0m', '5M', '1y', '-5m', '1.5h']) {
    assert.deepEqual(
      issues(`  type: event_count\n  rules: [a]\n  timespan: ${span}\n  condition: {gt: 1}\n`),
      ['6 bad-timespan'],
      span,
    );
  }
  assert.deepEqual(issues(`  type: event_count\n  rules: [a]\n  condition: {gt: 1}\n`), [
    '3 bad-timespan',
  ]);
});

test('bad conditions: missing, unknown keys, non-numbers, no operator, no field', () => {
  const base = `  type: event_count\n  rules: [a]\n  timespan: 5m\n`;
  assert.deepEqual(issues(base), ['3 bad-correlation-condition']);
  assert.deepEqual(issues(`${base}  condition:\n    above: 3\n`), ['8 bad-correlation-condition']);
  assert.deepEqual(issues(`${base}  condition:\n    gte: '3'\n`), ['8 bad-correlation-condition']);
  assert.deepEqual(issues(`${base}  condition:\n    field: x\n`), ['7 bad-correlation-condition']);
  assert.deepEqual(
    issues(`  type: value_count\n  rules: [a]\n  timespan: 5m\n  condition:\n    gte: 3\n`),
    ['7 bad-correlation-condition'],
  );
  assert.deepEqual(
    issues(`  type: temporal\n  rules: [a, b]\n  timespan: 5m\n  condition: a and b\n`),
    ['7 bad-correlation-condition'],
    'extended temporal conditions are not supported',
  );
});

test('bad aliases, generate, unknown keys, and a section that is not a map', () => {
  const base = `  type: temporal\n  rules: [a, b]\n  timespan: 5m\n`;
  assert.deepEqual(issues(`${base}  aliases:\n    user:\n      c: User\n`), [
    '9 bad-correlation-aliases',
  ]);
  assert.deepEqual(issues(`${base}  aliases:\n    user: User\n`), ['8 bad-correlation-aliases']);
  assert.deepEqual(issues(`${base}  generate: yes\n`), ['7 bad-generate']);
  assert.deepEqual(issues(`${base}  groupby: [user]\n`), ['7 unknown-correlation-key']);
  assert.deepEqual(issues(`  - event_count\n`), ['4 bad-correlation']);
});

test('references are not checked for a single text: the rules may live elsewhere', () => {
  const result = loadRuleText(
    text(`  type: event_count\n  rules: [elsewhere]\n  timespan: 5m\n  condition: {gt: 1}\n`),
    'c.yml',
  );
  assert.deepEqual(result.issues, []);
  assert.equal(result.documents.length, 1);
});
