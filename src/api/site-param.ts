// A `?site=` parameter: the site it names, undefined when absent, a 404 when no such site exists.
import { ChanceryError, type Site } from '../core/index.ts';
import type { SiteStore } from '../storage/ports.ts';

export async function siteOf(sites: SiteStore, id: string | undefined): Promise<Site | undefined> {
  if (id === undefined) return undefined;
  const site = (await sites.list()).find((candidate) => candidate.id === id);
  if (site === undefined) throw new ChanceryError('CHN_ERR_NOT_FOUND', `No site '${id}'`);
  return site;
}
