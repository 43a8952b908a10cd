// Mail verdicts into the common alert stream. Targeted mail and phishing raise alerts; spam and
// suspicious mail stay in the verdict list. Every alert carries the observables incidents link
// by: sender address and domain, sending IP, links, attachment hashes, recipients and their sites.
import type { Alert, AlertLevel, EcsEvent, Observable, ObservableType } from '../../core/index.ts';
import type { MailVerdict } from './analysis.ts';
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
