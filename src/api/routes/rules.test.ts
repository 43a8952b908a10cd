// The rules API through inject(): who may read and change rules, validation of a posted rule
// text with every problem located, toggles that change what runs, and a hunt whose alerts land
// in the common stream once, however often it is run.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { openApp, type App } from '../../main.ts';
import { fixture } from '../../../test/support/data.ts';
import { scratchDir } from '../../../test/support/ingest.ts';
import { buildServer } from '../server.ts';

describe('rules API', () => {
  let app: App;
  let server: FastifyInstance;
  const secrets: Record<string, string> = {};

  before(async () => {
    app = await openApp({ dataDir: scratchDir(), env: {} });
    for (const role of ['admin', 'analyst', 'viewer', 'ingest'] as const)
      secrets[role] = (await app.stores.tokens.create(`test ${role}`, role)).secret;
    app.sigma.library.add(fixture('rules', 'chancery', 'office_child_in_temp.yml'));
    await app.ingestor.ingestPaths([fixture('windows', 'winlogbeat.ndjson')], {});
    server = await buildServer(app);
  });
  after(async () => {
    await server.close();
    await app.close();
  });

  const call = (
    method: 'GET' | 'POST',
    url: string,
    role: string | undefined,
    body?: unknown,
    type = 'application/json',
  ) =>
    server.inject({
      method,
      url,
      headers: {
        ...(role === undefined ? {} : { authorization: `Bearer ${secrets[role] ?? ''}` }),
        ...(body === undefined ? {} : { 'content-type': type }),
      },
      ...(body === undefined
        ? {}
        : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
    });

  it('needs a token, and a role allowed to read or change rules', async () => {
    assert.equal((await call('GET', '/api/v1/rules', undefined)).statusCode, 401);
    assert.equal((await call('GET', '/api/v1/rules', 'ingest')).statusCode, 403);
    assert.equal((await call('GET', '/api/v1/rules', 'viewer')).statusCode, 200);
    const toggle = { enabled: false, selector: 'level:high' };
    assert.equal((await call('POST', '/api/v1/rules/toggles', 'viewer', toggle)).statusCode, 403);
    assert.equal((await call('POST', '/api/v1/rules/hunt', 'viewer', {})).statusCode, 403);
  });

  it('lists the loaded rules with author, level, log source and whether each runs', async () => {
    const response = await call('GET', '/api/v1/rules?select=tag:attack.t1204*', 'analyst');
    assert.equal(response.statusCode, 200);
    const body = response.json<{
      rules: { title: string; author: string; logsource: string; enabled: boolean }[];
    }>();
    assert.deepEqual(
      body.rules.map((r) => [r.title, r.author, r.logsource, r.enabled]),
      [
        [
          'Mail Client Starts a Program From the Temp Folder',
          'Chancery fixtures',
          'windows/process_creation/',
          true,
        ],
      ],
    );
    const bad = await call('GET', '/api/v1/rules?select=colour:red', 'analyst');
    assert.equal(bad.statusCode, 400);
  });

  it('validates a posted rule text, reporting every problem with its line', async () => {
    const text = readFileSync(fixture('rules', 'chancery', 'broken.yml'), 'utf8');
    const response = await call('POST', '/api/v1/rules/validate', 'viewer', text, 'text/plain');
    assert.equal(response.statusCode, 200);
    const body = response.json<{ issues: { line: number; reason: string }[] }>();
    assert.deepEqual(
      body.issues.map((i) => `${i.line} ${i.reason}`),
      ['11 unknown-identifier', '12 bad-level'],
    );
  });

  it('hunts stored events once, and toggles change what runs', async () => {
    const hunt = async () =>
      (
        await call('POST', '/api/v1/rules/hunt', 'analyst', { since: '2020-01-01T00:00:00Z' })
      ).json<{ events: number; alerts: number }>();
    const first = await hunt();
    assert.equal(first.events, 2);
    assert.equal(first.alerts, 1);
    await hunt();
    const stored = await app.stores.alerts.query({ limit: 10, retrospective: true });
    assert.equal(stored.alerts.length, 1, 'the second hunt updated the same alert');

    const off = await call('POST', '/api/v1/rules/toggles', 'analyst', {
      enabled: false,
      selector: 'level:high',
    });
    assert.deepEqual(off.json(), { matched: 1 });
    assert.equal((await hunt()).alerts, 0);
    const listed = await call('GET', '/api/v1/rules', 'viewer');
    assert.equal(listed.json<{ rules: { enabled: boolean }[] }>().rules[0]?.enabled, false);
  });
});
