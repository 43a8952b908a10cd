// Incident mail through a real SMTP server started here: the on-call is mailed when a reporting
// deadline nears, and `incidents report --send` mails the report (HTML body, PDF attached) to the
// authority and marks the incident reported.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { IncidentChannels } from '../../src/incidents/channels.ts';
import { IncidentService } from '../../src/incidents/service.ts';
import { openApp, type App } from '../../src/main.ts';
import { beaconAlert, executionAlert } from '../support/alerts-of-kind.ts';
import { scratchDir } from '../support/ingest.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Delivered {
  to: string[];
  raw: string;
}

describe('incident mail', () => {
  const delivered: Delivered[] = [];
  let server: SMTPServer;
  let app: App;

  before(async () => {
    server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          delivered.push({
            to: session.envelope.rcptTo.map((address) => address.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    const dataDir = scratchDir('chancery-incident-mail-');
    const configPath = join(dataDir, 'chancery.yaml');
    writeFileSync(
      configPath,
      `name: Ministry of Foreign Affairs
incidents:
  report_deadline_minutes: { "2": 60, "3": 60, "4": 60, "5": 60 }
  smtp: { host: 127.0.0.1, port: ${String(port)}, from: chancery@mofa.example }
  escalation_emails: [csirt-oncall@mofa.example]
  authority_emails: [report@nisc.example]
`,
    );
    app = await openApp({ dataDir, configPath, env: {} });
  });
  after(async () => {
    await app.close();
    await new Promise<void>((resolve) => server.close(resolve));
  });

  it('mails the report to the authority and marks the incident reported', async () => {
    const now = Date.now();
    await app.alerts.publish([
      executionAlert({ at: now - 60_000, host: 'ws-lima-01', site: 'lima' }, 'c'.repeat(64)),
      beaconAlert({ at: now - 30_000, host: 'ws-lima-01', site: 'lima' }, '123.125.114.144'),
    ]);
    const [incident] = (await app.stores.incidents.query({ limit: 1 })).incidents;
    assert.ok(incident?.deadline.due !== undefined);
    const said = await app.sendIncidentReport(incident, 'duty-officer');
    assert.match(said, /report sent to report@nisc\.example/);
    const mail = delivered.at(-1);
    assert.deepEqual(mail?.to, ['report@nisc.example']);
    assert.match(mail?.raw ?? '', /Content-Type: text\/html/);
    assert.match(mail?.raw ?? '', /Content-Type: application\/pdf; name=INC-[0-9a-f]{12}\.pdf/);
    const reported = await app.stores.incidents.get(incident.id);
    assert.ok(reported?.deadline.reported_at !== undefined);
    assert.ok(
      reported.timeline.some((entry) => entry.kind === 'reported' && entry.by === 'duty-officer'),
    );
  });

  it('escalates to the on-call by mail when a deadline is near, once', async () => {
    const now = Date.now();
    await app.alerts.publish([
      beaconAlert({ at: now - 10_000, host: 'ws-paris-03', site: 'paris' }, '61.135.169.121'),
    ]);
    const [open] = (await app.stores.incidents.query({ limit: 10, site: 'paris' })).incidents;
    assert.ok(open?.deadline.due !== undefined, JSON.stringify(open?.severity));
    // The same service the app runs, on a clock ten minutes before the deadline.
    let clock = Date.parse(open.deadline.due) - 10 * 60_000;
    const { port } = server.server.address() as AddressInfo;
    const channels = new IncidentChannels(
      {
        organization: 'Ministry of Foreign Affairs',
        webhooks: [],
        smtp: { host: '127.0.0.1', port, secure: false, from: 'chancery@mofa.example' },
        escalationEmails: ['csirt-oncall@mofa.example'],
        authorityEmails: [],
        now: () => clock,
      },
      app.stores.alerts,
    );
    const service = new IncidentService(app.incidents.settings, {
      store: app.stores.incidents,
      alerts: app.stores.alerts,
      notifier: channels,
      now: () => clock,
    });
    const before = delivered.length;
    assert.equal(await service.tick(), 1);
    assert.equal(await service.tick(), 0);
    assert.equal(delivered.length, before + 1);
    const mail = delivered.at(-1);
    assert.deepEqual(mail?.to, ['csirt-oncall@mofa.example']);
    assert.match(mail?.raw ?? '', new RegExp(`Subject: \\[Chancery\\] ${open.id}`));
    const escalated = await app.stores.incidents.get(open.id);
    assert.deepEqual(
      escalated?.deadline.escalations.map((e) => [e.kind, e.channels.length]),
      [['warning', 1]],
    );
    clock += 11 * 60_000;
    assert.equal(await service.tick(), 1, 'and once more when it passes');
    assert.equal(delivered.length, before + 2);
  });
});
