// The alerts API through inject(): who may read alerts, every filter, cursor paging, one alert by
// id, and alerts returned whole (the response schema drops nothing the stream stored).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Alert } from '../../../core/index.ts';
import { AlertAggregator } from '../../../alerts/aggregator.ts';
import { openApp, type App } from '../../../main.ts';
import { candidate } from '../../../../test/support/alerts.ts';
import { scratchDir } from '../../../../test/support/ingest.ts';
import { buildServer } from '../../server.ts';

interface Page {
  alerts: Alert[];
  next_cursor: string | null;
}

describe('alerts API', () => {
  let app: App;
  let server: FastifyInstance;
  const secrets: Record<string, string> = {};
  let folded: Alert;

  before(async () => {
    app = await openApp({ dataDir: scratchDir(), env: {} });
    for (const role of ['admin', 'analyst', 'viewer', 'ingest'] as const)
      secrets[role] = (await app.stores.tokens.create(`test ${role}`, role)).secret;
    server = await buildServer(app);
    const aggregator = new AlertAggregator();
    const alerts = aggregator.addAll([
      candidate(0, 'e1', {
        event: { '@timestamp': '2024-04-19T08:00:00.000Z', event: { id: 'e1' } } as Alert['event'],
        details: { route: 'windows:sysmon:1', falsepositives: ['admins'] },
      }),
      candidate(1, 'e2'),
      candidate(2, 'e3', { level: 'low', host: 'ws-01', rule: { id: 'r-2', name: 'Low rule' } }),
      candidate(3, 'e4', { level: 'critical', site: { id: 'tokyo' }, detector: 'mail' }),
      candidate(4, 'e5', { retrospective: true }),
      ...Array.from({ length: 12 }, (_, i) =>
        candidate(10 + i, `p${i}`, {
          host: 'pager',
          level: 'informational',
          matched: [{ field: 'n', value: String(i) }],
        }),
      ),
    ]);
    await app.alerts.publish(alerts);
    folded = alerts[0]!;
  });
  after(async () => {
    await server.close();
    await app.close();
  });

  const get = (url: string, role?: string) =>
    server.inject({
      url,
      headers: role === undefined ? {} : { authorization: `Bearer ${secrets[role] ?? ''}` },
    });

  it('needs a token: 401 without one', async () => {
    for (const url of ['/api/v1/alerts', `/api/v1/alerts/${folded.id}`]) {
      const response = await get(url);
      assert.equal(response.statusCode, 401, url);
      assert.equal(
        response.json<{ error: { code: string } }>().error.code,
        'CHN_ERR_AUTH_REQUIRED',
      );
    }
  });

  it('lets admins, analysts and viewers read alerts, and refuses ingest tokens with 403', async () => {
    for (const role of ['admin', 'analyst', 'viewer'])
      assert.equal((await get('/api/v1/alerts', role)).statusCode, 200, role);
    for (const url of ['/api/v1/alerts', `/api/v1/alerts/${folded.id}`]) {
      const response = await get(url, 'ingest');
      assert.equal(response.statusCode, 403, url);
      assert.equal(response.json<{ error: { code: string } }>().error.code, 'CHN_ERR_FORBIDDEN');
    }
  });

  it('returns a stored alert whole, folded matches included', async () => {
    const response = await get(`/api/v1/alerts/${folded.id}`, 'viewer');
    assert.equal(response.statusCode, 200, response.body);
    const alert = response.json<Alert>();
    assert.deepEqual(alert, folded);
    assert.equal(alert.count, 2);
    assert.deepEqual(alert.event_ids, ['e1', 'e2']);
    assert.equal(alert.rule.author, 'Florian Roth');
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const missing = await get(`/api/v1/alerts/${'0'.repeat(32)}`, 'viewer');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json<{ error: { code: string } }>().error.code, 'CHN_ERR_NOT_FOUND');
    assert.equal((await get('/api/v1/alerts/nope', 'viewer')).statusCode, 400);
  });

  it('filters by level, detector, rule, site, host, mode and time', async () => {
    const hosts = async (query: string): Promise<string[]> => {
      const response = await get(`/api/v1/alerts?${query}`, 'viewer');
      assert.equal(response.statusCode, 200, response.body);
      return response.json<Page>().alerts.map((a) => `${a.rule.id}@${a.host ?? ''}`);
    };
    assert.deepEqual(await hosts('level=high'), ['r-1@ws-07', 'r-1@ws-07', 'r-1@ws-07']);
    assert.equal((await hosts('level=informational')).length, 16);
    assert.deepEqual(await hosts('level=critical'), ['r-1@ws-07']);
    assert.deepEqual(await hosts('detector=mail'), ['r-1@ws-07']);
    assert.deepEqual(await hosts('rule=r-2'), ['r-2@ws-01']);
    assert.deepEqual(await hosts('site=tokyo'), ['r-1@ws-07']);
    assert.deepEqual(await hosts('host=ws-01'), ['r-2@ws-01']);
    assert.deepEqual(await hosts('retrospective=true'), ['r-1@ws-07']);
    assert.deepEqual(
      await hosts('since=2024-04-19T08:02:00Z&until=2024-04-19T08:04:00Z&order=asc'),
      ['r-2@ws-01', 'r-1@ws-07'],
    );
  });

  it('pages with a cursor, newest first', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await get(
        `/api/v1/alerts?host=pager&limit=5${cursor === null ? '' : `&cursor=${cursor}`}`,
        'viewer',
      );
      const page = response.json<Page>();
      seen.push(...page.alerts.map((a) => a['@timestamp']));
      cursor = page.next_cursor;
    } while (cursor !== null);
    assert.equal(seen.length, 12);
    assert.deepEqual(seen, [...seen].sort().reverse());
  });

  it('refuses unknown parameters, levels, times and cursors with 400', async () => {
    for (const query of ['colour=blue', 'level=severe', 'since=soonish', 'cursor=garbage']) {
      const response = await get(`/api/v1/alerts?${query}`, 'viewer');
      assert.equal(response.statusCode, 400, query);
    }
  });

  it('is described in the OpenAPI document', async () => {
    const document = (await get('/api/v1/openapi.json', 'viewer')).json<{
      paths: Record<string, unknown>;
    }>();
    assert.ok('/api/v1/alerts' in document.paths);
    assert.ok('/api/v1/alerts/{id}' in document.paths);
  });
});
