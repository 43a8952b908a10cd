// A loaded rule set: every document read, each detection rule compiled (with the meta filters
// that apply to it), the toggles applied, and a report of what compiled and what was rejected
// and why. This is what `rules validate`, `rules list`, the live detector and hunts all use.
import type { CompileOptions } from './compile/context.ts';
import { type CompiledRule, compileRule } from './compile/rule.ts';
import type {
  CorrelationRule,
  DetectionRule,
  FilterRule,
  LoadResult,
  RuleIssue,
  SigmaDocument,
} from './rule/model.ts';
import { isEnabled, type Toggle } from './selection.ts';

export interface RuleEntry {
  rule: SigmaDocument;
  enabled: boolean;
  /** Problems that keep this rule from running (empty when it compiled). */
  issues: RuleIssue[];
}

export interface RuleSetReport {
  files: number;
  documents: number;
  /** Detection rules that compiled. */
  compiled: number;
  /** Documents that could not be used (load or compile problems), by the reason of their first problem. */
  rejectedByReason: Record<string, number>;
  rejected: number;
  correlations: number;
  filters: number;
  disabled: number;
}

export interface RuleSet {
  /** Compiled, enabled detection rules. */
  rules: CompiledRule[];
  /** Enabled correlation rules. */
  correlations: CorrelationRule[];
  entries: RuleEntry[];
  /** Every problem, load and compile, in file order. */
  issues: RuleIssue[];
  report: RuleSetReport;
}

export interface RuleSetOptions extends CompileOptions {
  toggles?: readonly Toggle[];
}

export function buildRuleSet(loaded: LoadResult, options: RuleSetOptions = {}): RuleSet {
  const toggles = options.toggles ?? [];
  const filters = loaded.documents.filter((d): d is FilterRule => d.kind === 'filter');
  const entries: RuleEntry[] = [];
  const rules: CompiledRule[] = [];
  const correlations: CorrelationRule[] = [];
  const issues = [...loaded.issues];
  const rejectedByReason: Record<string, number> = {};
  const reject = (reason: string): void => {
    rejectedByReason[reason] = (rejectedByReason[reason] ?? 0) + 1;
  };
  // Documents the loader dropped show only as issues; count one rejection per file and line.
  const dropped = new Set<string>();
  for (const issue of loaded.issues) {
    const key = `${issue.at.file}\u0000${issue.ruleId ?? issue.at.line}`;
    if (dropped.has(key) || issue.reason === 'duplicate-id-warning') continue;
    dropped.add(key);
    reject(issue.reason);
  }
  for (const document of loaded.documents) {
    const enabled = isEnabled(document, toggles);
    if (document.kind === 'correlation') {
      entries.push({ rule: document, enabled, issues: [] });
      if (enabled) correlations.push(document);
      continue;
    }
    if (document.kind === 'filter') {
      entries.push({ rule: document, enabled, issues: [] });
      continue;
    }
    const result = compileRule(document, options, filtersFor(document, filters, toggles));
    if (!result.ok) {
      issues.push(...result.issues);
      reject(result.issues[0]?.reason ?? 'unknown');
      entries.push({ rule: document, enabled, issues: result.issues });
      continue;
    }
    entries.push({ rule: document, enabled, issues: [] });
    if (enabled) rules.push(result.compiled);
  }
  const compiled = entries.filter(
    (e) => e.rule.kind === 'detection' && e.issues.length === 0,
  ).length;
  return {
    rules,
    correlations,
    entries,
    issues,
    report: {
      files: loaded.files,
      documents: loaded.documents.length,
      compiled,
      rejected: Object.values(rejectedByReason).reduce((a, b) => a + b, 0),
      rejectedByReason,
      correlations: entries.filter((e) => e.rule.kind === 'correlation').length,
      filters: filters.length,
      disabled: entries.filter((e) => !e.enabled).length,
    },
  };
}

/** The enabled meta filters naming this rule, or naming no rule and covering its log source. */
function filtersFor(
  rule: DetectionRule,
  filters: readonly FilterRule[],
  toggles: readonly Toggle[],
): FilterRule[] {
  return filters.filter((filter) => {
    if (!isEnabled(filter, toggles)) return false;
    const named =
      filter.rules.length === 0 ||
      filter.rules.some((ref) => ref === rule.id || ref === rule.name || ref === 'any');
    if (!named) return false;
    const within = (key: 'product' | 'category' | 'service'): boolean => {
      const wanted = filter.logsource[key];
      return wanted === undefined || wanted.toLowerCase() === rule.logsource[key]?.toLowerCase();
    };
    return within('product') && within('category') && within('service');
  });
}
