// Mail campaigns and waves. Messages that share sender infrastructure (sending address, non-free
// sender domain, sending IP), an attachment hash, a link domain or the same lure (subject with
// the per-recipient tokens taken out) are linked; each connected group of two or more messages is
// one campaign. A wave is an hour whose volume jumps far above the hours before it.
import { createHash } from 'node:crypto';
import type { MailVerdict } from './analysis.ts';
import { SHORTENERS } from './content/link-signals.ts';
import { isFreeMail, registrableDomain } from './sender/index.ts';
import { VERDICTS, type Verdict } from './verdict/grade.ts';

export interface Wave {
  /** Start of the hour, ISO 8601. */
  start: string;
  messages: number;
  /** The median hourly volume of the 24 hours before. */
  baseline: number;
}

export interface MailCampaign {
  id: string;
  messages: number;
  /** The worst verdict among its messages. */
  verdict: Verdict;
  first_seen: string;
  last_seen: string;
  /** Why its messages were grouped: the shared keys, e.g. `attachment sha256 9f86…`. */
  shared: string[];
  senders: string[];
  sending_ips: string[];
  recipients: string[];
  sites: string[];
  subjects: string[];
  attachment_sha256: string[];
  link_domains: string[];
  message_ids: string[];
  event_ids: string[];
  waves: Wave[];
}

export interface CampaignOptions {
  /** Domains too common to link messages by (the organization's own, big platforms). */
  ignoreDomains?: readonly string[];
  /** Least messages in an hour for a wave. */
  minWave?: number;
}

const MAX_LISTED = 50;
const HOUR_MS = 3_600_000;
const COMMON_LINK_DOMAINS = new Set([
  'google.com',
  'gstatic.com',
  'googleapis.com',
  'microsoft.com',
  'office.com',
  'live.com',
  'outlook.com',
  'apple.com',
  'facebook.com',
  'twitter.com',
  'x.com',
  'instagram.com',
  'linkedin.com',
  'youtube.com',
  'w3.org',
  'amazonaws.com',
  'cloudfront.net',
  'akamaihd.net',
]);

/** Campaigns among the messages that are not clean, largest first. */
export function findCampaigns(
  verdicts: readonly MailVerdict[],
  options: CampaignOptions = {},
): MailCampaign[] {
  // Shorteners and big platforms carry every campaign's links: sharing one says nothing.
  const ignore = new Set([...COMMON_LINK_DOMAINS, ...SHORTENERS, ...(options.ignoreDomains ?? [])]);
  const messages = verdicts.filter((verdict) => verdict.verdict !== 'clean');
  const parent = messages.map((_, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root] ?? root;
    while (parent[index] !== root) {
      const next = parent[index] ?? root;
      parent[index] = root;
      index = next;
    }
    return root;
  };
  const owner = new Map<string, number>();
  const keysOf = messages.map((message) => linkKeys(message, ignore));
  keysOf.forEach((keys, index) => {
    for (const key of keys) {
      const first = owner.get(key);
      if (first === undefined) owner.set(key, index);
      else parent[find(index)] = find(first);
    }
  });
  const groups = new Map<number, number[]>();
  messages.forEach((_, index) => {
    const root = find(index);
    const group = groups.get(root) ?? [];
    group.push(index);
    groups.set(root, group);
  });
  const campaigns: MailCampaign[] = [];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const list = members.map((index) => messages[index]).filter((m) => m !== undefined);
    const keyCounts = new Map<string, number>();
    for (const index of members)
      for (const key of keysOf[index] ?? []) keyCounts.set(key, (keyCounts.get(key) ?? 0) + 1);
    campaigns.push(campaignOf(list, keyCounts, options.minWave ?? 5));
  }
  return campaigns.sort(
    (a, b) => b.messages - a.messages || a.first_seen.localeCompare(b.first_seen),
  );
}

/** The keys a message links by; two messages sharing any one are in the same campaign. */
export function linkKeys(message: MailVerdict, ignore: ReadonlySet<string>): string[] {
  const keys = new Set<string>();
  if (message.from !== '') {
    keys.add(`sender ${message.from}`);
    const domain = registrableDomain(message.from.slice(message.from.indexOf('@') + 1));
    if (domain !== undefined && !isFreeMail(domain) && !ignore.has(domain))
      keys.add(`sender domain ${domain}`);
  }
  if (message.sending_ip !== undefined) keys.add(`sending IP ${message.sending_ip}`);
  for (const attachment of message.attachments) {
    if (attachment.size > 0 && attachment.type !== 'image')
      keys.add(`attachment sha256 ${attachment.sha256}`);
  }
  for (const domain of message.link_domains)
    if (!ignore.has(domain)) keys.add(`link domain ${domain}`);
  const lure = lureKey(message.subject);
  if (lure !== undefined) keys.add(`subject "${lure}"`);
  return [...keys];
}

/** The subject with reply prefixes, numbers, random tokens and addresses taken out. */
export function lureKey(subject: string): string | undefined {
  const key = subject
    .toLowerCase()
    .replace(/^(?:\s*(?:re|fw|fwd|aw|wg|tr|res|enc|sv|vs)\s*(?:\[\d+\])?\s*:)+/i, '')
    .replace(/\S+@\S+/g, ' ')
    .replace(/\b(?=[a-z0-9]*\d)[a-z0-9]{5,}\b/gi, ' ')
    .replace(/[\d#*~_.,:;!?()[\]{}<>|/\\"'`-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return key.length >= 12 ? key : undefined;
}

function campaignOf(
  messages: readonly MailVerdict[],
  keyCounts: ReadonlyMap<string, number>,
  minWave: number,
): MailCampaign {
  const sorted = [...messages].sort(
    (a, b) => a.date.localeCompare(b.date) || a.event_id.localeCompare(b.event_id),
  );
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const unique = (values: Iterable<string>): string[] =>
    [...new Set(values)].filter((v) => v !== '').slice(0, MAX_LISTED);
  const worst = Math.max(...messages.map((message) => VERDICTS.indexOf(message.verdict)));
  return {
    id: `mc-${createHash('sha1')
      .update(first?.event_id || first?.message_id || '')
      .digest('hex')
      .slice(0, 16)}`,
    messages: messages.length,
    verdict: VERDICTS[worst] ?? 'suspicious',
    first_seen: first?.date ?? '',
    last_seen: last?.date ?? '',
    shared: [...keyCounts]
      .filter(([, count]) => count >= 2)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([key, count]) => `${key} (${count} messages)`),
    senders: unique(sorted.map((m) => m.from)),
    sending_ips: unique(sorted.flatMap((m) => (m.sending_ip === undefined ? [] : [m.sending_ip]))),
    recipients: unique(sorted.flatMap((m) => [...m.to, ...m.cc])),
    sites: unique(sorted.flatMap((m) => (m.site === undefined ? [] : [m.site.id]))),
    subjects: unique(sorted.map((m) => m.subject)).slice(0, 10),
    attachment_sha256: unique(sorted.flatMap((m) => m.attachments.map((a) => a.sha256))),
    link_domains: unique(sorted.flatMap((m) => m.link_domains)),
    message_ids: unique(sorted.map((m) => m.message_id)),
    event_ids: unique(sorted.map((m) => m.event_id)),
    waves: findWaves(
      sorted.map((m) => m.date),
      minWave,
    ),
  };
}

/**
 * Hours whose message count is at least `minWave` and four times the median of the 24 hours
 * before (plus one, so a quiet history does not make every small burst a wave).
 */
export function findWaves(dates: readonly string[], minWave = 5): Wave[] {
  const hours = new Map<number, number>();
  for (const date of dates) {
    const ms = Date.parse(date);
    if (Number.isNaN(ms)) continue;
    const hour = Math.floor(ms / HOUR_MS);
    hours.set(hour, (hours.get(hour) ?? 0) + 1);
  }
  const waves: Wave[] = [];
  for (const [hour, count] of [...hours].sort((a, b) => a[0] - b[0])) {
    if (count < minWave) continue;
    const before: number[] = [];
    for (let back = 1; back <= 24; back++) before.push(hours.get(hour - back) ?? 0);
    before.sort((a, b) => a - b);
    const baseline = ((before[11] ?? 0) + (before[12] ?? 0)) / 2;
    if (count >= 4 * (baseline + 1)) {
      waves.push({ start: new Date(hour * HOUR_MS).toISOString(), messages: count, baseline });
    }
  }
  return waves;
}
