// Test helper: alerts shaped as each detector builds them (see detect/*/…-alerts.ts and the
// Sigma detector), and the incidents the grade tests compare. Only tests import this file.
import type { Alert, AlertLevel, EcsEvent } from '../../core/index.ts';

const TIME = '2025-03-04T08:15:00.000Z';
let serial = 0;

export function ecsEvent(fields: Partial<EcsEvent> & { dataset?: string } = {}): EcsEvent {
  const { dataset = 'windows.sysmon_operational', ...rest } = fields;
  serial++;
  return {
    '@timestamp': TIME,
    event: { id: `evt-${String(serial)}`, kind: 'event', dataset, module: 'test', original: '{}' },
    ...rest,
  };
}

function alert(parts: Partial<Alert> & Pick<Alert, 'detector' | 'rule' | 'level'>): Alert {
  serial++;
  return {
    id: `alert-${String(serial)}`,
    tags: [],
    '@timestamp': TIME,
    last_seen: TIME,
    count: 1,
    event_ids: [],
    matched: [],
    observables: [],
    retrospective: false,
    created: TIME,
    ...parts,
  };
}

interface Where {
  host: string;
  site: string;
}

export function sigmaAlert(
  title: string,
  tags: string[],
  where: Where,
  extra: { level?: AlertLevel; event?: EcsEvent; logsource?: Record<string, string> } = {},
): Alert {
  const event =
    extra.event ??
    ecsEvent({ host: { name: where.host }, site: { id: where.site }, network: { zone: 'open' } });
  return alert({
    detector: 'sigma',
    rule: { id: `sigma-${title.toLowerCase().replaceAll(' ', '-')}`, name: title, author: 'test' },
    level: extra.level ?? 'high',
    tags,
    host: where.host,
    site: { id: where.site },
    event,
    event_ids: [event.event.id],
    details: { status: 'stable', logsource: extra.logsource ?? { product: 'windows' } },
  });
}

/** SigmaHQ `win_defender_threat`: Defender found (1116) or acted on (1117) a threat. */
export function defenderAlert(
  where: Where,
  eventId: 1116 | 1117 | 1118,
  threat = 'Trojan:Win32/AgentTesla!ml',
): Alert {
  const event = ecsEvent({
    dataset: 'windows.microsoft_windows_windows_defender_operational',
    host: { name: where.host },
    site: { id: where.site },
    winlog: {
      channel: 'Microsoft-Windows-Windows Defender/Operational',
      event_id: eventId,
      provider_name: 'Microsoft-Windows-Windows Defender',
      event_data: {
        'Threat Name': threat,
        'Severity Name': 'Severe',
        'Category Name': 'Trojan',
        Path: 'file:_C:\\Users\\clerk\\Downloads\\invoice.exe',
        'Action Name': eventId === 1116 ? 'Not Applicable' : 'Quarantine',
      },
    },
  });
  event.event.code = String(eventId);
  return sigmaAlert(
    'Windows Defender Threat Detected',
    ['attack.execution', 'attack.t1059'],
    where,
    {
      event,
      logsource: { product: 'windows', service: 'windefend' },
    },
  );
}

export function mailAlert(
  verdict: 'targeted' | 'phishing',
  recipientSites: string[],
  weaponized = false,
): Alert {
  const suffix = weaponized ? '-weaponized' : '';
  return alert({
    detector: 'mail',
    rule: {
      id: `chancery-mail-${verdict}${suffix}`,
      name: `${verdict === 'targeted' ? 'Targeted mail' : 'Phishing mail'}${weaponized ? ' with a weaponized attachment' : ''}`,
      author: 'Chancery',
      source: 'chancery/mail',
    },
    level: verdict === 'targeted' ? 'critical' : 'medium',
    tags: ['attack.initial-access', 'attack.t1566.001', `chancery.mail.${verdict}`],
    ...(recipientSites[0] === undefined ? {} : { site: { id: recipientSites[0] } }),
    details: { verdict, score: 9, recipient_sites: recipientSites, reasons: [] },
  });
}

export function spamWaveAlert(recipientSites: string[]): Alert {
  return alert({
    detector: 'mail',
    rule: { id: 'chancery-mail-spam-wave', name: 'Spam wave', author: 'Chancery' },
    level: 'low',
    count: 1800,
    ...(recipientSites[0] === undefined ? {} : { site: { id: recipientSites[0] } }),
    details: {
      verdict: 'spam',
      campaign_id: 'c1',
      messages: 1800,
      recipient_sites: recipientSites,
    },
  });
}

export function networkAlert(
  kind: 'beacon' | 'long-connection' | 'dns-tunnel' | 'upload' | 'scan' | 'zone-breach',
  where: { src: string; site: string; dst: string },
  extra: { country?: string; rare?: boolean; outward?: boolean } = {},
): Alert {
  const pair = kind === 'beacon' || kind === 'long-connection';
  const components: Record<string, number> = pair ? { beacon: 0.8 } : { bytes: 5e8 };
  if (extra.rare === true) components.rare = 0.15;
  if (kind === 'zone-breach') components.outward = extra.outward === false ? 0 : 1;
  const details: Record<string, unknown> = { score: 0.9, components, reasons: [] };
  if (pair)
    details.destination = {
      addresses: [where.dst],
      lists: [],
      ...(extra.country === undefined ? {} : { country: extra.country }),
    };
  return alert({
    detector: 'network',
    rule: { id: `chancery-network-${kind}`, name: `Network ${kind}`, author: 'Chancery' },
    level: 'high',
    tags: kind === 'upload' ? ['attack.exfiltration'] : ['attack.command-and-control'],
    host: where.src,
    site: { id: where.site },
    matched: [
      { field: 'source.ip', value: where.src },
      { field: 'destination', value: where.dst },
    ],
    observables: [
      { type: 'ip', value: where.src, role: 'source' },
      { type: 'ip', value: where.dst, role: 'destination' },
    ],
    details,
  });
}

export function intelAlert(
  value: string,
  role: string,
  where: Where,
  context: string[] = [],
  event?: EcsEvent,
): Alert {
  const hitEvent = event ?? ecsEvent({ host: { name: where.host }, site: { id: where.site } });
  return alert({
    detector: 'intel',
    rule: {
      id: `chancery-intel:domain:${value}`,
      name: `Known-bad domain ${value}`,
      author: 'feed',
    },
    level: 'high',
    tags: ['chancery.intel', 'tlp.amber'],
    host: where.host,
    site: { id: where.site },
    event: hitEvent,
    matched: [{ field: `${role}.domain`, value }],
    details: {
      indicator: {
        type: 'domain',
        value,
        tlp: 'amber',
        confidence: 80,
        sources: [{ name: 'feed', ref: 'x', context }],
      },
      matched_role: role,
    },
  });
}

const TKY = { host: 'ws-tky-014', site: 'tky' };
const C2 = '203.0.113.50';

/** The incidents the ordering tests compare, from the least to the most serious. */
export const scenarios = {
  spam: () => [spamWaveAlert(['tky', 'lon', 'bkk'])],
  bulkPhishing: () => [mailAlert('phishing', ['tky', 'lon', 'bkk'])],
  commodityMalware: () => [defenderAlert(TKY, 1116), defenderAlert(TKY, 1117)],
  targetedBackdoor: () => [
    mailAlert('targeted', ['tky'], true),
    sigmaAlert(
      'Suspicious Encoded PowerShell Command Line',
      ['attack.execution', 'attack.t1059.001'],
      TKY,
    ),
    networkAlert(
      'beacon',
      { src: '10.20.1.14', site: 'tky', dst: C2 },
      { rare: true, country: 'NL' },
    ),
  ],
  backdoorExfiltration: () => [
    mailAlert('targeted', ['tky'], true),
    sigmaAlert(
      'Suspicious Encoded PowerShell Command Line',
      ['attack.execution', 'attack.t1059.001'],
      TKY,
    ),
    networkAlert(
      'beacon',
      { src: '10.20.1.14', site: 'tky', dst: C2 },
      { rare: true, country: 'RU' },
    ),
    networkAlert('upload', { src: '10.20.1.14', site: 'tky', dst: C2 }),
  ],
  closedBreach: () => [
    networkAlert('zone-breach', { src: '10.99.0.7', site: 'tky', dst: '10.20.1.30' }),
  ],
  campaign: () =>
    ['tky', 'lon', 'bkk', 'nbo', 'bsb'].flatMap((site, index) => [
      mailAlert('targeted', [site], true),
      networkAlert('beacon', { src: `10.${String(index)}.1.5`, site, dst: C2 }, { rare: true }),
    ]),
};

export const WATCH = { watchCountries: ['RU', 'KP'] };
