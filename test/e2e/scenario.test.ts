// The 2011 intrusion, end to end, as the CSIRT would see it. Targeted mail impersonating an
// official, with a document-named executable, reaches staff at two missions (Lima, Paris); it
// runs on one machine at each; both beacon to one command-and-control server in a watch-listed
// country, and Lima uploads credentials to it. Meanwhile a spam wave hits every mission, Defender
// cleans commodity malware at headquarters, a closed-network host reaches the internet, and every
// host polls its update and time servers. Ingested as Zeek logs, Windows event JSON and .eml
// files with the `chancery` command; asserted: one campaign incident over both missions with its
// hosts and observables, each incident's grade in the expected order, and nothing raised by the
// benign periodic traffic.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Alert, Incident } from '../../src/core/index.ts';
import type { IncidentSummary } from '../../src/incidents/summary.ts';
import { chancery } from '../support/cli.ts';
import { fixture } from '../support/data.ts';
import { scratchDir } from '../support/ingest.ts';
import { ConnLog } from '../support/zeek-log.ts';
import { buildMessage } from '../support/mail-builder.ts';
import { minimalPe } from '../support/weapons/containers.ts';

const DAY_START = Date.UTC(2011, 6, 12);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const C2 = '123.125.114.144'; // Beijing (CN), a watch-listed country
const OUTSIDE = '61.135.169.121';
const UPDATES = '13.107.4.50';
const NTP = '162.159.200.1';
const VICTIMS = [
  { site: 'lima', name: 'ws-lima-01', ip: '10.20.1.5', user: 'ichiro.sato@lima.mofa.go.jp' },
  { site: 'paris', name: 'ws-paris-03', ip: '10.30.1.7', user: 'hanako.ito@paris.mofa.go.jp' },
];
const PAYLOAD = minimalPe(2048);
const PAYLOAD_SHA256 = createHash('sha256').update(PAYLOAD).digest('hex');

const CONFIG = `name: Ministry of Foreign Affairs
domains: [mofa.go.jp]
watch_countries: [CN, KP]
sigma:
  rule_paths: [${JSON.stringify(fixture('rules', 'scenario'))}]
mail:
  vips: [{ name: Taro Yamada, addresses: [taro.yamada@mofa.go.jp] }]
`;

const SITES = `id,name,country,timezone_offset,open_cidrs,closed_cidrs,mail_domains
hq,Tokyo Headquarters,JP,+09:00,10.1.0.0/16,10.200.0.0/16,hq.mofa.go.jp
lima,Embassy in Lima,PE,-05:00,10.20.0.0/16,10.220.0.0/16,lima.mofa.go.jp
paris,Embassy in Paris,FR,+01:00,10.30.0.0/16,10.230.0.0/16,paris.mofa.go.jp
`;

const iso = (ms: number): string => new Date(ms).toISOString();
const mailDate = (ms: number): string => new Date(ms).toUTCString().replace('GMT', '+0000');

function targetedMail(to: string, at: number): Buffer {
  return buildMessage({
    from: '"Taro Yamada" <taro.yamada@mofa-go.jp>',
    to: [to],
    subject: 'Revised agenda: ASEAN Regional Forum senior officials meeting',
    date: mailDate(at),
    headers: ['Received: from mail.mofa-go.jp (mail.mofa-go.jp [45.32.18.7]) by mx1.mofa.go.jp'],
    text: 'Dear colleague,\n\nPlease find the revised agenda for the meeting attached.\n\nTaro Yamada',
    attachments: [
      { name: 'Revised_agenda.pdf.exe', bytes: PAYLOAD, mime: 'application/octet-stream' },
    ],
  });
}

function spam(n: number, at: number): Buffer {
  const sites = ['hq', 'lima', 'paris'];
  return buildMessage({
    from: 'Best Deals <deals@cheap-watches.example>',
    to: [`staff${String(n)}@${sites[n % 3] ?? 'hq'}.mofa.go.jp`],
    subject: 'Luxury watches 90% off, today only',
    date: mailDate(at),
    headers: [
      'List-Unsubscribe: <https://cheap-watches.example/unsubscribe>',
      'Precedence: bulk',
      // The gateway's spam filter marks it, as gateways in front of a ministry's mail do.
      'X-Spam-Flag: YES',
      'X-Spam-Status: Yes, score=14.2 required=5.0',
      'Received: from mta7.cheap-watches.example (mta7.cheap-watches.example [185.12.44.9]) by mx1.mofa.go.jp',
    ],
    html: '<p>Buy now: <a href="https://cheap-watches.example/sale">best prices</a></p>',
  });
}

function windowsLine(
  at: number,
  host: string,
  channel: string,
  eventId: number,
  data: Record<string, string>,
): string {
  return JSON.stringify({
    EventTime: iso(at).replace('T', ' ').slice(0, 19),
    '@timestamp': iso(at),
    Hostname: host,
    EventID: eventId,
    Channel: channel,
    SourceName: channel.startsWith('Microsoft-Windows-Sysmon')
      ? 'Microsoft-Windows-Sysmon'
      : 'Microsoft-Windows-Windows Defender',
    ...data,
  });
}

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';
const DEFENDER = 'Microsoft-Windows-Windows Defender/Operational';

function victimEvents(victim: (typeof VICTIMS)[number], at: number): string {
  const image = `C:\\Users\\${victim.user.split('.')[0] ?? 'u'}\\AppData\\Local\\Temp\\Revised_agenda.pdf.exe`;
  return [
    windowsLine(at, victim.name, SYSMON, 1, {
      UtcTime: iso(at).replace('T', ' ').slice(0, 23),
      ProcessId: '4242',
      Image: image,
      CommandLine: `"${image}"`,
      User: `MOFA\\${victim.user.split('@')[0] ?? ''}`,
      ParentImage: 'C:\\Program Files\\Microsoft Office\\Office14\\OUTLOOK.EXE',
      Hashes: `SHA256=${PAYLOAD_SHA256.toUpperCase()}`,
    }),
    windowsLine(at + 2 * MINUTE, victim.name, SYSMON, 3, {
      UtcTime: iso(at + 2 * MINUTE)
        .replace('T', ' ')
        .slice(0, 23),
      ProcessId: '4242',
      Image: image,
      Protocol: 'tcp',
      Initiated: 'true',
      SourceIp: victim.ip,
      SourcePort: '49211',
      DestinationIp: C2,
      DestinationPort: '443',
    }),
    '',
  ].join('\n');
}

function defenderEvents(at: number): string {
  const common = {
    'Threat Name': 'Trojan:Win32/Emotet.RT!MTB',
    'Severity Name': 'Severe',
    Path: 'file:_C:\\Users\\kenji\\Downloads\\invoice.js',
    'Detection User': 'MOFA\\kenji',
  };
  return [
    windowsLine(at, 'ws-hq-05', DEFENDER, 1116, { ...common }),
    windowsLine(at + MINUTE, 'ws-hq-05', DEFENDER, 1117, {
      ...common,
      'Action Name': 'Quarantine',
    }),
    '',
  ].join('\n');
}

function connLog(): string {
  const log = new ConnLog();
  const row = (
    ms: number,
    src: string,
    dst: string,
    port: number,
    bytes: number,
    duration = 0.4,
  ): void => log.add(ms, src, dst, port, bytes, duration);
  // Every host at every site polls its update server and keeps time, the day before too (a host
  // needs a day of history before its uploads are judged): periodic, and benign.
  const hosts = [
    ...['10.1.0.11', '10.1.0.12', '10.1.0.13', '10.1.0.14'],
    ...['10.20.1.5', '10.20.1.6', '10.20.1.8'],
    ...['10.30.1.7', '10.30.1.9', '10.30.1.10'],
  ];
  for (const [n, host] of hosts.entries()) {
    for (let k = 0; k < 96; k++)
      row(DAY_START - DAY + k * 30 * MINUTE + n * 7000, host, UPDATES, 443, 850);
    for (let k = 0; k < 169; k++)
      row(DAY_START - DAY + k * 17 * MINUTE + n * 3000, host, NTP, 123, 76, 0.01);
  }
  // The backdoor at each mission calls the C2 every 300 s ± 20% from an hour after delivery.
  for (const [v, victim] of VICTIMS.entries()) {
    let jitter = 13 + v * 17;
    for (
      let t = DAY_START + 60 * MINUTE;
      t < DAY_START + 24 * 60 * MINUTE;
      t += (240 + (jitter = (jitter * 31 + 11) % 121)) * 1000
    )
      row(t, victim.ip, C2, 443, 420);
  }
  // Lima's backdoor sends the harvested credential store out: 80 MB in one connection.
  row(DAY_START + 12 * 60 * MINUTE, '10.20.1.5', C2, 443, 80_000_000, 95);
  // A closed-network host at headquarters reaches the internet.
  row(DAY_START + 9 * 60 * MINUTE, '10.200.0.9', OUTSIDE, 443, 5200, 2);
  return log.text();
}

function incidents(data: string, extra: string[] = []): IncidentSummary[] {
  const listed = chancery(data, ['incidents', 'list', '--json', '-n', '200', ...extra]);
  assert.equal(listed.status, 0, listed.stderr);
  return JSON.parse(listed.stdout) as IncidentSummary[];
}

test('the 2011 scenario: one campaign over two missions, graded incidents, benign traffic silent', () => {
  const data = scratchDir('chancery-scenario-');
  writeFileSync(join(data, 'chancery.yaml'), CONFIG);
  const input = mkdtempSync(join(tmpdir(), 'chancery-scenario-in-'));
  writeFileSync(join(input, 'sites.csv'), SITES);
  assert.equal(chancery(data, ['sites', 'import', join(input, 'sites.csv')]).status, 0);

  // Mail first, as it arrived: the lures at 00:30, the spam wave from 03:00.
  const mail = join(input, 'mail');
  mkdirSync(mail);
  for (const [v, victim] of VICTIMS.entries())
    writeFileSync(
      join(mail, `lure-${String(v)}.eml`),
      targetedMail(victim.user, DAY_START + 30 * MINUTE + v * MINUTE),
    );
  for (let n = 0; n < 40; n++)
    writeFileSync(
      join(mail, `spam-${String(n)}.eml`),
      spam(n, DAY_START + 3 * 60 * MINUTE + n * MINUTE),
    );
  const ingestMail = chancery(data, ['ingest', mail]);
  assert.equal(ingestMail.status, 0, ingestMail.stderr);

  // Each site's Windows events come from its own collector.
  for (const [v, victim] of VICTIMS.entries()) {
    const file = join(input, `${victim.site}-sysmon.ndjson`);
    writeFileSync(file, victimEvents(victim, DAY_START + 45 * MINUTE + v * 5 * MINUTE));
    const ingested = chancery(data, ['ingest', '--site', victim.site, file]);
    assert.equal(ingested.status, 0, ingested.stderr);
  }
  const defender = join(input, 'hq-defender.ndjson');
  writeFileSync(defender, defenderEvents(DAY_START + 5 * 60 * MINUTE));
  assert.equal(chancery(data, ['ingest', '--site', 'hq', defender]).status, 0);

  const conn = join(input, 'conn.log');
  writeFileSync(conn, connLog());
  const ingestConn = chancery(data, ['ingest', conn]);
  assert.equal(ingestConn.status, 0, ingestConn.stderr);

  // Nothing about the benign periodic traffic.
  const alerts = JSON.parse(
    chancery(data, ['alerts', 'list', '--json', '-n', '500']).stdout,
  ) as Alert[];
  const rules = [...new Set(alerts.map((alert) => alert.rule.id))].sort();
  for (const alert of alerts)
    for (const observable of alert.observables)
      assert.ok(
        ![UPDATES, NTP].includes(observable.value),
        `${alert.rule.name} names ${observable.value}`,
      );
  for (const expected of [
    'chancery-mail-targeted-weaponized',
    'chancery-mail-spam-wave',
    'chancery-network-beacon',
    'chancery-network-upload',
    'chancery-network-zone-breach',
  ])
    assert.ok(rules.includes(expected), `${expected} in ${rules.join(', ')}`);

  // Only Lima sent data out; beacons of a few hundred bytes are not uploads.
  const uploads = alerts.filter((alert) => alert.rule.id === 'chancery-network-upload');
  assert.deepEqual([...new Set(uploads.map((alert) => alert.host))], ['10.20.1.5']);
  // Where the data went is on the alert: the grade reads the watch-listed country from it.
  assert.ok(
    uploads.every((alert) => (alert.details?.destination as { country?: string }).country === 'CN'),
  );

  const all = incidents(data);
  const campaigns = all.filter((incident) => incident.members !== undefined);
  assert.equal(
    campaigns.length,
    1,
    JSON.stringify(
      all.map((i) => [i.id, i.title, i.sites]),
      null,
      1,
    ),
  );
  const campaign = campaigns[0] as IncidentSummary;
  assert.deepEqual(campaign.sites, ['lima', 'paris']);
  for (const host of ['ws-lima-01', 'ws-paris-03', '10.20.1.5', '10.30.1.7'])
    assert.ok(campaign.hosts.includes(host), `${host} in ${campaign.hosts.join(', ')}`);
  const observed = new Set(campaign.observables.map((o) => `${o.type}:${o.value}`));
  for (const expected of [`ip:${C2}`, `sha256:${PAYLOAD_SHA256}`, 'email:taro.yamada@mofa-go.jp'])
    assert.ok(observed.has(expected), `${expected} in the campaign`);
  assert.equal(campaign.campaign_id, campaign.id);

  const open = all.filter(
    (incident) => incident.members === undefined && incident.status !== 'closed',
  );
  const one = (predicate: (i: IncidentSummary) => boolean, what: string): IncidentSummary => {
    const found = open.filter(predicate);
    assert.equal(
      found.length,
      1,
      `${what}: ${JSON.stringify(open.map((i) => [i.title, i.category, i.sites, i.hosts]))}`,
    );
    return found[0] as IncidentSummary;
  };
  const lima = one(
    (i) => i.sites.includes('lima') && i.hosts.includes('ws-lima-01'),
    'the Lima backdoor',
  );
  const paris = one(
    (i) => i.sites.includes('paris') && i.hosts.includes('ws-paris-03'),
    'the Paris backdoor',
  );
  const spamWave = one((i) => i.category === 'spam', 'the spam wave');
  const commodity = one((i) => i.hosts.includes('ws-hq-05'), 'the commodity malware');
  const breach = one((i) => i.category === 'closed-network-breach', 'the closed-network breach');
  assert.equal(lima.campaign_id, campaign.id);
  assert.equal(paris.campaign_id, campaign.id);

  // The grades, in the order the government asked for: spam lowest; commodity malware removed by
  // antivirus below a targeted backdoor; a backdoor with an upload to a watch-listed country ≥ 4.
  const levels = Object.fromEntries(
    [lima, paris, spamWave, commodity, breach, campaign].map((i) => [i.title, i.severity]),
  );
  const message = JSON.stringify(levels);
  for (const other of [lima, paris, commodity, breach, campaign])
    assert.ok(spamWave.severity < other.severity, message);
  assert.ok(spamWave.severity <= 1, message);
  assert.ok(commodity.severity < paris.severity, message);
  assert.ok(paris.severity >= 3, message);
  assert.ok(lima.severity > paris.severity, `${message}: only Lima's data left`);
  assert.ok(lima.severity >= 4, message);
  assert.ok(breach.severity >= 4, message);
  assert.ok(campaign.severity >= lima.severity, message);
  for (const incident of [lima, breach, campaign]) {
    assert.ok(incident.reasons.length > 3, 'each grade comes with its reasons');
    assert.ok(
      incident.report_due !== undefined,
      `${incident.title}: a level ≥ 3 incident has a reporting deadline`,
    );
  }
  assert.equal(spamWave.report_due, undefined);
  assert.deepEqual(spamWave.sites, ['hq', 'lima', 'paris'], 'the wave reached every mission');

  // The analyst's view of the campaign and its report for the authority.
  const shown = JSON.parse(
    chancery(data, ['incidents', 'show', campaign.id, '--json']).stdout,
  ) as Incident;
  assert.ok(shown.timeline.some((entry) => entry.kind === 'linked'));
  const html = chancery(data, ['incidents', 'report', lima.id]);
  assert.equal(html.status, 0, html.stderr);
  for (const element of ['Functional impact', 'Information impact', 'Recoverability', C2])
    assert.ok(html.stdout.includes(element), `${element} in the report`);

  // Correlating the whole history again changes nothing.
  const again = chancery(data, ['analyze', '--since', '2011-07-10T00:00:00Z', '--json']);
  assert.equal(again.status, 0, again.stderr);
  assert.equal(
    (JSON.parse(again.stdout) as { incidents: { created: number } }).incidents.created,
    0,
  );
  assert.equal(incidents(data).length, all.length);
});
