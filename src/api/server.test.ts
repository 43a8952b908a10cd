// The HTTP API through inject(): authentication on every route but health, role checks, ingest,
// search with cursor pagination, size limits, the OpenAPI document, and no token in the logs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { openApp, type App } from '../main.ts';
import { fixture } from '../../test/support/data.ts';
import { scratchDir } from '../../test/support/ingest.ts';
import { buildServer } from './server.ts';

describe('HTTP API', () => {
  let app: App;
  let server: FastifyInstance;
  const secrets: Record<string, string> = {};
  const logs: string[] = [];

  before(async () => {
    app = await openApp({ dataDir: scratchDir(), env: {} });
    for (const role of ['admin', 'analyst', 'viewer', 'ingest'] as const) {
      secrets[role] = (await app.stores.tokens.create(`test ${role}`, role)).secret;
    }
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => (logs.push(chunk.toString()), done()),
    });
    server = await buildServer(app, {
      logger: { level: 'info', stream: sink, redact: ['req.headers.authorization'] },
    });
  });
  after(async () => {
    await server.close();
    await app.close();
  });

  const auth = (role: string) => ({ authorization: `Bearer ${secrets[role] ?? ''}` });

  it('answers health without a token, and nothing else', async () => {
    assert.equal((await server.inject({ url: '/api/v1/health' })).statusCode, 200);
    for (const url of [
      '/api/v1/events',
      '/api/v1/rejects',
      '/api/v1/sites',
      '/api/v1/tokens',
      '/api/v1/openapi.json',
      '/api/v1/stats',
      '/api/v1/nope',
    ]) {
      const response = await server.inject({ url });
      assert.equal(response.statusCode, 401, url);
      assert.equal(
        response.json<{ error: { code: string } }>().error.code,
        'CHN_ERR_AUTH_REQUIRED',
      );
    }
    const wrong = await server.inject({
      url: '/api/v1/events',
      headers: {
        authorization: 'Bearer chy_0000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      },
    });
    assert.equal(wrong.statusCode, 401);
  });

  it('enforces roles: ingest tokens only ingest, viewers only read, admins manage tokens', async () => {
    assert.equal(
      (await server.inject({ url: '/api/v1/events', headers: auth('ingest') })).statusCode,
      403,
    );
    assert.equal(
      (
        await server.inject({
          method: 'POST',
          url: '/api/v1/ingest',
          headers: { ...auth('viewer'), 'content-type': 'application/x-ndjson' },
          payload: '{}',
        })
      ).statusCode,
      403,
    );
    assert.equal(
      (await server.inject({ url: '/api/v1/tokens', headers: auth('analyst') })).statusCode,
      403,
    );
    assert.equal(
      (await server.inject({ url: '/api/v1/tokens', headers: auth('admin') })).statusCode,
      200,
    );
    assert.equal(
      (await server.inject({ url: '/api/v1/nope', headers: auth('admin') })).statusCode,
      404,
    );
  });

  it('ingests an NDJSON body, stores it before answering, and is idempotent', async () => {
    const payload = readFileSync(fixture('windows', 'winlogbeat.ndjson'));
    const first = await server.inject({
      method: 'POST',
      url: '/api/v1/ingest',
      headers: { ...auth('ingest'), 'content-type': 'application/x-ndjson' },
      payload,
    });
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(first.json<{ inserted: number; datasets: object }>().datasets, {
      'windows.security': 1,
      'windows.sysmon_operational': 1,
    });
    assert.equal((await app.stores.events.query({ limit: 10 })).events.length, 2);
    const again = await server.inject({
      method: 'POST',
      url: '/api/v1/ingest',
      headers: { ...auth('ingest'), 'content-type': 'application/x-ndjson' },
      payload,
    });
    assert.equal(again.json<{ inserted: number; duplicates: number }>().inserted, 0);
    assert.equal(again.json<{ duplicates: number }>().duplicates, 2);
  });

  it('reports bad lines of a body and keeps them as rejects', async () => {
    const payload = '{"@timestamp":"2024-04-19T00:00:00Z","message":"ok"}\n{"broken":\n';
    const response = await server.inject({
      method: 'POST',
      url: '/api/v1/ingest?format=ndjson',
      headers: { ...auth('analyst'), 'content-type': 'application/x-ndjson' },
      payload,
    });
    assert.equal(response.json<{ events: number; rejected: number }>().rejected, 1);
    const rejects = await server.inject({ url: '/api/v1/rejects', headers: auth('viewer') });
    const body = rejects.json<{ rejects: { source: string; line: number }[] }>();
    assert.ok(body.rejects.some((r) => r.source === 'http:test analyst' && r.line === 2));
  });

  it('refuses bodies over the limit and unknown parameters', async () => {
    const big = Buffer.alloc(app.config.config.server.body_limit_bytes + 1, 0x61);
    const tooBig = await server.inject({
      method: 'POST',
      url: '/api/v1/ingest',
      headers: { ...auth('ingest'), 'content-type': 'application/x-ndjson' },
      payload: big,
    });
    assert.equal(tooBig.statusCode, 413);
    assert.equal(tooBig.json<{ error: { code: string } }>().error.code, 'CHN_ERR_BODY_TOO_LARGE');
    assert.equal(
      (await server.inject({ url: '/api/v1/events?colour=blue', headers: auth('viewer') }))
        .statusCode,
      400,
    );
    assert.equal(
      (await server.inject({ url: '/api/v1/events?limit=100000', headers: auth('viewer') }))
        .statusCode,
      400,
    );
    assert.equal(
      (await server.inject({ url: '/api/v1/events?since=yesterday-ish', headers: auth('viewer') }))
        .statusCode,
      400,
    );
  });

  it('searches events with filters and pages through them with a cursor', async () => {
    const lines = Array.from({ length: 25 }, (_, i) =>
      JSON.stringify({
        '@timestamp': new Date(Date.UTC(2024, 3, 20, 0, 0, i)).toISOString(),
        event: { dataset: 'page.test' },
        host: { name: i % 2 === 0 ? 'even' : 'odd' },
      }),
    );
    await server.inject({
      method: 'POST',
      url: '/api/v1/ingest',
      headers: { ...auth('ingest'), 'content-type': 'application/x-ndjson' },
      payload: lines.join('\n'),
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `where=event.dataset%3Dpage.test&where=host.name%3Deven&limit=5${cursor === null ? '' : `&cursor=${cursor}`}`;
      const response = await server.inject({
        url: `/api/v1/events?${query}`,
        headers: auth('viewer'),
      });
      assert.equal(response.statusCode, 200, response.body);
      const page = response.json<{
        events: { '@timestamp': string }[];
        next_cursor: string | null;
      }>();
      seen.push(...page.events.map((e) => e['@timestamp']));
      cursor = page.next_cursor;
    } while (cursor !== null);
    assert.equal(seen.length, 13);
    assert.deepEqual(seen, [...seen].sort().reverse());
    const since = await server.inject({
      url: '/api/v1/events?since=2024-04-20T00:00:20Z&where=event.dataset%3Dpage.test',
      headers: auth('viewer'),
    });
    assert.equal(since.json<{ events: unknown[] }>().events.length, 5);
    const one = since.json<{ events: { event: { id: string } }[] }>().events[0];
    const byId = await server.inject({
      url: `/api/v1/events/${one?.event.id ?? ''}`,
      headers: auth('viewer'),
    });
    assert.equal(byId.json<{ event: { id: string } }>().event.id, one?.event.id);
  });

  it('replaces the site registry from CSV and enriches later events with it', async () => {
    const csv = readFileSync(fixture('sites', 'sites.csv'));
    const put = await server.inject({
      method: 'PUT',
      url: '/api/v1/sites',
      headers: { ...auth('admin'), 'content-type': 'text/csv' },
      payload: csv,
    });
    assert.equal(put.json<{ imported: number }>().imported, 4);
    const bad = await server.inject({
      method: 'PUT',
      url: '/api/v1/sites',
      headers: { ...auth('admin'), 'content-type': 'text/csv' },
      payload: readFileSync(fixture('sites', 'bad-sites.csv')),
    });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json<{ error: { problems: unknown[] } }>().error.problems.length >= 5);
    await server.inject({
      method: 'POST',
      url: '/api/v1/ingest',
      headers: { ...auth('ingest'), 'content-type': 'application/x-ndjson' },
      payload:
        '{"@timestamp":"2024-04-21T00:00:00Z","source":{"ip":"10.40.99.5"},"event":{"dataset":"site.test"}}',
    });
    const events = await server.inject({
      url: '/api/v1/events?site=washington',
      headers: auth('viewer'),
    });
    const [event] = events.json<{ events: { network: { zone: string } }[] }>().events;
    assert.equal(event?.network.zone, 'closed');
  });

  it('creates and revokes tokens; a revoked token stops working', async () => {
    const created = await server.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: auth('admin'),
      payload: { name: 'partner feed', role: 'viewer' },
    });
    assert.equal(created.statusCode, 201);
    const { token, secret } = created.json<{ token: { id: string }; secret: string }>();
    assert.equal(
      (
        await server.inject({
          url: '/api/v1/stats',
          headers: { authorization: `Bearer ${secret}` },
        })
      ).statusCode,
      200,
    );
    assert.equal(
      (
        await server.inject({
          method: 'DELETE',
          url: `/api/v1/tokens/${token.id}`,
          headers: auth('admin'),
        })
      ).statusCode,
      204,
    );
    assert.equal(
      (
        await server.inject({
          url: '/api/v1/stats',
          headers: { authorization: `Bearer ${secret}` },
        })
      ).statusCode,
      401,
    );
  });

  it('serves an OpenAPI document describing the routes', async () => {
    const response = await server.inject({ url: '/api/v1/openapi.json', headers: auth('viewer') });
    const document = response.json<{ openapi: string; paths: Record<string, unknown> }>();
    assert.equal(document.openapi, '3.1.0');
    for (const path of [
      '/api/v1/events',
      '/api/v1/events/{id}',
      '/api/v1/ingest',
      '/api/v1/rejects',
      '/api/v1/sites',
      '/api/v1/tokens',
      '/api/v1/health',
    ]) {
      assert.ok(path in document.paths, `${path} missing from OpenAPI`);
    }
  });

  it('never writes a token secret to the log', () => {
    const text = logs.join('');
    assert.ok(text.includes('"url":"/api/v1/events'), 'requests are logged');
    for (const secret of Object.values(secrets)) assert.equal(text.includes(secret), false);
  });
});
