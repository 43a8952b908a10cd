// How much an indicator is still worth: sources' confidence, decayed by age since the indicator
// was last reported or seen, with a half-life per type (infrastructure changes hands in weeks, a
// file hash names the same file forever). Past valid_until, or decayed below the floor, it is
// expired: kept and searchable, but no longer matched. The same idea as MISP's decay models,
// with one exponential curve instead of a scripted polynomial.
import type { Indicator, IndicatorType } from '../../core/index.ts';

export interface DecayPolicy {
  /** Days for the confidence to halve, by type; absent or 0: no decay. */
  halfLifeDays: Partial<Record<IndicatorType, number>>;
  /** Confidence of a source that gives none. */
  defaultConfidence: number;
  /** Below this, an indicator is expired. */
  floor: number;
  /** Per source name: a confidence that replaces what the source says (a trusted partner, a noisy feed). */
  sourceConfidence: Readonly<Record<string, number>>;
}

export const DEFAULT_DECAY: DecayPolicy = {
  halfLifeDays: { ipv4: 30, ipv6: 30, cidr: 60, domain: 90, url: 60, email: 180, filename: 180 },
  defaultConfidence: 50,
  floor: 10,
  sourceConfidence: {},
};

export interface IndicatorState {
  /** 0..100 now. */
  confidence: number;
  expired: boolean;
  /** Why it is expired, for `intel show`. */
  reason?: string;
}

const DAY_MS = 86_400_000;

export function indicatorState(
  indicator: Indicator,
  now: number,
  policy: DecayPolicy = DEFAULT_DECAY,
): IndicatorState {
  const base = Math.max(
    ...indicator.sources.map(
      (source) =>
        policy.sourceConfidence[source.name] ?? source.confidence ?? policy.defaultConfidence,
    ),
    0,
  );
  if (indicator.valid_until !== undefined && Date.parse(indicator.valid_until) <= now)
    return { confidence: 0, expired: true, reason: `valid until ${indicator.valid_until}` };
  const halfLife = policy.halfLifeDays[indicator.type] ?? 0;
  const reference = referenceTime(indicator);
  const ageDays = reference === undefined ? 0 : Math.max(0, (now - reference) / DAY_MS);
  const confidence = halfLife > 0 ? base * 0.5 ** (ageDays / halfLife) : base;
  const rounded = Math.round(confidence * 10) / 10;
  if (rounded < policy.floor)
    return {
      confidence: rounded,
      expired: true,
      reason: `decayed to ${rounded} after ${Math.round(ageDays)} days (half-life ${halfLife} days)`,
    };
  return { confidence: rounded, expired: false };
}

/** The latest time a source vouched for the indicator: a sighting, a report, its validity start. */
function referenceTime(indicator: Indicator): number | undefined {
  const times = [
    indicator.last_seen,
    indicator.valid_from,
    ...indicator.sources.map((source) => source.reported),
  ]
    .filter((time): time is string => time !== undefined)
    .map((time) => Date.parse(time))
    .filter((time) => Number.isFinite(time));
  return times.length === 0 ? undefined : Math.max(...times);
}
