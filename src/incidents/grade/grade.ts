// Grading an incident: its factors from its alerts, the score and level from the factors, and
// the reasons for each; an analyst's override sets the level but keeps the computed one.
import {
  SEVERITY_LABELS,
  type Alert,
  type IncidentCategory,
  type Severity,
  type SeverityLevel,
} from '../../core/index.ts';
import { incidentFactors, type GradeContext } from './factors.ts';
import { DEFAULT_GRADE_CONFIG, gradeFactors, type GradeConfig } from './score.ts';

export interface SeverityOverride {
  level: SeverityLevel;
  reason: string;
  by: string;
  at: string;
}

export function gradeIncident(
  alerts: readonly Alert[],
  context: GradeContext,
  config: GradeConfig = DEFAULT_GRADE_CONFIG,
): { severity: Severity; category: IncidentCategory } {
  const { factors, reasons, category } = incidentFactors(alerts, context);
  const { score, level } = gradeFactors(factors, config);
  const thresholds = Object.entries(config.thresholds)
    .map(([key, value]) => `${key} ≥ ${String(value)}`)
    .join(', ');
  const severity: Severity = {
    level,
    label: SEVERITY_LABELS[level],
    score,
    factors,
    reasons: [
      ...reasons,
      `score ${String(score)} of 100 → level ${String(level)} (${SEVERITY_LABELS[level]}): thresholds ${thresholds}.`,
    ],
  };
  return { severity, category };
}

/**
 * The analyst's level replaces the computed one; the computed level and score stay in
 * `computed`. Overriding an overridden severity keeps the first computed values.
 */
export function applyOverride(severity: Severity, override: SeverityOverride): Severity {
  const computed = severity.computed ?? { level: severity.level, score: severity.score };
  return {
    ...severity,
    level: override.level,
    label: SEVERITY_LABELS[override.level],
    override: { ...override },
    computed,
  };
}
