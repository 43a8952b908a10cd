// What links alerts into one incident, and incidents into one campaign. An alert's host (within
// its site) joins it to that host's incident; its strong observables (public addresses, names,
// URLs, hashes, outside senders, the mail campaign) join alerts at the same site and, shared
// across sites, link the sites' incidents into a campaign. Weak observables are left out: the
// organization's own domains and staff addresses, private addresses, users and process paths
// would join everything to everything.
import { isPublicAddress, type Alert, type Observable } from '../../core/index.ts';

export interface LinkKeys {
  /** Where the alert happened: its site, or `-` when no site is known. */
  site: string;
  /** `host:<name or internal address>`, when the alert has a host. */
  host?: string;
  /** `<type>:<value>` of its strong observables, and `mail-campaign:<id>`. */
  observables: string[];
}

export interface LinkOptions {
  /** The organization's own mail and web domains (never a link between alerts). */
  ownDomains: readonly string[];
}

const STRONG_TYPES = new Set(['ip', 'domain', 'url', 'md5', 'sha1', 'sha256', 'email']);

export function linkKeys(alert: Alert, options: LinkOptions): LinkKeys {
  const keys = new Set<string>();
  for (const observable of alert.observables)
    if (isStrong(observable, options))
      keys.add(`${observable.type}:${observable.value.toLowerCase()}`);
  const campaign = alert.details?.campaign_id;
  if (typeof campaign === 'string' && campaign !== '') keys.add(`mail-campaign:${campaign}`);
  const result: LinkKeys = { site: alert.site?.id ?? '-', observables: [...keys].sort() };
  if (alert.host !== undefined && alert.host !== '')
    result.host = `host:${alert.host.toLowerCase()}`;
  return result;
}

function isStrong(observable: Observable, options: LinkOptions): boolean {
  if (!STRONG_TYPES.has(observable.type)) return false;
  // Recipients are our own staff: a phish to two colleagues is linked by its sender, not them.
  if (observable.role === 'recipient') return false;
  const value = observable.value.toLowerCase();
  switch (observable.type) {
    case 'ip':
      return isPublicAddress(value);
    case 'domain':
      return !isOwn(value, options.ownDomains);
    case 'email':
      return !isOwn(value.slice(value.lastIndexOf('@') + 1), options.ownDomains);
    default:
      return true;
  }
}

function isOwn(domain: string, own: readonly string[]): boolean {
  return own.some((mine) => domain === mine || domain.endsWith(`.${mine}`));
}
