// The intel API through inject(): a STIX bundle and a plain list posted as bodies, the hunt they
// trigger over events already stored, listing and showing indicators, forcing one, and who may
// do what.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { EcsEvent } from '../../../core/index.ts';
import { openApp, type App } from '../../../main.ts';
import { scratchDir } from '../../../../test/support/ingest.ts';
import { buildServer } from '../../server.ts';

const DAY = 86_400_000;

function dnsEvent(ts: number, query: string, n: number): EcsEvent {
  const id = `${ts.toString(16).padStart(12, '0')}${n.toString(16).padStart(20, '0')}`;
  return {
    '@timestamp': new Date(ts).toISOString(),
    event: { id, kind: 'event', dataset: 'zeek.dns', module: 'zeek', original: `dns ${n}` },
    source: { ip: '10.1.1.5' },
    dns: { question: { name: query } },
  };
}

describe('intel API', () => {
  let app: App;
  let server: FastifyInstance;
  const secrets: Record<string, string> = {};
  const now = Date.now();

  before(async () => {
    app = await openApp({ dataDir: scratchDir(), env: {} });
    for (const role of ['analyst', 'viewer', 'ingest'] as const)
      secrets[role] = (await app.stores.tokens.create(`test ${role}`, role)).secret;
    await app.stores.events.append([
      dnsEvent(now - 3 * DAY, 'beacon.evil-mofa.example', 1),
      dnsEvent(now - 3 * DAY + 1000, 'www.example.org', 2),
    ]);
    server = await buildServer(app);
  });
  after(async () => {
    await server.close();
    await app.close();
  });

  const auth = (role: string) => ({ authorization: `Bearer ${secrets[role] ?? ''}` });
  const importBody = (body: string, type: string, role = 'analyst', query = '') =>
    server.inject({
      method: 'POST',
      url: `/api/v1/intel/import${query}`,
      headers: { ...auth(role), 'content-type': type },
      payload: body,
    });

  it('imports a STIX bundle and hunts the stored events for it at once', async () => {
    const bundle = {
      type: 'bundle',
      id: 'bundle--0b7d0000-0000-4000-8000-000000000001',
      objects: [
        {
          type: 'indicator',
          spec_version: '2.1',
          id: 'indicator--0b7d0000-0000-4000-8000-000000000002',
          created: new Date(now - DAY).toISOString(),
          modified: new Date(now - DAY).toISOString(),
          pattern:
            "[domain-name:value = 'evil-mofa.example'] OR [url:value MATCHES '^https?://x\\\\.example/']",
          pattern_type: 'stix',
          valid_from: new Date(now - DAY).toISOString(),
          confidence: 85,
        },
        { type: 'indicator', id: 'indicator--broken' },
      ],
    };
    const response = await importBody(JSON.stringify(bundle), 'application/json');
    assert.equal(response.statusCode, 200, response.body);
    const report = response.json<{
      format: string;
      inserted: number;
      problems: { ref: string }[];
      hunt: { alerts: number; matches: number };
    }>();
    assert.equal(report.format, 'stix');
    assert.equal(report.inserted, 2);
    assert.deepEqual(
      report.problems.map((problem) => problem.ref),
      ['indicator--broken'],
    );
    assert.equal(report.hunt.alerts, 1);
    const alerts = await app.stores.alerts.query({ limit: 10, detector: 'intel' });
    assert.equal(alerts.alerts.length, 1);
    assert.equal(alerts.alerts[0]?.retrospective, true);
    assert.equal(alerts.alerts[0]?.matched[0]?.value, 'beacon.evil-mofa.example');
  });

  it('imports a plain list, lists, searches, shows and forces indicators', async () => {
    const response = await importBody(
      '8.8.8.8\nhxxp://dl.evil-mofa[.]example/a.exe\n',
      'text/plain',
      'analyst',
      '?source=partner&tlp=green&hunt=false',
    );
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json<{ hunt: unknown }>().hunt, null);
    const listed = await server.inject({
      method: 'GET',
      url: '/api/v1/intel/indicators?source=partner',
      headers: auth('viewer'),
    });
    assert.equal(listed.statusCode, 200, listed.body);
    const indicators = listed.json<{
      indicators: { id: number; indicator: { type: string; value: string; tlp: string } }[];
    }>().indicators;
    assert.deepEqual(
      indicators.map((i) => `${i.indicator.type} ${i.indicator.value} ${i.indicator.tlp}`).sort(),
      ['ipv4 8.8.8.8 green', 'url http://dl.evil-mofa.example/a.exe green'],
    );
    const searched = await server.inject({
      method: 'GET',
      url: '/api/v1/intel/indicators?search=EVIL-MOFA&type=url',
      headers: auth('viewer'),
    });
    assert.equal(searched.json<{ indicators: unknown[] }>().indicators.length, 1);
    const id = indicators.find((i) => i.indicator.type === 'ipv4')?.id ?? 0;
    const shown = await server.inject({
      method: 'GET',
      url: `/api/v1/intel/indicators/${id}`,
      headers: auth('viewer'),
    });
    assert.equal(shown.json<{ state: { expired: boolean } }>().state.expired, false);
    const forced = await server.inject({
      method: 'POST',
      url: `/api/v1/intel/indicators/${id}/force`,
      headers: auth('analyst'),
      payload: { forced: true },
    });
    assert.equal(forced.json<{ forced: boolean }>().forced, true);
    const missing = await server.inject({
      method: 'GET',
      url: '/api/v1/intel/indicators/99999',
      headers: auth('viewer'),
    });
    assert.equal(missing.statusCode, 404);
  });

  it('hunts on request and reports what it read', async () => {
    const response = await server.inject({
      method: 'POST',
      url: '/api/v1/intel/hunt',
      headers: auth('analyst'),
      payload: { since: '30d' },
    });
    assert.equal(response.statusCode, 200, response.body);
    const hunt = response.json<{ indicators: number; valuesMatched: number; matches: number }>();
    assert.equal(hunt.indicators, 4);
    assert.equal(hunt.valuesMatched, 1);
    assert.equal(hunt.matches, 1);
    const stats = await server.inject({
      method: 'GET',
      url: '/api/v1/intel/stats',
      headers: auth('viewer'),
    });
    assert.equal(stats.json<{ active: number }>().active, 4);
  });

  it('refuses who may not: no token, a viewer importing, an ingest token reading', async () => {
    assert.equal(
      (await server.inject({ method: 'GET', url: '/api/v1/intel/indicators' })).statusCode,
      401,
    );
    assert.equal((await importBody('1.2.3.4\n', 'text/plain', 'viewer')).statusCode, 403);
    assert.equal(
      (
        await server.inject({
          method: 'GET',
          url: '/api/v1/intel/indicators',
          headers: auth('ingest'),
        })
      ).statusCode,
      403,
    );
    assert.equal((await importBody('', 'text/plain')).statusCode, 400);
  });
});
