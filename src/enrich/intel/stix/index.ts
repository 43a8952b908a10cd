// STIX 2.1 intake: bundles to indicators, the patterning language, and schema validation.
export { importStixBundle, type StixImportOptions } from './bundle.ts';
export { loadStixSchemas, type SchemaValidator } from './schema.ts';
export {
  patternToIndicators,
  type DraftIndicator,
  type PatternConversion,
} from './to-indicators.ts';
export { compilePattern, type CompiledPattern } from './pattern/evaluate.ts';
export { parsePattern, type ParseResult } from './pattern/parser.ts';
export { printPattern } from './pattern/print.ts';
export type { Pattern } from './pattern/ast.ts';
