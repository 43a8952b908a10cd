// A factor's value with the sentence that says which alerts set it, and helpers the factor rules
// share for picking the alerts behind a value.
import type { Alert } from '../../core/index.ts';
import { describeAlerts } from './describe.ts';
import type { AlertSignal } from './signal.ts';

export interface Factor<T> {
  value: T;
  reason: string;
}

/** `name value: why — alerts.` with the alerts that set it named. */
export function factor<T extends string | number>(
  name: string,
  value: T,
  why: string,
  by: readonly AlertSignal[],
): Factor<T> {
  const alerts: Alert[] = by.map((signal) => signal.alert);
  const named = alerts.length === 0 ? '' : ` — ${describeAlerts(alerts)}`;
  return { value, reason: `${name} ${String(value)}: ${why}${named}.` };
}

/** The distinct explanations the signals give, joined for a sentence. */
export function whys(
  signals: readonly AlertSignal[],
  pick: (s: AlertSignal) => string | undefined,
): string {
  return [...new Set(signals.flatMap((signal) => pick(signal) ?? []))].join('; ');
}
