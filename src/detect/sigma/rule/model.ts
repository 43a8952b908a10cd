// The Sigma rule model: what the YAML front end produces and every later step (compile, route,
// correlate, report) reads. Values stay as written (typed YAML scalars); modifiers are applied
// when a rule is compiled, so validation and compilation report problems at the same lines.

/** Where something was written: 1-based line and column in the rule file. */
export interface SourceRef {
  file: string;
  line: number;
  column?: number;
}

export type SigmaLevel = 'informational' | 'low' | 'medium' | 'high' | 'critical';
export type SigmaStatus = 'stable' | 'test' | 'experimental' | 'deprecated' | 'unsupported';

export interface LogSource {
  product?: string;
  category?: string;
  service?: string;
  definition?: string;
}

/** A scalar as YAML typed it: `4688` stays a number, `''` an empty string, `~` null. */
export type SigmaScalar = string | number | boolean | null;

export interface SigmaValue {
  value: SigmaScalar;
  at: SourceRef;
}

/** `Field|mod1|mod2: values` — one key of a selection map. `field` is null for `'|all'`-style keyword keys. */
export interface DetectionItem {
  field: string | null;
  /** Modifier names in the order written, e.g. ['contains', 'all']. */
  modifiers: string[];
  /** One or more values; several values are OR-ed unless `all` is among the modifiers. */
  values: SigmaValue[];
  at: SourceRef;
}

/**
 * A search identifier's body. A map ANDs its items; a list of maps ORs the maps (each map is one
 * `items` entry); a list of scalars (or one scalar) is a keyword search over the whole message.
 */
export type Search =
  | { kind: 'maps'; alternatives: DetectionItem[][]; at: SourceRef }
  | { kind: 'keywords'; item: DetectionItem; at: SourceRef };

export type ConditionNode =
  | { type: 'and'; children: ConditionNode[] }
  | { type: 'or'; children: ConditionNode[] }
  | { type: 'not'; child: ConditionNode }
  | { type: 'ref'; name: string }
  /**
   * `1 of x*`, `any of them`, `all of x*`, `all of them`: `names` are the identifiers the pattern
   * matched, resolved when the rule was read (`them` excludes names starting with `_`).
   */
  | { type: 'of'; quantifier: 'any' | 'all'; pattern: string; names: string[] };

export interface Detection {
  searches: Record<string, Search>;
  /** Several conditions (a YAML list) are OR-ed; already folded into one tree. */
  condition: ConditionNode;
  /** The condition text(s) as written, for display. */
  conditionText: string[];
  at: SourceRef;
}

interface RuleMeta {
  /** The rule id (UUID in SigmaHQ); a stable hash of the file path when absent. */
  id: string;
  /** Optional `name`, used by correlation rules to refer to rules. */
  name?: string;
  title: string;
  status?: SigmaStatus;
  description?: string;
  author?: string;
  date?: string;
  modified?: string;
  references: string[];
  tags: string[];
  falsepositives: string[];
  level?: SigmaLevel;
  /** The file and the line of the document's first key. */
  at: SourceRef;
}

export interface DetectionRule extends RuleMeta {
  kind: 'detection';
  logsource: LogSource;
  detection: Detection;
  /** Fields the rule suggests showing (`fields:`), informational. */
  fields: string[];
}

export type CorrelationType =
  'event_count' | 'value_count' | 'temporal' | 'temporal_ordered' | 'value_sum' | 'value_avg';

/** `gt`, `gte`, `lt`, `lte`, `eq`, `neq`; several keys AND (a range). */
export interface CorrelationCondition {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  eq?: number;
  neq?: number;
  /** The field counted or summed (value_count, value_sum, value_avg). */
  field?: string;
}

export interface CorrelationRule extends RuleMeta {
  kind: 'correlation';
  type: CorrelationType;
  /** Ids or names of the referenced rules, in the order written (it matters for temporal_ordered). */
  rules: string[];
  groupBy: string[];
  /** alias -> (rule id or name -> field in that rule's events). */
  aliases: Record<string, Record<string, string>>;
  /** Window length in milliseconds. */
  timespanMs: number;
  condition: CorrelationCondition;
  /** Whether referenced rules also alert on their own (default false). */
  generate: boolean;
}

/** A Sigma meta filter: extra conditions AND-ed into the rules it names (filters spec v2). */
export interface FilterRule {
  kind: 'filter';
  id: string;
  title: string;
  logsource: LogSource;
  /** Rule ids or names; empty means every rule whose log source is within the filter's. */
  rules: string[];
  detection: Detection;
  at: SourceRef;
}

export type SigmaDocument = DetectionRule | CorrelationRule | FilterRule;

/** One problem found in a rule file. Loading collects them all instead of stopping at the first. */
export interface RuleIssue {
  at: SourceRef;
  message: string;
  /** Stable short reason used for counting, e.g. `unknown-modifier`, `yaml-syntax`. */
  reason: string;
  /** Rule id when known. */
  ruleId?: string;
}

export interface LoadResult {
  documents: SigmaDocument[];
  issues: RuleIssue[];
  /** Rule files read. */
  files: number;
}
