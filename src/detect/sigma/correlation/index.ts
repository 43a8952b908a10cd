// Sigma correlation rules: the engine and the hit shapes it consumes and produces.
export {
  CorrelationEngine,
  type CorrelationHit,
  type CorrelationOptions,
  type RuleHit,
} from './engine.ts';
