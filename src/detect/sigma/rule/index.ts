// The Sigma rule front end: YAML rule files in, the rule model (model.ts) and located issues out.
export type * from './model.ts';
export { loadRules, loadRuleText } from './load.ts';
export {
  matchPattern,
  matchThem,
  parseCondition,
  type ConditionProblem,
  type ParsedCondition,
} from './condition.ts';
export { stableId } from './metadata.ts';
