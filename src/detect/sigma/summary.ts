// Rules and rule problems as plain JSON, the one shape the CLI (`--json`) and the API both print.
import type { RuleIssue } from './rule/model.ts';
import type { RuleEntry } from './rule-set.ts';
import { logsourceText } from './selection.ts';

export interface IssueSummary {
  file: string;
  line: number;
  column: number | null;
  reason: string;
  message: string;
  rule_id: string | null;
}

export interface RuleSummary {
  id: string;
  kind: 'detection' | 'correlation' | 'filter';
  title: string;
  level: string | null;
  status: string | null;
  author: string | null;
  /** `product/category/service`, or `correlation:<type>`. */
  logsource: string;
  tags: string[];
  enabled: boolean;
  file: string;
  issues: IssueSummary[];
}

export function summarizeIssue(issue: RuleIssue): IssueSummary {
  return {
    file: issue.at.file,
    line: issue.at.line,
    column: issue.at.column ?? null,
    reason: issue.reason,
    message: issue.message,
    rule_id: issue.ruleId ?? null,
  };
}

export function summarizeRule(entry: RuleEntry): RuleSummary {
  const rule = entry.rule;
  const meta = rule.kind === 'filter' ? undefined : rule;
  return {
    id: rule.id,
    kind: rule.kind,
    title: rule.title,
    level: meta?.level ?? null,
    status: meta?.status ?? null,
    author: meta?.author ?? null,
    logsource:
      rule.kind === 'correlation' ? `correlation:${rule.type}` : logsourceText(rule.logsource),
    tags: meta?.tags ?? [],
    enabled: entry.enabled,
    file: rule.at.file,
    issues: entry.issues.map(summarizeIssue),
  };
}
