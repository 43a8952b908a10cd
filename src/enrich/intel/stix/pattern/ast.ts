// The syntax tree of a STIX 2.1 pattern (grammar: oasis-open/cti-stix2-json-schemas
// pattern_grammar/STIXPattern.g4). Observation expressions hold comparison expressions; the
// parser flattens chains of one operator into one n-ary node so consumers need not recurse
// through left-leaning pairs.

export type Pattern = ObservationExpression;

export type ObservationExpression = Observation | ObservationGroup | QualifiedObservation;

/** `[ comparison ]`: what one observed object must satisfy. */
export interface Observation {
  kind: 'observation';
  comparison: ComparisonExpression;
}

/** Observations joined by one operator; FOLLOWEDBY binds loosest, then OR, then AND. */
export interface ObservationGroup {
  kind: 'observations';
  operator: 'AND' | 'OR' | 'FOLLOWEDBY';
  operands: ObservationExpression[];
}

export interface QualifiedObservation {
  kind: 'qualified';
  qualifier: Qualifier;
  expression: ObservationExpression;
}

export type Qualifier =
  | { kind: 'WITHIN'; seconds: number }
  | { kind: 'REPEATS'; times: number }
  | { kind: 'START'; start: string; stop: string };

export type ComparisonExpression = ComparisonGroup | Comparison | Exists;

/** Comparisons joined by one operator; AND binds tighter than OR. */
export interface ComparisonGroup {
  kind: 'AND' | 'OR';
  operands: ComparisonExpression[];
}

export type ComparisonOperator =
  '=' | '!=' | '<' | '<=' | '>' | '>=' | 'IN' | 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET';

export interface Comparison {
  kind: 'comparison';
  path: ObjectPath;
  operator: ComparisonOperator;
  /** `path NOT op literal`: the operator's test is negated for each value. */
  negated: boolean;
  /** A list for IN, one literal otherwise. */
  value: Literal | Literal[];
}

export interface Exists {
  kind: 'exists';
  path: ObjectPath;
  negated: boolean;
}

export interface ObjectPath {
  /** The SCO type before the colon, e.g. `network-traffic`. */
  objectType: string;
  steps: PathStep[];
}

/** `.key` (quoted or not; the quotes are gone) or `[n]` / `[*]`. */
export type PathStep = { key: string } | { index: number | '*' };

export type Literal =
  | { type: 'string'; value: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  /** RFC 3339 text as written between `t'` and `'`. */
  | { type: 'timestamp'; value: string }
  /** Lower-case hex digits as written between `h'` and `'`. */
  | { type: 'hex'; value: string }
  /** Base64 text as written between `b'` and `'`. */
  | { type: 'binary'; value: string };
