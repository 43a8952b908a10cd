// Relationships (`_rels/*.rels`) that make Office fetch content when the document opens: a remote
// template (attachedTemplate), OLE object (CVE-2021-40444 with `mhtml:`, Follina's `!` URL), frame
// or subdocument; and URL schemes that start handlers (ms-msdt:, search-ms:) whatever the type.
import type { Finding } from '../../finding.ts';
import { unescapeXml } from './dde.ts';

const RELATIONSHIP = /<(?:\w+:)?Relationship\b[^>]*>/g;
const FETCHED_TYPES = /\/(oleObject|attachedTemplate|frame|subDocument|package)$/i;
const REMOTE = /^(?:https?:|mhtml:|file:|\\\\|\/\/)/i;
const HANDLER = /^(?:mhtml|ms-msdt|search-ms|ms-search|ms-officecmd|ms-excel|ms-word):/i;
const MAX_FINDINGS = 8;

/** Findings for the relationships of one `.rels` part. */
export function relationshipFindings(xml: string, part: string): Finding[] {
  const findings: Finding[] = [];
  for (const [tag] of xml.matchAll(RELATIONSHIP)) {
    const type = attribute(tag, 'Type');
    const target = attribute(tag, 'Target').trim();
    const external = /^external$/i.test(attribute(tag, 'TargetMode'));
    const kind = FETCHED_TYPES.exec(type)?.[1];
    if (HANDLER.test(target) || (external && kind !== undefined && REMOTE.test(target))) {
      findings.push({
        code: 'external-relationship',
        weight: 0.9,
        kind: 'weaponized',
        reason: `${part}: ${kind ?? type.slice(type.lastIndexOf('/') + 1)} fetched from ${target.slice(0, 300)}`,
      });
      if (findings.length >= MAX_FINDINGS) break;
    }
  }
  return findings;
}

function attribute(tag: string, name: string): string {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return unescapeXml(match?.[1] ?? match?.[2] ?? '');
}
