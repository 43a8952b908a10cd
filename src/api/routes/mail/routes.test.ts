// The mail API through inject(): a posted message is stored, analyzed and answered with its
// verdict; the verdict list, the mail alert in the common stream, campaigns; who may do what.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Alert } from '../../../core/index.ts';
import type { MailVerdict } from '../../../detect/mail/analysis.ts';
import { openApp, type App } from '../../../main.ts';
import { scratchDir } from '../../../../test/support/ingest.ts';
import { buildMessage } from '../../../../test/support/mail-builder.ts';
import { buildServer } from '../../server.ts';

const CONFIG = `name: Ministry of Foreign Affairs
domains: [mofa.go.jp]
mail:
  vips:
    - name: Taro Yamada
      addresses: [taro.yamada@mofa.go.jp]
`;

/** A look-alike sender borrowing the minister's name, a credential lure, to two people inside. */
function lure(to: string[], day: number): Buffer {
  return buildMessage({
    from: '"Taro Yamada" <taro.yamada@mofa-go.jp>',
    to,
    subject: 'ASEAN ministerial meeting: revised agenda',
    date: `Tue, ${day} Jul 2011 09:15:00 +0900`,
    html: '<p>Please verify your account to read the revised agenda: <a href="https://mofa-go.jp/owa/login">https://www.mofa.go.jp/agenda</a></p>',
  });
}

describe('mail API', () => {
  let app: App;
  let server: FastifyInstance;
  const secrets: Record<string, string> = {};

  before(async () => {
    const dataDir = scratchDir();
    const configPath = join(dataDir, 'chancery.yaml');
    writeFileSync(configPath, CONFIG);
    app = await openApp({ dataDir, configPath, env: {} });
    for (const role of ['analyst', 'viewer', 'ingest'] as const)
      secrets[role] = (await app.stores.tokens.create(`test ${role}`, role)).secret;
    server = await buildServer(app);
  });
  after(async () => {
    await server.close();
    await app.close();
  });

  const auth = (role: string) => ({ authorization: `Bearer ${secrets[role] ?? ''}` });
  const post = (body: Buffer | string, role = 'ingest') =>
    server.inject({
      method: 'POST',
      url: '/api/v1/mail',
      headers: { ...auth(role), 'content-type': 'message/rfc822' },
      payload: body,
    });

  it('stores, analyzes and answers a targeted message; a repost stores nothing new', async () => {
    const message = lure(['ichiro.sato@mofa.go.jp', 'hanako.ito@mofa.go.jp'], 12);
    const response = await post(message);
    assert.equal(response.statusCode, 200, response.body);
    const result = response.json<{ event_id: string; inserted: boolean; verdict: MailVerdict }>();
    assert.equal(result.inserted, true);
    assert.equal(result.verdict.verdict, 'targeted');
    assert.equal(result.verdict.event_id, result.event_id);
    assert.deepEqual(result.verdict.internal_recipients, [
      'ichiro.sato@mofa.go.jp',
      'hanako.ito@mofa.go.jp',
    ]);
    const codes = result.verdict.findings.map((finding) => finding.code);
    for (const code of [
      'lookalike-sender',
      'vip-impersonation',
      'link-text-mismatch',
      'lure-credential',
    ])
      assert.ok(codes.includes(code), `${code} in ${codes.join(' ')}`);
    const again = await post(message);
    assert.equal(again.json<{ inserted: boolean }>().inserted, false);
    assert.equal(again.json<{ verdict: MailVerdict }>().verdict.verdict, 'targeted');
  });

  it('lists verdicts with filters, and the alert carries sender, link and recipient observables', async () => {
    const page = await server.inject({
      url: '/api/v1/mail/verdicts?verdict=targeted',
      headers: auth('viewer'),
    });
    assert.equal(page.statusCode, 200);
    const verdicts = page.json<{ verdicts: MailVerdict[] }>().verdicts;
    assert.equal(verdicts.length, 1);
    assert.equal(
      (
        await server.inject({ url: '/api/v1/mail/verdicts?verdict=clean', headers: auth('viewer') })
      ).json<{ verdicts: MailVerdict[] }>().verdicts.length,
      0,
    );
    const alerts = (
      await server.inject({ url: '/api/v1/alerts?detector=mail', headers: auth('viewer') })
    ).json<{ alerts: Alert[] }>().alerts;
    assert.equal(alerts.length, 1);
    const [alert] = alerts;
    assert.equal(alert?.level, 'high');
    assert.equal(alert?.rule.id, 'chancery-mail-targeted');
    const observables = alert?.observables.map((o) => `${o.type}:${o.role ?? ''}:${o.value}`) ?? [];
    for (const expected of [
      'email:sender:taro.yamada@mofa-go.jp',
      'domain:sender:mofa-go.jp',
      'url:link:https://mofa-go.jp/owa/login',
      'email:recipient:ichiro.sato@mofa.go.jp',
    ])
      assert.ok(observables.includes(expected), `${expected} in ${observables.join(' ')}`);
  });

  it('groups the same lure sent again to another mission into one campaign', async () => {
    assert.equal((await post(lure(['consul@mofa.go.jp'], 13))).statusCode, 200);
    const report = await server.inject({
      url: '/api/v1/mail/campaigns?until=2011-07-14T00:00:00Z',
      headers: auth('analyst'),
    });
    assert.equal(report.statusCode, 200, report.body);
    const { campaigns } = report.json<{ campaigns: { messages: number; shared: string[] }[] }>();
    assert.equal(campaigns.length, 1);
    assert.equal(campaigns[0]?.messages, 2);
    assert.ok(campaigns[0]?.shared.includes('sender taro.yamada@mofa-go.jp (2 messages)'));
  });

  it('refuses what it must: no token, a viewer posting, an empty or non-mail body', async () => {
    assert.equal((await server.inject({ url: '/api/v1/mail/verdicts' })).statusCode, 401);
    assert.equal((await post(lure(['a@mofa.go.jp'], 14), 'viewer')).statusCode, 403);
    assert.equal((await post(Buffer.alloc(0))).statusCode, 400);
    const garbage = await post('\u0000\u0001 not a message');
    assert.equal(garbage.statusCode, 400);
    assert.match(
      garbage.json<{ error: { message: string } }>().error.message,
      /^Not a mail message/,
    );
  });
});
