// Which site a mailbox belongs to. Missions often have their own mail subdomain
// (`beijing.mofa.example`); a site lists its domains in the registry's `mail_domains` column
// (space or semicolon separated) and its mailboxes in `mailboxes`, when it has named ones.
import type { Site } from '../../core/index.ts';
import { isSameOrSubdomain } from './sender/index.ts';

export class RecipientSites {
  readonly #mailboxes = new Map<string, string>();
  readonly #domains: { domain: string; site: string }[] = [];

  constructor(sites: readonly Site[]) {
    for (const site of sites) {
      for (const mailbox of words(site.attributes.mailboxes)) this.#mailboxes.set(mailbox, site.id);
      for (const domain of words(site.attributes.mail_domains))
        this.#domains.push({ domain, site: site.id });
    }
    // The most specific domain wins: `beijing.mofa.example` before `mofa.example`.
    this.#domains.sort((a, b) => b.domain.length - a.domain.length);
  }

  /** The site id of a mailbox, or undefined when the registry does not say. */
  siteOf(address: string): string | undefined {
    const lower = address.toLowerCase();
    const direct = this.#mailboxes.get(lower);
    if (direct !== undefined) return direct;
    const domain = lower.slice(lower.lastIndexOf('@') + 1);
    return this.#domains.find((entry) => isSameOrSubdomain(domain, entry.domain))?.site;
  }
}

function words(value: string | undefined): string[] {
  return (value ?? '')
    .toLowerCase()
    .split(/[\s;,]+/)
    .filter((word) => word !== '');
}
