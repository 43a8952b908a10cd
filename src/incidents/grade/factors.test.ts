import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Alert } from '../../core/index.ts';
import { incidentFactors, type GradeContext } from './factors.ts';
import {
  defenderAlert,
  ecsEvent,
  intelAlert,
  mailAlert,
  networkAlert,
  scenarios,
  sigmaAlert,
  spamWaveAlert,
  WATCH,
} from './test-alerts.ts';

const TKY = { host: 'ws-tky-014', site: 'tky' };
const LON = { host: 'ws-lon-002', site: 'lon' };

function factorsOf(alerts: Alert[], context: Partial<GradeContext> = {}) {
  return incidentFactors(alerts, { ...WATCH, ...context });
}

function reason(result: ReturnType<typeof factorsOf>, name: string): string {
  const found = result.reasons.find((text) => text.startsWith(`${name} `));
  assert.ok(found, `no ${name} reason in ${result.reasons.join(' | ')}`);
  return found;
}

test('stage: mail alone is delivery', () => {
  assert.equal(factorsOf([mailAlert('phishing', ['tky'])]).factors.stage, 'delivery');
  assert.equal(factorsOf([spamWaveAlert(['tky'])]).factors.stage, 'delivery');
});

test('stage: Sigma execution and persistence tactics and antivirus detections are execution', () => {
  const execution = sigmaAlert('Encoded PowerShell', ['attack.execution', 'attack.t1059.001'], TKY);
  const persistence = sigmaAlert('Run Key Added', ['attack.persistence', 'attack.t1547.001'], TKY);
  assert.equal(factorsOf([execution]).factors.stage, 'execution');
  assert.equal(factorsOf([persistence]).factors.stage, 'execution');
  assert.equal(factorsOf([defenderAlert(TKY, 1116)]).factors.stage, 'execution');
});

test('stage: command and control from Sigma tags (old and new spelling), beacons and intel', () => {
  const old = sigmaAlert('Cobalt Strike Named Pipe', ['attack.command_and_control'], TKY);
  const hyphen = sigmaAlert('Ngrok Tunnel', ['attack.command-and-control'], TKY);
  const beacon = networkAlert('beacon', { src: '10.20.1.14', site: 'tky', dst: '203.0.113.50' });
  const tunnel = networkAlert('dns-tunnel', { src: '10.20.1.14', site: 'tky', dst: 'x.example' });
  const intel = intelAlert('update-check.example', 'destination', TKY);
  for (const alert of [old, hyphen, beacon, tunnel, intel])
    assert.equal(factorsOf([alert]).factors.stage, 'command-and-control', alert.rule.name);
});

test('stage: intel on a process hash is execution, on a mail delivery', () => {
  assert.equal(factorsOf([intelAlert('abc', 'process', TKY)]).factors.stage, 'execution');
  const mail = ecsEvent({
    dataset: 'mail',
    email: { subject: 'Visa', from: { address: ['a@b.c'] } },
  });
  const onMail = factorsOf([intelAlert('b.c', 'sender', TKY, [], mail)]);
  assert.equal(onMail.factors.stage, 'delivery');
  assert.equal(onMail.factors.location, 'external');
});

test('stage: uploads, outward zone breaches and Sigma exfiltration tags are exfiltration', () => {
  const upload = networkAlert('upload', { src: '10.20.1.14', site: 'tky', dst: '198.51.100.9' });
  const breach = networkAlert('zone-breach', { src: '10.99.0.7', site: 'tky', dst: '8.8.8.8' });
  const rclone = sigmaAlert(
    'Rclone Exfiltration',
    ['attack.exfiltration', 'attack.t1567.002'],
    TKY,
  );
  for (const alert of [upload, breach, rclone])
    assert.equal(factorsOf([alert]).factors.stage, 'exfiltration', alert.rule.name);
  const inward = networkAlert(
    'zone-breach',
    { src: '8.8.8.8', site: 'tky', dst: '10.99.0.7' },
    { outward: false },
  );
  assert.equal(factorsOf([inward]).factors.stage, 'command-and-control');
});

test('stage: the furthest alert sets it and is named in the reason', () => {
  const result = factorsOf(scenarios.targetedBackdoor());
  assert.equal(result.factors.stage, 'command-and-control');
  assert.equal(
    reason(result, 'Stage'),
    'Stage command-and-control: the furthest any alert shows — “Network beacon” on 10.20.1.14 at tky.',
  );
});

test('actor: targeted mail, intel naming an intrusion set, or a Sigma group tag is targeted', () => {
  assert.equal(factorsOf([mailAlert('targeted', ['tky'])]).factors.actor, 'targeted');
  const apt = intelAlert('cdn-sync.example', 'destination', TKY, ['APT28 infrastructure']);
  const blizzard = intelAlert('cdn-sync.example', 'destination', TKY, ['Midnight Blizzard']);
  const group = sigmaAlert('Turla Named Pipe', ['attack.execution', 'attack.g0010'], TKY);
  for (const alert of [apt, blizzard, group])
    assert.equal(factorsOf([alert]).factors.actor, 'targeted', alert.rule.name);
  assert.match(reason(factorsOf([apt]), 'Actor'), /intelligence names APT28 infrastructure/);
  assert.match(reason(factorsOf([group]), 'Actor'), /intrusion set attack\.g0010/);
});

test('actor: a malware family alone does not make intel targeted', () => {
  const family = intelAlert('emotet-c2.example', 'destination', TKY, ['Emotet']);
  assert.equal(factorsOf([family]).factors.actor, 'untargeted');
});

test('actor: spam, bulk phishing and antivirus-caught malware are untargeted, and say why', () => {
  assert.match(
    reason(factorsOf([spamWaveAlert(['tky'])]), 'Actor'),
    /^Actor untargeted: spam — “Spam wave” at tky\.$/,
  );
  assert.match(reason(factorsOf([mailAlert('phishing', ['tky'])]), 'Actor'), /bulk phishing/);
  const av = reason(factorsOf([defenderAlert(TKY, 1117)]), 'Actor');
  assert.match(av, /antivirus caught commodity malware \(Trojan:Win32\/AgentTesla!ml\)/);
  assert.match(av, /“Windows Defender Threat Detected” on ws-tky-014 at tky/);
});

test('actor: targeted mail outweighs a commodity detection; a rare beacon is named with it', () => {
  const result = factorsOf([defenderAlert(TKY, 1117), ...scenarios.targetedBackdoor()]);
  assert.equal(result.factors.actor, 'targeted');
  const text = reason(result, 'Actor');
  assert.match(text, /a beacon to a rare destination follows the targeted mail/);
  assert.match(text, /“Network beacon” on 10\.20\.1\.14 at tky/);
});

test('location: closed when an event zone is closed or a zone breach is present', () => {
  const event = ecsEvent({
    host: { name: 'cbl-01' },
    site: { id: 'tky' },
    source: { zone: 'closed' },
  });
  const onClosed = sigmaAlert('Whoami Execution', ['attack.discovery'], TKY, { event });
  const result = factorsOf([onClosed]);
  assert.equal(result.factors.location, 'closed-network');
  assert.match(reason(result, 'Location'), /source\.zone is closed/);
  assert.equal(factorsOf(scenarios.closedBreach()).factors.location, 'closed-network');
});

test('location: several sites, one open LAN, or external for mail that reached no host', () => {
  const two = [
    sigmaAlert('A', ['attack.execution'], TKY),
    sigmaAlert('B', ['attack.execution'], LON),
  ];
  assert.equal(factorsOf(two).factors.location, 'several-sites');
  assert.equal(factorsOf(two.slice(0, 1)).factors.location, 'open-lan');
  // Mail to three missions never reached a host: external, not several sites.
  assert.equal(
    factorsOf([mailAlert('targeted', ['tky', 'lon', 'bkk'])]).factors.location,
    'external',
  );
  // Once a host at one site is involved, the mail's recipients at other sites count.
  const spread = factorsOf([mailAlert('targeted', ['tky', 'lon']), two[0]!]);
  assert.equal(spread.factors.location, 'several-sites');
});

test('information impact by how far the attack got and where', () => {
  const credential = sigmaAlert(
    'LSASS Memory Dump',
    ['attack.credential-access', 'attack.t1003.001'],
    TKY,
  );
  const cases: [Alert[], string][] = [
    [scenarios.closedBreach(), 'classified'],
    [
      [networkAlert('upload', { src: '10.20.1.14', site: 'tky', dst: '198.51.100.9' })],
      'proprietary',
    ],
    [[credential], 'privacy'],
    [
      [networkAlert('beacon', { src: '10.20.1.14', site: 'tky', dst: '203.0.113.50' })],
      'suspected',
    ],
    [[mailAlert('phishing', ['tky'])], 'suspected'],
    [[spamWaveAlert(['tky'])], 'none'],
    [[defenderAlert(TKY, 1117)], 'none'],
  ];
  for (const [alerts, expected] of cases)
    assert.equal(factorsOf(alerts).factors.information_impact, expected, alerts[0]?.rule.name);
});

test('antivirus removal: no functional impact and regular recoverability', () => {
  const removed = factorsOf([defenderAlert(TKY, 1116), defenderAlert(TKY, 1117)]);
  assert.equal(removed.factors.functional_impact, 'none');
  assert.equal(removed.factors.recoverability, 'regular');
  assert.match(reason(removed, 'Recoverability'), /the antivirus removed the malware/);
});

test('antivirus removal is read from the event id or from the action Defender names', () => {
  const byId = defenderAlert(TKY, 1117);
  delete byId.event?.winlog?.event_data?.['Action Name'];
  const byAction = defenderAlert(TKY, 1116);
  const data = byAction.event?.winlog?.event_data;
  if (data !== undefined) data['Action Name'] = 'Remove';
  for (const alert of [byId, byAction])
    assert.equal(factorsOf([alert]).factors.recoverability, 'regular');
});

test('antivirus that only detected, or failed to remove, leaves a host to rebuild', () => {
  for (const alerts of [
    [defenderAlert(TKY, 1116)],
    [defenderAlert(TKY, 1117), defenderAlert(TKY, 1118)],
  ]) {
    const result = factorsOf(alerts);
    assert.equal(result.factors.functional_impact, 'low');
    assert.equal(result.factors.recoverability, 'supplemented');
  }
  // Removal on one host does not cover a detection on another.
  const elsewhere = factorsOf([
    defenderAlert(TKY, 1117),
    defenderAlert({ ...TKY, host: 'ws-tky-020' }, 1116),
  ]);
  assert.equal(elsewhere.factors.recoverability, 'supplemented');
  // Nor does it cover other code running on the host.
  const more = factorsOf([
    defenderAlert(TKY, 1117),
    sigmaAlert('Encoded PowerShell', ['attack.execution'], TKY),
  ]);
  assert.equal(more.factors.recoverability, 'supplemented');
});

test('functional impact: none for delivery, high on the closed network and for a campaign', () => {
  assert.equal(factorsOf([mailAlert('targeted', ['tky'])]).factors.functional_impact, 'none');
  assert.equal(factorsOf(scenarios.targetedBackdoor()).factors.functional_impact, 'low');
  assert.equal(factorsOf(scenarios.backdoorExfiltration()).factors.functional_impact, 'medium');
  assert.equal(factorsOf(scenarios.closedBreach()).factors.functional_impact, 'high');
  assert.equal(factorsOf(scenarios.campaign()).factors.functional_impact, 'high');
  const wiper = sigmaAlert('Shadow Copies Deletion', ['attack.impact', 'attack.t1490'], TKY);
  assert.equal(factorsOf([wiper]).factors.functional_impact, 'high');
  assert.equal(factorsOf([wiper]).factors.information_impact, 'none');
  assert.equal(factorsOf([wiper]).category, 'malware');
});

test('recoverability: an upload to a watch-listed country is not recoverable, elsewhere extended', () => {
  const watched = factorsOf(scenarios.backdoorExfiltration());
  assert.equal(watched.factors.recoverability, 'not-recoverable');
  assert.match(
    reason(watched, 'Recoverability'),
    /watch-listed country \(RU\) — “Network upload” on 10\.20\.1\.14 at tky/,
  );
  assert.equal(
    factorsOf(scenarios.backdoorExfiltration(), { watchCountries: ['KP'] }).factors.recoverability,
    'extended',
  );
});

test('recoverability: the watched country may come from the analyzer’s reasons', () => {
  const beacon = networkAlert('beacon', { src: '10.20.1.14', site: 'tky', dst: '203.0.113.50' });
  const details = beacon.details as { destination: Record<string, unknown>; reasons: string[] };
  delete details.destination.country;
  details.reasons.push('in a watched country (KP)');
  const upload = networkAlert('upload', { src: '10.20.1.14', site: 'tky', dst: '203.0.113.50' });
  assert.equal(factorsOf([beacon, upload]).factors.recoverability, 'not-recoverable');
});

test('status: containment and recovery make recovery easier, but not of data a state took', () => {
  const backdoor = scenarios.targetedBackdoor();
  assert.equal(factorsOf(backdoor).factors.recoverability, 'supplemented');
  const contained = factorsOf(backdoor, { status: 'contained' });
  assert.equal(contained.factors.recoverability, 'regular');
  assert.match(
    reason(contained, 'Recoverability'),
    /supplemented before the incident was contained/,
  );
  const recovered = factorsOf(scenarios.closedBreach(), { status: 'recovered' });
  assert.equal(recovered.factors.recoverability, 'regular');
  assert.equal(recovered.factors.functional_impact, 'none');
  const exfiltrated = factorsOf(scenarios.backdoorExfiltration(), { status: 'recovered' });
  assert.equal(exfiltrated.factors.recoverability, 'not-recoverable');
});

test('sites: distinct alert sites plus the recipients’ sites of mail', () => {
  const result = factorsOf([
    mailAlert('targeted', ['tky', 'lon', 'bkk']),
    sigmaAlert('A', ['attack.execution'], TKY),
    sigmaAlert('B', ['attack.execution'], { host: 'ws-nbo-1', site: 'nbo' }),
  ]);
  assert.equal(result.factors.sites, 4);
  assert.match(reason(result, 'Sites'), /^Sites 4: bkk, lon, nbo, tky — /);
});

test('category: the most serious present', () => {
  const cases: [Alert[], string][] = [
    [[spamWaveAlert(['tky'])], 'spam'],
    [[spamWaveAlert(['tky']), mailAlert('phishing', ['tky'])], 'phishing'],
    [[mailAlert('phishing', ['tky']), mailAlert('targeted', ['tky'])], 'targeted-mail'],
    [[defenderAlert(TKY, 1117)], 'malware'],
    [[defenderAlert(TKY, 1117), mailAlert('targeted', ['tky'])], 'targeted-mail'],
    [scenarios.targetedBackdoor(), 'command-and-control'],
    [scenarios.backdoorExfiltration(), 'exfiltration'],
    [[...scenarios.backdoorExfiltration(), ...scenarios.closedBreach()], 'closed-network-breach'],
    [
      [intelAlert('bad.example', 'query', TKY), mailAlert('phishing', ['tky'])],
      'known-bad-indicator',
    ],
    [[sigmaAlert('Whoami Execution', ['attack.discovery'], TKY)], 'suspicious-activity'],
    [
      [networkAlert('scan', { src: '10.20.1.14', site: 'tky', dst: '10.20.1.0' })],
      'suspicious-activity',
    ],
  ];
  for (const [alerts, expected] of cases)
    assert.equal(factorsOf(alerts).category, expected, alerts.map((a) => a.rule.name).join(' + '));
});

test('every factor has one reason, each naming an alert of the incident', () => {
  const alerts = scenarios.campaign();
  const result = factorsOf(alerts);
  assert.deepEqual(
    result.reasons.map((text) => text.split(' ')[0]),
    ['Stage', 'Actor', 'Location', 'Information', 'Functional', 'Recoverability', 'Sites'],
  );
  for (const text of result.reasons)
    assert.match(text, /“(Targeted mail|Network beacon)[^”]*”/, text);
  // Many alerts: the first few by name, then how many more.
  assert.match(reason(result, 'Stage'), /and 2 more\.$/);
});
