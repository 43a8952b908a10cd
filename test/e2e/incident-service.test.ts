// The incident service on a real (in-memory) store: alerts of one host and of shared observables
// at one site become one incident; the same C2 at another site links the two into a campaign; the
// window closes incidents to new alerts; re-correlating changes nothing; the lifecycle, severity
// override, reporting deadline and its escalations through a signed webhook, and response actions.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Alert } from '../../src/core/index.ts';
import { IncidentChannels } from '../../src/incidents/channels.ts';
import { verifySignature } from '../../src/incidents/notify/webhook.ts';
import { DEFAULT_INCIDENT_SETTINGS, IncidentService } from '../../src/incidents/service.ts';
import type { Stores } from '../../src/storage/ports.ts';
import { openSqliteStores } from '../../src/storage/sqlite/index.ts';
import { beaconAlert, executionAlert } from '../support/alerts-of-kind.ts';

const T0 = Date.UTC(2011, 6, 12, 9, 0);
const HOUR = 3_600_000;
const C2 = '45.77.10.9';
const HASH = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

interface Received {
  body: string;
  timestamp: string;
  signature: string;
}

function setup(now: () => number, hookUrl?: string) {
  const stores: Stores = openSqliteStores(':memory:');
  const channels = new IncidentChannels(
    {
      organization: 'Ministry',
      webhooks:
        hookUrl === undefined
          ? []
          : [{ url: hookUrl, secret: 'hook-secret', events: ['escalation', 'isolate-host'] }],
      escalationEmails: [],
      authorityEmails: [],
      retryDelayMs: 0,
      now,
    },
    stores.alerts,
  );
  const service = new IncidentService(
    {
      ...DEFAULT_INCIDENT_SETTINGS,
      ownDomains: ['mofa.go.jp'],
      watchCountries: ['CN'],
      // Level 2 too has a deadline here, so an untargeted backdoor (level 2) exercises it.
      deadlines: { minutes: { '2': 60, '3': 60, '4': 60, '5': 60 }, warningMinutes: 15 },
    },
    { store: stores.incidents, alerts: stores.alerts, notifier: channels, now },
  );
  const publish = async (alerts: Alert[]) => {
    await stores.alerts.upsert(alerts);
    return service.correlate(alerts);
  };
  return { stores, service, publish };
}

describe('incident correlation', () => {
  it('links one host, then a neighbour sharing the C2, into one incident; another site into a campaign', async () => {
    const { stores, service, publish } = setup(() => T0 + 2 * HOUR);
    const first = [
      executionAlert({ at: T0, host: 'ws-lima-01', site: 'lima' }, HASH),
      beaconAlert(
        { at: T0 + 600_000, host: 'ws-lima-01', site: 'lima' },
        C2,
        'update-mofa.example',
      ),
    ];
    const report = await publish(first);
    assert.deepEqual([report.created, report.campaigns], [1, 0]);
    // Another host at the same site calling the same C2 joins the same incident.
    await publish([beaconAlert({ at: T0 + HOUR, host: 'ws-lima-07', site: 'lima' }, C2)]);
    const lima = (await stores.incidents.query({ limit: 10, site: 'lima' })).incidents;
    assert.equal(lima.length, 1);
    assert.deepEqual(lima[0]?.hosts, ['ws-lima-01', 'ws-lima-07']);
    assert.equal(lima[0]?.alert_ids.length, 3);
    // The same C2 at another mission: a second incident, and a campaign over both.
    const linked = await publish([
      beaconAlert({ at: T0 + HOUR, host: 'ws-paris-03', site: 'paris' }, C2),
    ]);
    assert.deepEqual([linked.created, linked.campaigns], [1, 1]);
    const campaigns = (await stores.incidents.query({ limit: 10, campaigns: true })).incidents;
    assert.equal(campaigns.length, 1);
    const campaign = campaigns[0];
    assert.ok(campaign !== undefined);
    assert.deepEqual(campaign.sites, ['lima', 'paris']);
    assert.deepEqual(campaign.hosts, ['ws-lima-01', 'ws-lima-07', 'ws-paris-03']);
    assert.ok(campaign.observables.some((o) => o.type === 'ip' && o.value === C2));
    assert.equal(campaign.members?.length, 2);
    assert.match(campaign.title, /^Campaign at 2 sites/);
    const members = (await stores.incidents.query({ limit: 10, campaigns: false })).incidents;
    assert.ok(members.every((member) => member.campaign_id === campaign.id));
    assert.ok(
      campaign.severity.level >= (lima[0]?.severity.level ?? 0),
      'the campaign weighs at least its worst member',
    );
    // Correlating the same alerts again, or over history, changes nothing.
    const again = await service.analyze({ since: T0 - HOUR });
    assert.equal(again.created, 0);
    assert.equal((await stores.incidents.query({ limit: 10 })).incidents.length, 3);
  });

  it('a host quiet for longer than the window starts a new incident', async () => {
    const { stores, publish } = setup(() => T0 + 10 * 24 * HOUR);
    await publish([executionAlert({ at: T0, host: 'ws-1', site: 'hq' }, HASH)]);
    await publish([
      executionAlert({ at: T0 + 4 * 24 * HOUR, host: 'ws-1', site: 'hq' }, 'a'.repeat(64)),
    ]);
    assert.equal((await stores.incidents.query({ limit: 10 })).incidents.length, 2);
  });

  it('alerts below the minimum level open nothing', async () => {
    const { stores, publish } = setup(() => T0);
    const report = await publish([
      executionAlert({ at: T0, host: 'ws-1', site: 'hq' }, HASH, 'informational'),
    ]);
    assert.equal(report.skipped, 1);
    assert.equal((await stores.incidents.query({ limit: 10 })).incidents.length, 0);
  });
});

describe('incident lifecycle, deadlines and actions', () => {
  let server: Server;
  let url = '';
  const received: Received[] = [];
  let answer = 200;
  before(async () => {
    server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({
          body,
          timestamp: String(request.headers['x-chancery-timestamp']),
          signature: String(request.headers['x-chancery-signature']),
        });
        response.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/hook`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sets the reporting deadline, escalates once when near and once when passed, and stops when reported', async () => {
    let clock = T0 + HOUR;
    const { stores, service, publish } = setup(() => clock, url);
    await publish([
      executionAlert({ at: T0, host: 'ws-lima-01', site: 'lima' }, HASH),
      beaconAlert(
        { at: T0 + 600_000, host: 'ws-lima-01', site: 'lima' },
        C2,
        'update-mofa.example',
      ),
    ]);
    const [incident] = (await stores.incidents.query({ limit: 1 })).incidents;
    assert.ok(incident !== undefined);
    assert.equal(incident.severity.level, 2, incident.severity.reasons.join(' '));
    assert.equal(
      incident.deadline.due,
      new Date(T0 + 2 * HOUR).toISOString(),
      'one hour from identification',
    );
    assert.ok((incident.metrics.time_to_detect ?? -1) >= 0);
    clock = T0 + HOUR + 30 * 60_000;
    assert.equal(await service.tick(), 0, 'not yet near');
    clock = T0 + HOUR + 50 * 60_000;
    assert.equal(await service.tick(), 1);
    assert.equal(await service.tick(), 0, 'a warning is sent once');
    clock = T0 + 2 * HOUR + 60_000;
    assert.equal(await service.tick(), 1);
    const escalated = await stores.incidents.get(incident.id);
    assert.deepEqual(
      escalated?.deadline.escalations.map((e) => e.kind),
      ['warning', 'overdue'],
    );
    assert.equal(received.length, 2);
    for (const message of received)
      assert.equal(
        verifySignature(
          'hook-secret',
          message.timestamp,
          message.body,
          message.signature,
          300,
          Number(message.timestamp),
        ),
        true,
      );
    assert.equal(
      (JSON.parse(received[1]?.body ?? '{}') as { type: string }).type,
      'incident.escalation',
    );
    await service.update(incident.id, { reported: true }, 'duty-officer');
    assert.equal(await service.tick(), 0);
    assert.equal((await stores.incidents.awaitingReport()).length, 0);
    const reported = await stores.incidents.get(incident.id);
    assert.equal(reported?.metrics.time_to_report, 61 * 60);
  });

  it('keeps every change in the timeline; an override keeps the computed grade; actions record their result', async () => {
    let clock = T0 + HOUR;
    const { stores, service, publish } = setup(() => clock, url);
    await publish([beaconAlert({ at: T0, host: 'ws-9', site: 'hq' }, C2)]);
    const [incident] = (await stores.incidents.query({ limit: 1 })).incidents;
    assert.ok(incident !== undefined);
    const computed = incident.severity.level;
    clock += 60_000;
    await service.update(
      incident.id,
      { status: 'triage', assignee: 'hanako', note: 'looking', task: { title: 'image ws-9' } },
      'hanako',
    );
    clock += 60_000;
    const overridden = await service.update(
      incident.id,
      { override: { level: 5, reason: 'classified cables on ws-9' } },
      'ciso',
    );
    assert.equal(overridden?.severity.level, 5);
    assert.equal(overridden?.severity.computed?.level, computed);
    assert.equal(overridden?.severity.override?.by, 'ciso');
    received.length = 0;
    answer = 200;
    const acted = await service.act(incident.id, 'isolate-host', ['ws-9'], 'hanako');
    assert.deepEqual(
      [acted?.actions[0]?.result?.status, acted?.actions[0]?.result?.http_status],
      ['done', 200],
    );
    assert.equal(
      (JSON.parse(received[0]?.body ?? '{}') as { action: { kind: string } }).action.kind,
      'isolate-host',
    );
    answer = 500;
    const failed = await service.act(incident.id, 'isolate-host', ['ws-9'], 'hanako');
    assert.equal(failed?.actions[1]?.result?.status, 'failed');
    const blocked = await service.act(
      incident.id,
      'block-domain',
      ['update-mofa.example'],
      'hanako',
    );
    assert.equal(
      blocked?.actions[2]?.result?.status,
      'recorded',
      'no webhook configured for this kind',
    );
    clock += 60_000;
    const contained = await service.update(
      incident.id,
      { status: 'contained', task: { id: 'T1', done: true } },
      'hanako',
    );
    assert.equal(contained?.metrics.time_to_contain, 3 * 60);
    const kinds = contained?.timeline.map((entry) => `${entry.by}:${entry.kind}`) ?? [];
    for (const expected of [
      'chancery:created',
      'hanako:status',
      'hanako:assignee',
      'hanako:note',
      'hanako:task',
      'ciso:override',
      'hanako:action',
      'chancery:action-result',
    ])
      assert.ok(kinds.includes(expected), `${expected} in ${kinds.join(', ')}`);
    // The severity of an overridden incident stays as set when new alerts arrive.
    await publish([beaconAlert({ at: T0 + 2 * HOUR, host: 'ws-9', site: 'hq' }, C2)]);
    assert.equal((await stores.incidents.get(incident.id))?.severity.level, 5);
  });
});
