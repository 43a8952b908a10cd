// What compiling a rule needs besides the rule: configured placeholder values, and a place to
// collect every problem found (compilation reports them all, as loading does).
import type { RuleIssue, SourceRef } from '../rule/model.ts';

export interface CompileOptions {
  /** `%name%` placeholder values for the `expand` modifier (name without the percent signs). */
  placeholders?: Readonly<Record<string, readonly string[]>>;
}

export interface CompileContext {
  readonly options: CompileOptions;
  readonly issues: RuleIssue[];
  readonly ruleId: string;
}

export function issue(
  context: CompileContext,
  at: SourceRef,
  reason: string,
  message: string,
): void {
  context.issues.push({ at, reason, message, ruleId: context.ruleId });
}
