// Which MISP warninglists name an indicator: lists of common benign infrastructure (public
// resolvers, CDNs, top sites, cloud ranges) on which a shared indicator would fire all day.
import type { Indicator } from '../../core/index.ts';
import type { Warninglists } from '../warninglists/index.ts';

export function warninglistsOfIndicator(
  lists: readonly Warninglists[],
  indicator: Indicator,
): string[] {
  const names = new Set<string>();
  const add = (matches: { name: string }[]): void => {
    for (const match of matches) names.add(match.name);
  };
  for (const set of lists) {
    switch (indicator.type) {
      case 'ipv4':
      case 'ipv6':
        add(set.matchIp(indicator.value));
        break;
      case 'cidr':
        // A range is benign infrastructure when its network address is.
        add(set.matchIp(indicator.value.slice(0, indicator.value.indexOf('/'))));
        break;
      case 'domain':
        add(set.matchDomain(indicator.value));
        break;
      case 'url': {
        // Only a bare origin is judged by its host: a path on a popular host can still be bad
        // (phishing pages on file-sharing sites).
        const url = new URL(indicator.value);
        if (url.pathname === '/' && url.search === '') add(set.matchDomain(url.hostname));
        break;
      }
      default:
        break;
    }
  }
  return [...names].sort();
}
