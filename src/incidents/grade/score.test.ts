import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SeverityFactors } from '../../core/index.ts';
import { DEFAULT_GRADE_CONFIG, gradeFactors, levelOf, type GradeConfig } from './score.ts';

const LEAST: SeverityFactors = {
  functional_impact: 'none',
  information_impact: 'none',
  recoverability: 'regular',
  location: 'external',
  stage: 'delivery',
  actor: 'untargeted',
  sites: 0,
};

const MOST: SeverityFactors = {
  functional_impact: 'high',
  information_impact: 'classified',
  recoverability: 'not-recoverable',
  location: 'closed-network',
  stage: 'exfiltration',
  actor: 'targeted',
  sites: 40,
};

test('the worst of every factor scores 100, emergency', () => {
  assert.deepEqual(gradeFactors(MOST, DEFAULT_GRADE_CONFIG), { score: 100, level: 5 });
});

test('the least of every factor is a weighted mean of the floors, below level 1', () => {
  const { weights, values } = DEFAULT_GRADE_CONFIG;
  const total = Object.values(weights).reduce((sum, weight) => sum + weight, 0);
  const floor =
    weights.recoverability * values.recoverability.regular +
    weights.stage * values.stage.delivery +
    weights.actor * values.actor.untargeted;
  const { score, level } = gradeFactors(LEAST, DEFAULT_GRADE_CONFIG);
  assert.equal(score, Math.round((100 * floor) / total));
  assert.equal(level, 0);
});

test('every factor raises the score when its value gets worse', () => {
  const base = gradeFactors(LEAST, DEFAULT_GRADE_CONFIG).score;
  for (const name of Object.keys(LEAST) as (keyof SeverityFactors)[]) {
    const worse = { ...LEAST, [name]: MOST[name] };
    assert.ok(gradeFactors(worse, DEFAULT_GRADE_CONFIG).score > base, name);
  }
});

test('sites count on a log scale: one site is nothing, more add less each, capped', () => {
  const at = (sites: number) => gradeFactors({ ...LEAST, sites }, DEFAULT_GRADE_CONFIG).score;
  assert.equal(at(1), at(0));
  assert.ok(at(2) > at(1));
  assert.ok(at(2) - at(1) > at(4) - at(3));
  assert.equal(at(DEFAULT_GRADE_CONFIG.sites_cap), at(DEFAULT_GRADE_CONFIG.sites_cap * 10));
});

test('a score at a threshold is that level; one below is the level under it', () => {
  for (const [key, threshold] of Object.entries(DEFAULT_GRADE_CONFIG.thresholds)) {
    assert.equal(levelOf(threshold, DEFAULT_GRADE_CONFIG), Number(key));
    assert.equal(levelOf(threshold - 1, DEFAULT_GRADE_CONFIG), Number(key) - 1);
  }
});

test('a weight moves the score toward that factor’s worth; all weights zero scores 0', () => {
  const targeted = { ...LEAST, actor: 'targeted' as const };
  const heavier: GradeConfig = {
    ...DEFAULT_GRADE_CONFIG,
    weights: { ...DEFAULT_GRADE_CONFIG.weights, actor: 60 },
  };
  const before = gradeFactors(targeted, DEFAULT_GRADE_CONFIG);
  const after = gradeFactors(targeted, heavier);
  assert.ok(after.score > before.score);
  assert.ok(after.level > before.level);
  const none: GradeConfig = {
    ...DEFAULT_GRADE_CONFIG,
    weights: Object.fromEntries(
      Object.keys(DEFAULT_GRADE_CONFIG.weights).map((name) => [name, 0]),
    ) as GradeConfig['weights'],
  };
  assert.deepEqual(gradeFactors(MOST, none), { score: 0, level: 0 });
});

test('the default configuration is plain data: it survives a JSON (YAML) round trip', () => {
  const copy = JSON.parse(JSON.stringify(DEFAULT_GRADE_CONFIG)) as GradeConfig;
  assert.deepEqual(copy, DEFAULT_GRADE_CONFIG);
  assert.deepEqual(gradeFactors(MOST, copy), gradeFactors(MOST, DEFAULT_GRADE_CONFIG));
});
