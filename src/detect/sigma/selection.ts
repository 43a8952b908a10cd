// Which loaded rules run: an ordered list of enable/disable toggles, each selecting rules by id,
// tag, level, status or log source. Later toggles win, so "disable status:experimental, then
// enable id:X" reads as it is written. Rules are enabled unless a toggle says otherwise.
import type { DetectionRule, LogSource, SigmaDocument } from './rule/model.ts';

export type SelectorKey = 'id' | 'tag' | 'level' | 'status' | 'logsource';

export interface Toggle {
  enabled: boolean;
  key: SelectorKey;
  /** Case-insensitive; `*` matches any run. Log sources are written `product/category/service`. */
  value: string;
}

export const SELECTOR_KEYS: readonly SelectorKey[] = ['id', 'tag', 'level', 'status', 'logsource'];

export function isEnabled(rule: SigmaDocument, toggles: readonly Toggle[]): boolean {
  let enabled = true;
  for (const toggle of toggles) if (selects(toggle, rule)) enabled = toggle.enabled;
  return enabled;
}

export function selects(toggle: Pick<Toggle, 'key' | 'value'>, rule: SigmaDocument): boolean {
  const pattern = globRegex(toggle.value);
  switch (toggle.key) {
    case 'id':
      return (
        pattern.test(rule.id) ||
        (rule.kind !== 'filter' && rule.name !== undefined && pattern.test(rule.name))
      );
    case 'tag':
      return rule.kind !== 'filter' && rule.tags.some((tag) => pattern.test(tag));
    case 'level':
      return rule.kind !== 'filter' && rule.level !== undefined && pattern.test(rule.level);
    case 'status':
      return rule.kind !== 'filter' && rule.status !== undefined && pattern.test(rule.status);
    case 'logsource':
      return rule.kind !== 'correlation' && pattern.test(logsourceText(rule.logsource));
  }
}

/** `product/category/service`, empty parts kept so `windows/process_creation/` reads plainly. */
export function logsourceText(logsource: LogSource): string {
  return [logsource.product ?? '', logsource.category ?? '', logsource.service ?? ''].join('/');
}

export function ruleLogsource(rule: DetectionRule): string {
  return logsourceText(rule.logsource);
}

/** Parse `key:value` as the CLI and API take it. */
export function parseSelector(text: string): Pick<Toggle, 'key' | 'value'> | undefined {
  const colon = text.indexOf(':');
  if (colon === -1) return { key: 'id', value: text };
  const key = text.slice(0, colon) as SelectorKey;
  const value = text.slice(colon + 1);
  return SELECTOR_KEYS.includes(key) && value !== '' ? { key, value } : undefined;
}

function globRegex(glob: string): RegExp {
  const source = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.*');
  // A log source without a trailing part matches any service: `windows/process_creation`.
  return new RegExp(`^${source}(/.*)?$`, 'i');
}
