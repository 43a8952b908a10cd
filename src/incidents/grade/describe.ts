// How reasons name alerts: rule name, host and site, so an analyst can find each one.
import type { Alert } from '../../core/index.ts';

const LISTED = 3;

export function describeAlert(alert: Alert): string {
  const where = [
    alert.host === undefined ? '' : ` on ${alert.host}`,
    alert.site === undefined ? '' : ` at ${alert.site.id}`,
  ].join('');
  return `“${alert.rule.name}”${where}`;
}

/** The first few alerts by name, then how many more; identical descriptions once. */
export function describeAlerts(alerts: readonly Alert[]): string {
  const names = [...new Set(alerts.map(describeAlert))];
  const shown = names.slice(0, LISTED).join(', ');
  return names.length > LISTED ? `${shown} and ${names.length - LISTED} more` : shown;
}
