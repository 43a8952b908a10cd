import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gradeConfigFrom } from './config.ts';
import { DEFAULT_GRADE_CONFIG } from './score.ts';

test('a partial grade config replaces only the keys it names', () => {
  const config = gradeConfigFrom({ weights: { actor: 9 }, thresholds: { '5': 90 } });
  assert.equal(config.weights.actor, 9);
  assert.equal(config.weights.stage, DEFAULT_GRADE_CONFIG.weights.stage);
  assert.equal(config.thresholds['5'], 90);
  assert.equal(config.thresholds['4'], DEFAULT_GRADE_CONFIG.thresholds['4']);
  assert.equal(DEFAULT_GRADE_CONFIG.weights.actor !== 9, true, 'the default is not modified');
});

test('unknown keys, non-numbers and falling thresholds are refused with their path', () => {
  assert.throws(
    () => gradeConfigFrom({ weights: { charisma: 1 } }),
    /incidents\.grade\.weights\.charisma is not a grade setting/,
  );
  assert.throws(
    () => gradeConfigFrom({ weights: { actor: 'high' } }),
    /weights\.actor must be a number/,
  );
  assert.throws(() => gradeConfigFrom({ thresholds: { '2': 99 } }), /thresholds must rise/);
});
