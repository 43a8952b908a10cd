// The grade's weights, value worths and thresholds from configuration: any subset of
// DEFAULT_GRADE_CONFIG, merged key by key, each number checked, thresholds in ascending order.
import { ChanceryError } from '../../core/index.ts';
import { DEFAULT_GRADE_CONFIG, type GradeConfig } from './score.ts';

export function gradeConfigFrom(partial: unknown, where = 'incidents.grade'): GradeConfig {
  if (partial === undefined || partial === null) return DEFAULT_GRADE_CONFIG;
  const config = structuredClone(DEFAULT_GRADE_CONFIG) as unknown as Record<string, unknown>;
  mergeNumbers(config, partial, where);
  const merged = config as unknown as GradeConfig;
  const thresholds = (['1', '2', '3', '4', '5'] as const).map((level) => merged.thresholds[level]);
  if (thresholds.some((value, index) => index > 0 && value <= (thresholds[index - 1] ?? 0)))
    throw new ChanceryError(
      'CHN_ERR_CONFIG_INVALID',
      `${where}.thresholds must rise from level 1 to 5`,
    );
  return merged;
}

/** Copies numbers from `source` onto the same keys of `target`; unknown keys are errors. */
function mergeNumbers(target: Record<string, unknown>, source: unknown, path: string): void {
  if (typeof source !== 'object' || source === null || Array.isArray(source))
    throw new ChanceryError('CHN_ERR_CONFIG_INVALID', `${path} must be a mapping`);
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    const at = `${path}.${key}`;
    if (current === undefined)
      throw new ChanceryError('CHN_ERR_CONFIG_INVALID', `${at} is not a grade setting`);
    if (typeof current === 'number') {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
        throw new ChanceryError('CHN_ERR_CONFIG_INVALID', `${at} must be a number ≥ 0`);
      target[key] = value;
    } else mergeNumbers(current as Record<string, unknown>, value, at);
  }
}
