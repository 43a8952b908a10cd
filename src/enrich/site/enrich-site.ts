// Enrichment stage: gives each event the site and zone of its addresses. An explicit site (from
// `--site`, a listener, or the HTTP request) overrides the address match for the event's site.
import type { EcsEvent, EndpointFields, Site } from '../../core/index.ts';
import type { SiteMatcher } from './site-matcher.ts';

export function enrichSite(event: EcsEvent, matcher: SiteMatcher, explicitSite?: Site): void {
  const source = event.source;
  const destination = event.destination;
  const sourceSite = source?.ip !== undefined ? tagEndpoint(source, matcher) : undefined;
  const destinationSite =
    destination?.ip !== undefined ? tagEndpoint(destination, matcher) : undefined;
  let site = explicitSite ?? sourceSite ?? destinationSite;
  if (site === undefined) {
    const hostIp = event.host?.ip?.[0];
    site = hostIp !== undefined ? matcher.match(hostIp)?.site : undefined;
  }
  if (site === undefined) return;
  event.site = { id: site.id, name: site.name, country: site.country };
  const zone =
    sourceSite === site && source?.zone !== undefined
      ? source.zone
      : destinationSite === site
        ? destination?.zone
        : undefined;
  if (zone !== undefined) (event.network ??= {}).zone = zone;
}

function tagEndpoint(endpoint: EndpointFields, matcher: SiteMatcher): Site | undefined {
  const { match, zone } = matcher.classify(endpoint.ip as string);
  if (zone !== undefined) endpoint.zone = zone;
  if (match === undefined) return undefined;
  endpoint.site = match.site.id;
  return match.site;
}
