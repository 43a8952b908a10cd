// Correlation semantics, one behaviour per test: each type with group-by, window edges, order,
// aliases, decisions at window close, bounded memory, suppression, reset after firing, chaining.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EcsEvent } from '../../../core/index.ts';
import type { CorrelationRule, CorrelationType } from '../rule/model.ts';
import { CorrelationEngine, type RuleHit } from './engine.ts';

const MINUTE = 60_000;

function rule(type: CorrelationType, overrides: Partial<CorrelationRule> = {}): CorrelationRule {
  return {
    kind: 'correlation',
    id: `corr-${type}`,
    title: type,
    references: [],
    tags: [],
    falsepositives: [],
    at: { file: 'test.yml', line: 1 },
    type,
    rules: ['a'],
    groupBy: ['host'],
    aliases: {},
    timespanMs: 5 * MINUTE,
    condition: { gte: 3 },
    generate: false,
    ...overrides,
  };
}

function hit(ruleId: string, minute: number, fields: Record<string, unknown> = {}): RuleHit {
  const event = {
    '@timestamp': new Date(minute * MINUTE).toISOString(),
    event: { id: `${ruleId}-${minute}` },
  } as EcsEvent;
  const values: Record<string, unknown> = { host: 'ws1', ...fields };
  return {
    rule: { id: ruleId, name: `name-${ruleId}` },
    timeMs: minute * MINUTE,
    event,
    value: (f) => values[f],
  };
}

const fired = (engine: CorrelationEngine, hits: RuleHit[]): number[] =>
  hits.flatMap((h) => engine.observe(h).map((c) => c.value));

test('event_count counts per group and fires once the condition holds, then resets', () => {
  const engine = new CorrelationEngine([rule('event_count')]);
  assert.deepEqual(fired(engine, [hit('a', 0), hit('a', 1), hit('a', 1, { host: 'ws2' })]), []);
  const third = engine.observe(hit('a', 2));
  assert.equal(third.length, 1);
  assert.deepEqual(third[0]?.group, { host: 'ws1' });
  assert.equal(third[0]?.eventCount, 3);
  assert.equal(third[0]?.firstMs, 0);
  assert.equal(third[0]?.lastMs, 2 * MINUTE);
  assert.deepEqual(fired(engine, [hit('a', 3), hit('a', 3)]), [], 'the burst was consumed');
  assert.deepEqual(fired(engine, [hit('a', 4)]), [3], 'the next burst fires again');
});

test('window edges: a hit exactly one timespan older is outside, one millisecond less is inside', () => {
  const engine = new CorrelationEngine([rule('event_count', { condition: { gte: 2 } })]);
  assert.deepEqual(fired(engine, [hit('a', 0), hit('a', 5)]), [], 'exactly 5 minutes apart');
  const inside = new CorrelationEngine([rule('event_count', { condition: { gte: 2 } })]);
  const late = { ...hit('a', 5), timeMs: 5 * MINUTE - 1 };
  assert.deepEqual(fired(inside, [hit('a', 0), late]), [2]);
});

test('value_count counts distinct values of the condition field', () => {
  const engine = new CorrelationEngine([
    rule('value_count', { condition: { gte: 3, field: 'user' } }),
  ]);
  const hits = ['ana', 'ana', 'bob', 'ana', 'cy'].map((user, i) => hit('a', i * 0.5, { user }));
  assert.deepEqual(fired(engine, hits), [3]);
});

test('value_sum and value_avg add the numeric values of the field and ignore the rest', () => {
  const sum = new CorrelationEngine([
    rule('value_sum', { condition: { gt: 1000, field: 'bytes' } }),
  ]);
  assert.deepEqual(
    fired(sum, [
      hit('a', 0, { bytes: 600 }),
      hit('a', 1, { bytes: 'n/a' }),
      hit('a', 2, { bytes: '500' }),
    ]),
    [1100],
  );
  const avg = new CorrelationEngine([
    rule('value_avg', { condition: { gte: 100, field: 'bytes' } }),
  ]);
  assert.deepEqual(fired(avg, [hit('a', 0, { bytes: 50 }), hit('a', 1, { bytes: 150 })]), [100]);
});

test('temporal: every referenced rule within the window, in any order', () => {
  const make = (): CorrelationEngine =>
    new CorrelationEngine([rule('temporal', { rules: ['a', 'b', 'c'], condition: { gte: 3 } })]);
  assert.deepEqual(fired(make(), [hit('c', 0), hit('a', 1), hit('b', 2)]), [3]);
  assert.deepEqual(fired(make(), [hit('a', 0), hit('a', 1), hit('b', 2)]), [], 'c never came');
  assert.deepEqual(
    fired(make(), [hit('a', 0), hit('b', 1), hit('c', 6)]),
    [],
    'a fell out of the window',
  );
});

test('temporal_ordered: only in the listed order, interleavings allowed', () => {
  const make = (): CorrelationEngine =>
    new CorrelationEngine([
      rule('temporal_ordered', { rules: ['a', 'b', 'c'], condition: { gte: 3 } }),
    ]);
  assert.deepEqual(fired(make(), [hit('a', 0), hit('b', 1), hit('c', 2)]), [3]);
  assert.deepEqual(fired(make(), [hit('c', 0), hit('b', 1), hit('a', 2)]), []);
  assert.deepEqual(
    fired(make(), [hit('b', 0), hit('a', 1), hit('c', 2), hit('b', 3), hit('c', 4)]),
    [3],
  );
  // An out-of-order arrival is placed by its time: a (t=1) arriving after b (t=2) still precedes it.
  assert.deepEqual(fired(make(), [hit('b', 2), hit('a', 1), hit('c', 3)]), [3]);
});

test('aliases group hits of rules that name the same thing differently', () => {
  const engine = new CorrelationEngine([
    rule('temporal', {
      rules: ['a', 'b'],
      groupBy: ['ip'],
      aliases: { ip: { a: 'source.ip', 'name-b': 'destination.ip' } },
      condition: { gte: 2 },
    }),
  ]);
  const hits = [
    hit('a', 0, { 'source.ip': '10.0.0.5' }),
    hit('b', 1, { 'destination.ip': '10.0.0.9' }),
    hit('b', 2, { 'destination.ip': '10.0.0.5' }),
  ];
  const out = hits.flatMap((h) => engine.observe(h));
  assert.deepEqual(
    out.map((c) => c.group),
    [{ ip: '10.0.0.5' }],
  );
});

test('a hit without its group-by value is not counted', () => {
  const engine = new CorrelationEngine([rule('event_count', { condition: { gte: 2 } })]);
  assert.deepEqual(fired(engine, [hit('a', 0, { host: undefined }), hit('a', 1)]), []);
});

test('upper bounds are decided when the window closes: at a later hit, or at flush', () => {
  const engine = new CorrelationEngine([rule('event_count', { condition: { lt: 3 } })]);
  assert.deepEqual(fired(engine, [hit('a', 0), hit('a', 1)]), [], 'not decided while open');
  assert.deepEqual(engine.flush(4 * MINUTE), [], 'still open at minute 4');
  assert.deepEqual(
    engine.flush(5 * MINUTE).map((c) => c.value),
    [2],
  );
  const busy = new CorrelationEngine([rule('event_count', { condition: { lt: 3 } })]);
  assert.deepEqual(
    fired(busy, [hit('a', 0), hit('a', 1), hit('a', 2), hit('a', 6)]),
    [],
    'three is not fewer than three',
  );
  assert.deepEqual(
    busy.flush(Number.POSITIVE_INFINITY).map((c) => c.value),
    [1],
    'the window opened at minute 6',
  );
});

test('memory is bounded: past maxGroupsPerRule the least recently updated group goes', () => {
  const engine = new CorrelationEngine([rule('event_count', { condition: { gte: 2 } })], {
    maxGroupsPerRule: 2,
  });
  fired(engine, [
    hit('a', 0, { host: 'h1' }),
    hit('a', 0, { host: 'h2' }),
    hit('a', 0, { host: 'h3' }),
  ]);
  assert.deepEqual(engine.stats(), { groups: 2, evicted: 1, late: 0 });
  assert.deepEqual(
    fired(engine, [hit('a', 1, { host: 'h1' })]),
    [],
    'h1 was evicted and starts over',
  );
  assert.deepEqual(fired(engine, [hit('a', 1, { host: 'h3' })]), [2]);
});

test('rules referenced with generate: false are suppressed; generate: true lets them alert', () => {
  const engine = new CorrelationEngine([
    rule('event_count', { id: 'c1', rules: ['a', 'name-b'] }),
    rule('event_count', { id: 'c2', rules: ['b'], generate: true }),
  ]);
  assert.equal(engine.suppressed('a'), true);
  assert.equal(engine.suppressed('b', 'name-b'), false, 'c2 generates');
  assert.equal(engine.suppressed('z'), false, 'not referenced at all');
  assert.deepEqual([...engine.inputs].sort(), ['a', 'b', 'name-b']);
});

test('chaining: a correlation can count the hits of another correlation', () => {
  const engine = new CorrelationEngine([
    rule('event_count', { id: 'inner', name: 'bursts', condition: { gte: 2 } }),
    rule('event_count', {
      id: 'outer',
      rules: ['bursts'],
      condition: { gte: 2 },
      timespanMs: 60 * MINUTE,
    }),
  ]);
  const ids = [0, 1, 10, 11].flatMap((m) => engine.observe(hit('a', m)).map((c) => c.rule.id));
  assert.deepEqual(ids, ['inner', 'inner', 'outer']);
});

test('late hits older than the window are dropped and counted', () => {
  const engine = new CorrelationEngine([rule('event_count', { condition: { gte: 5 } })]);
  fired(engine, [hit('a', 10), hit('a', 2)]);
  assert.equal(engine.stats().late, 1);
});
