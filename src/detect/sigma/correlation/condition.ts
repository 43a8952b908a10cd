// A correlation's condition (`gte: 5`, `gt: 2, lt: 10`, `neq: 0`, ...): every key must hold.
// Conditions with an upper bound (lt, lte, eq, neq) can only be decided once a window is over,
// since more events may still arrive; the others are decided the moment they hold.
import type { CorrelationCondition } from '../rule/model.ts';

export function holds(condition: CorrelationCondition, value: number): boolean {
  if (condition.gt !== undefined && !(value > condition.gt)) return false;
  if (condition.gte !== undefined && !(value >= condition.gte)) return false;
  if (condition.lt !== undefined && !(value < condition.lt)) return false;
  if (condition.lte !== undefined && !(value <= condition.lte)) return false;
  if (condition.eq !== undefined && value !== condition.eq) return false;
  if (condition.neq !== undefined && value === condition.neq) return false;
  return true;
}

/** True when the condition can change from true to false as events arrive. */
export function decidedAtClose(condition: CorrelationCondition): boolean {
  return (
    condition.lt !== undefined ||
    condition.lte !== undefined ||
    condition.eq !== undefined ||
    condition.neq !== undefined
  );
}
