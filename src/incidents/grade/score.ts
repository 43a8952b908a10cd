// The severity score: a weighted mean of the factors, 0..100, as CISA's NCISS computes it, read
// against thresholds into a level 0..5. Weights, the worth of each factor value and the
// thresholds are configuration (plain numbers under string keys, so YAML can carry them); the
// defaults are tuned so the ministry's spectrum, from spam to a breach of the closed network,
// lands where analysts expect (grade.test.ts holds that ordering).
import type { SeverityFactors, SeverityLevel } from '../../core/index.ts';

type Categorical = Exclude<keyof SeverityFactors, 'sites'>;
export type FactorName = keyof SeverityFactors;

export interface GradeConfig {
  /** Relative weight of each factor in the mean. */
  weights: Record<FactorName, number>;
  /** The worth, 0..1, of each value of each categorical factor. */
  values: { [F in Categorical]: Record<SeverityFactors[F], number> };
  /** Sites count on a log scale that reaches 1 at this many sites (one site is 0). */
  sites_cap: number;
  /** The lowest score of each level; below the level-1 threshold is level 0 (baseline). */
  thresholds: Record<'1' | '2' | '3' | '4' | '5', number>;
}

export const DEFAULT_GRADE_CONFIG: GradeConfig = {
  // NCISS's weights (functional 6, observed activity 6, location 5, actor 6, information 2,
  // recoverability 4) with sites added lightly: a spam wave reaches every mission and must
  // still stay below one host with malware on it.
  weights: {
    functional_impact: 6,
    stage: 6,
    location: 5,
    actor: 6,
    information_impact: 2,
    recoverability: 4,
    sites: 2,
  },
  values: {
    // NCISS option values (CISA demo, CITE seed) divided by 100, mapped onto our options.
    functional_impact: { none: 0, low: 0.35, medium: 0.6, high: 1 },
    information_impact: { none: 0, suspected: 0.2, privacy: 0.4, proprietary: 0.6, classified: 1 },
    recoverability: { regular: 0.2, supplemented: 0.4, extended: 0.6, 'not-recoverable': 1 },
    // Open LAN ≈ NCISS level 2 business network, the closed network ≈ level 6 critical systems.
    location: { external: 0, 'open-lan': 0.4, 'several-sites': 0.8, 'closed-network': 1 },
    // Engage, Presence, Effect on the ODNI Cyber Threat Framework.
    stage: { delivery: 0.2, execution: 0.6, 'command-and-control': 0.8, exfiltration: 1 },
    // Criminal 40 and APT (targeted) 100.
    actor: { untargeted: 0.3, targeted: 1 },
  },
  sites_cap: 5,
  // Level 3 (high) is where PPD-41 calls an incident significant: a targeted backdoor on one
  // host is; commodity malware the antivirus removed is not.
  thresholds: { '1': 15, '2': 30, '3': 45, '4': 65, '5': 80 },
};

const LEVELS = ['1', '2', '3', '4', '5'] as const;

export function gradeFactors(
  factors: SeverityFactors,
  config: GradeConfig,
): { score: number; level: SeverityLevel } {
  let weighted = 0;
  let total = 0;
  for (const [name, weight] of Object.entries(config.weights) as [FactorName, number][]) {
    weighted += weight * worth(factors, name, config);
    total += weight;
  }
  const score = total > 0 ? Math.round((100 * weighted) / total) : 0;
  return { score, level: levelOf(score, config) };
}

/** The level whose threshold the score reaches, highest first. */
export function levelOf(score: number, config: GradeConfig): SeverityLevel {
  for (let index = LEVELS.length - 1; index >= 0; index--) {
    const key = LEVELS[index];
    if (key !== undefined && score >= config.thresholds[key]) return (index + 1) as SeverityLevel;
  }
  return 0;
}

function worth(factors: SeverityFactors, name: FactorName, config: GradeConfig): number {
  if (name === 'sites') return sitesWorth(factors.sites, config.sites_cap);
  const table: Readonly<Record<string, number>> = config.values[name];
  return table[factors[name]] ?? 0;
}

/** Spreading matters most early: the second site doubles the problem, the tenth barely adds. */
function sitesWorth(sites: number, cap: number): number {
  if (sites <= 1 || cap <= 1) return 0;
  return Math.min(1, Math.log(sites) / Math.log(cap));
}
