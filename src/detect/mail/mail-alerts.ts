// Mail verdicts into the common alert stream. Targeted mail and phishing raise alerts; spam and
// suspicious mail stay in the verdict list. Every alert carries the observables incidents link
// by: sender address and domain, sending IP, links, attachment hashes, recipients and their sites.
import type { Alert, AlertLevel, EcsEvent, Observable, ObservableType } from '../../core/index.ts';
import type { MailVerdict } from './analysis.ts';
import type { MailCampaign } from './campaigns.ts';
import { domainOf } from './sender/index.ts';

const MAX_OBSERVABLES = 60;

/** The alert for one verdict, or undefined when the verdict raises none. */
export function mailAlert(
  verdict: MailVerdict,
  event: EcsEvent | undefined,
  options: { retrospective: boolean; now: Date; siteOf?: (address: string) => string | undefined },
): Alert | undefined {
  if (verdict.verdict !== 'targeted' && verdict.verdict !== 'phishing') return undefined;
  const weaponized = verdict.findings.some((finding) => finding.kind === 'weaponized');
  const level: AlertLevel =
    verdict.verdict === 'targeted'
      ? weaponized
        ? 'critical'
        : 'high'
      : weaponized
        ? 'high'
        : 'medium';
  const time =
    event?.['@timestamp'] ?? (verdict.date === '' ? options.now.toISOString() : verdict.date);
  const recipients = [...verdict.to, ...verdict.cc];
  const recipientSites = [
    ...new Set(recipients.flatMap((address) => options.siteOf?.(address) ?? [])),
  ];
  const alert: Alert = {
    id: '',
    detector: 'mail',
    rule: {
      id: `chancery-mail-${verdict.verdict}${weaponized ? '-weaponized' : ''}`,
      name:
        verdict.verdict === 'targeted'
          ? `Targeted mail${weaponized ? ' with a weaponized attachment' : ''}`
          : `Phishing mail${weaponized ? ' with a weaponized attachment' : ''}`,
      author: 'Chancery',
      description: 'Mail analysis verdict: sender, link, content and attachment signals.',
      source: 'chancery/mail',
    },
    level,
    tags: tagsOf(verdict, weaponized),
    '@timestamp': time,
    last_seen: time,
    count: 1,
    event_ids: verdict.event_id === '' ? [] : [verdict.event_id],
    // What makes two alerts "the same": the same lure from the same sender.
    matched: [
      { field: 'email.from.address', value: verdict.from },
      { field: 'email.subject', value: verdict.subject.slice(0, 200) },
    ],
    observables: observablesOf(verdict),
    retrospective: options.retrospective,
    created: options.now.toISOString(),
    details: {
      verdict: verdict.verdict,
      score: verdict.score,
      reasons: verdict.reasons,
      message_id: verdict.message_id,
      recipients,
      recipient_sites: recipientSites,
      attachments: verdict.attachments.map(({ path, sha256, type, findings }) => ({
        path,
        sha256,
        type,
        findings: findings.map((finding) => finding.code),
      })),
      ...(verdict.campaign_id === undefined ? {} : { campaign_id: verdict.campaign_id }),
    },
  };
  const site = event?.site ?? verdict.site;
  if (site !== undefined)
    alert.site = { id: site.id, ...(site.name === undefined ? {} : { name: site.name }) };
  else if (recipientSites[0] !== undefined) alert.site = { id: recipientSites[0] };
  if (event !== undefined) alert.event = event;
  return alert;
}

function tagsOf(verdict: MailVerdict, weaponized: boolean): string[] {
  const tags = ['attack.initial-access'];
  if (weaponized) tags.push('attack.t1566.001');
  if (verdict.urls.length > 0) tags.push('attack.t1566.002');
  if (verdict.lures.includes('credential')) tags.push('attack.t1598');
  tags.push(`chancery.mail.${verdict.verdict}`);
  return tags;
}

function observablesOf(verdict: MailVerdict): Observable[] {
  const out: Observable[] = [];
  const seen = new Set<string>();
  const add = (type: ObservableType, value: string | undefined, role: string): void => {
    if (value === undefined || value === '' || out.length >= MAX_OBSERVABLES) return;
    const key = `${type}\u0000${value}\u0000${role}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ type, value, role });
  };
  add('email', verdict.from, 'sender');
  add('domain', domainOf(verdict.from), 'sender');
  add('ip', verdict.sending_ip, 'sender');
  for (const attachment of verdict.attachments) {
    add('sha256', attachment.sha256, 'attachment');
    add('md5', attachment.md5, 'attachment');
    add('file', attachment.path, 'attachment');
  }
  for (const url of verdict.urls) add('url', url, 'link');
  for (const domain of verdict.link_domains) add('domain', domain, 'link');
  for (const recipient of [...verdict.to, ...verdict.cc]) add('email', recipient, 'recipient');
  return out;
}

/**
 * A spam campaign that surged (a wave) is one low alert per campaign: spam is graded, not
 * ignored, but never as more than spam. Its observables are the campaign's sending
 * infrastructure, so incidents can tell a wave apart from targeted mail.
 */
export function spamWaveAlerts(
  campaigns: readonly MailCampaign[],
  options: { retrospective: boolean; now: Date; siteOf?: (address: string) => string | undefined },
): Alert[] {
  const alerts: Alert[] = [];
  for (const campaign of campaigns) {
    if (campaign.verdict !== 'spam' || campaign.waves.length === 0) continue;
    const observables: Observable[] = [
      ...campaign.senders.map((value) => ({ type: 'email' as const, value, role: 'sender' })),
      ...campaign.sending_ips.map((value) => ({ type: 'ip' as const, value, role: 'sender' })),
    ];
    const first = campaign.waves[0]?.start ?? campaign.first_seen;
    // The sites its recipients work at (the campaign's own sites are those of ingest).
    const sites = [
      ...new Set([
        ...campaign.sites,
        ...campaign.recipients.flatMap((address) => options.siteOf?.(address) ?? []),
      ]),
    ].sort();
    const alert: Alert = {
      id: '',
      detector: 'mail',
      rule: {
        id: 'chancery-mail-spam-wave',
        name: 'Spam wave',
        author: 'Chancery',
        description: 'A surge of spam from one campaign, far above the hours before it.',
        source: 'chancery/mail',
      },
      level: 'low',
      tags: [],
      '@timestamp': first,
      last_seen: campaign.last_seen,
      count: campaign.messages,
      event_ids: campaign.event_ids.slice(0, 20),
      matched: [{ field: 'mail.campaign', value: campaign.id }],
      observables,
      retrospective: options.retrospective,
      created: options.now.toISOString(),
      details: {
        verdict: 'spam',
        campaign_id: campaign.id,
        messages: campaign.messages,
        waves: campaign.waves,
        recipient_sites: sites,
        subjects: campaign.subjects.slice(0, 5),
      },
    };
    if (sites[0] !== undefined) alert.site = { id: sites[0] };
    alerts.push(alert);
  }
  return alerts;
}
