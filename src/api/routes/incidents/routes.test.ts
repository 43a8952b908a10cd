// The incidents API through inject(): alerts published to the app's stream become an incident;
// it is listed in the shape, changed (kept in its timeline with the token's name), acted
// on, reported as HTML and PDF; who may do what.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Incident } from '../../../core/index.ts';
import type { IncidentSummary } from '../../../incidents/summary.ts';
import { openApp, type App } from '../../../main.ts';
import { beaconAlert, executionAlert } from '../../../../test/support/alerts-of-kind.ts';
import { scratchDir } from '../../../../test/support/ingest.ts';
import { buildServer } from '../../server.ts';

const T0 = Date.UTC(2011, 6, 12, 9, 0);

describe('incidents API', () => {
  let app: App;
  let server: FastifyInstance;
  const secrets: Record<string, string> = {};

  before(async () => {
    app = await openApp({ dataDir: scratchDir(), env: {} });
    for (const role of ['analyst', 'viewer', 'ingest'] as const)
      secrets[role] = (await app.stores.tokens.create(`test ${role}`, role)).secret;
    await app.alerts.publish([
      executionAlert({ at: T0, host: 'ws-lima-01', site: 'lima' }, 'b'.repeat(64)),
      beaconAlert({ at: T0 + 60_000, host: 'ws-lima-01', site: 'lima' }, '123.125.114.144'),
    ]);
    server = await buildServer(app);
  });
  after(async () => {
    await server.close();
    await app.close();
  });

  const auth = (role: string) => ({ authorization: `Bearer ${secrets[role] ?? ''}` });

  it('lists the incident the published alerts opened, in the documented shape', async () => {
    const response = await server.inject({
      method: 'GET',
      url: '/api/v1/incidents?status=open',
      headers: auth('viewer'),
    });
    assert.equal(response.statusCode, 200, response.body);
    const { incidents } = response.json<{ incidents: IncidentSummary[] }>();
    assert.equal(incidents.length, 1);
    const [incident] = incidents;
    assert.deepEqual(incident?.sites, ['lima']);
    assert.deepEqual(incident?.hosts, ['ws-lima-01']);
    assert.equal(incident?.alert_ids.length, 2);
    assert.ok((incident?.reasons.length ?? 0) > 3);
    for (const key of [
      'id',
      'title',
      'status',
      'severity',
      'severity_label',
      'category',
      'observables',
      'campaign_id',
      'first_seen',
      'last_seen',
    ])
      assert.ok(incident !== undefined && key in incident, key);
  });

  it('changes, acts on and reports an incident; the timeline names the token', async () => {
    const [incident] = (await app.stores.incidents.query({ limit: 1 })).incidents;
    assert.ok(incident !== undefined);
    const patched = await server.inject({
      method: 'PATCH',
      url: `/api/v1/incidents/${incident.id}`,
      headers: auth('analyst'),
      payload: {
        status: 'contained',
        note: 'ws-lima-01 isolated',
        override: { level: 4, reason: 'minister’s laptop' },
      },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const changed = patched.json<Incident>();
    assert.equal(changed.status, 'contained');
    assert.equal(changed.severity.level, 4);
    assert.ok(
      changed.timeline.some((entry) => entry.by === 'test analyst' && entry.kind === 'override'),
    );
    const acted = await server.inject({
      method: 'POST',
      url: `/api/v1/incidents/${incident.id}/actions`,
      headers: auth('analyst'),
      payload: { kind: 'block-ip', targets: ['123.125.114.144'] },
    });
    assert.equal(acted.json<Incident>().actions[0]?.result?.status, 'recorded');
    const html = await server.inject({
      method: 'GET',
      url: `/api/v1/incidents/${incident.id}/report`,
      headers: auth('viewer'),
    });
    assert.match(String(html.headers['content-type']), /text\/html/);
    assert.match(html.body, /Functional impact/);
    const pdf = await server.inject({
      method: 'GET',
      url: `/api/v1/incidents/${incident.id}/report?format=pdf`,
      headers: auth('viewer'),
    });
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  });

  it('refuses who may not, and an override without a reason', async () => {
    const [incident] = (await app.stores.incidents.query({ limit: 1 })).incidents;
    const url = `/api/v1/incidents/${incident?.id ?? ''}`;
    assert.equal(
      (await server.inject({ method: 'GET', url: '/api/v1/incidents' })).statusCode,
      401,
    );
    assert.equal(
      (await server.inject({ method: 'GET', url: '/api/v1/incidents', headers: auth('ingest') }))
        .statusCode,
      403,
    );
    assert.equal(
      (
        await server.inject({
          method: 'PATCH',
          url,
          headers: auth('viewer'),
          payload: { status: 'closed' },
        })
      ).statusCode,
      403,
    );
    assert.equal(
      (
        await server.inject({
          method: 'PATCH',
          url,
          headers: auth('analyst'),
          payload: { override: { level: 1, reason: ' ' } },
        })
      ).statusCode,
      400,
    );
    assert.equal(
      (
        await server.inject({
          method: 'GET',
          url: '/api/v1/incidents/INC-000000000000',
          headers: auth('viewer'),
        })
      ).statusCode,
      404,
    );
  });
});
