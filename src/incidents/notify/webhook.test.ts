// Webhook delivery against a real HTTP server on localhost: the request is signed so a receiver
// can verify it, a 5xx or a refused connection is retried once, a timeout is not, and the secret
// never appears in what the caller gets back.
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { sendWebhook, verifySignature } from './webhook.ts';

const SECRET = 'hook-secret-7f3a9c';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** `answer` is called with the request's number (0-based) and decides the response. */
async function receiver(answer: (n: number, response: ServerResponse) => void) {
  const requests: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(requests.length - 1, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}/hook`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function status(code: number) {
  return (_n: number, response: ServerResponse) => response.writeHead(code).end('{}');
}

describe('sendWebhook', () => {
  const servers: { close: () => Promise<void> }[] = [];
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  it('posts the payload as JSON with a signature the receiver can verify', async () => {
    const server = await receiver(status(200));
    servers.push(server);
    const payload = { type: 'incident.notification', incident: { id: 'INC-1', title: 'Ünïcode' } };
    const result = await sendWebhook({ url: server.url, secret: SECRET }, payload);
    assert.equal(result.ok, true);
    assert.equal(result.status, 200);
    assert.equal(result.attempts, 1);
    const [request] = server.requests;
    assert.ok(request);
    assert.equal(request.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(request.body), payload);
    const timestamp = String(request.headers['x-chancery-timestamp']);
    const signature = request.headers['x-chancery-signature'] as string;
    assert.match(signature, /^sha256=[0-9a-f]{64}$/);
    assert.equal(verifySignature(SECRET, timestamp, request.body, signature), true);
    assert.equal(verifySignature('other-secret', timestamp, request.body, signature), false);
    assert.equal(verifySignature(SECRET, timestamp, `${request.body} `, signature), false);
    assert.ok(!JSON.stringify(result).includes(SECRET));
    assert.ok(!JSON.stringify(request.headers).includes(SECRET));
  });

  it('retries once after a 5xx, with the same delivery id, and succeeds', async () => {
    const server = await receiver((n, response) => response.writeHead(n === 0 ? 500 : 204).end());
    servers.push(server);
    const result = await sendWebhook(
      { url: server.url, secret: SECRET },
      { a: 1 },
      { retryDelayMs: 0 },
    );
    assert.equal(result.ok, true);
    assert.equal(result.status, 204);
    assert.equal(result.attempts, 2);
    assert.equal(server.requests.length, 2);
    const [first, second] = server.requests;
    assert.equal(first?.headers['x-chancery-delivery'], second?.headers['x-chancery-delivery']);
  });

  it('gives up after the retry fails too and reports the last status', async () => {
    const server = await receiver(status(503));
    servers.push(server);
    const result = await sendWebhook({ url: server.url, secret: SECRET }, {}, { retryDelayMs: 0 });
    assert.deepEqual(
      [result.ok, result.status, result.error, result.attempts],
      [false, 503, 'HTTP 503', 2],
    );
    assert.equal(server.requests.length, 2);
  });

  it('does not retry what the receiver rejected (4xx) or follow redirects', async () => {
    const server = await receiver((n, response) =>
      n === 0
        ? response.writeHead(404).end()
        : response.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end(),
    );
    servers.push(server);
    const rejected = await sendWebhook(
      { url: server.url, secret: SECRET },
      {},
      { retryDelayMs: 0 },
    );
    assert.deepEqual([rejected.ok, rejected.status, rejected.attempts], [false, 404, 1]);
    const redirected = await sendWebhook(
      { url: server.url, secret: SECRET },
      {},
      { retryDelayMs: 0 },
    );
    assert.deepEqual([redirected.ok, redirected.status], [false, 302]);
    assert.equal(server.requests.length, 2);
  });

  it('stops waiting at the timeout and does not retry', async () => {
    // Never answers: the request stays open until the test closes the server.
    const server = await receiver(() => undefined);
    servers.push(server);
    const result = await sendWebhook(
      { url: server.url, secret: SECRET, timeoutMs: 100 },
      {},
      { retryDelayMs: 0 },
    );
    assert.equal(result.ok, false);
    assert.equal(result.status, undefined);
    assert.equal(result.error, 'no answer within 100 ms');
    assert.equal(result.attempts, 1);
    assert.equal(server.requests.length, 1);
  });

  it('retries a refused connection once and says why it failed, without the secret', async () => {
    const server = await receiver(status(200));
    await server.close();
    const result = await sendWebhook({ url: server.url, secret: SECRET }, {}, { retryDelayMs: 0 });
    assert.equal(result.ok, false);
    assert.equal(result.attempts, 2);
    assert.match(result.error ?? '', /ECONNREFUSED/);
    assert.ok(!JSON.stringify(result).includes(SECRET));
  });

  it('refuses to send unsigned, to bad URLs and to URLs with credentials, without throwing', async () => {
    const cases = [
      { url: 'http://127.0.0.1:1/hook', secret: '' },
      { url: 'not a url', secret: SECRET },
      { url: 'ftp://127.0.0.1/hook', secret: SECRET },
      { url: `https://user:${SECRET}@127.0.0.1/hook`, secret: SECRET },
    ];
    for (const target of cases) {
      const result = await sendWebhook(target, {});
      assert.equal(result.ok, false, target.url);
      assert.equal(result.attempts, 0, target.url);
      assert.ok(!JSON.stringify(result).includes(SECRET), target.url);
    }
  });

  it('reports a payload that is not JSON instead of throwing', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const result = await sendWebhook({ url: 'http://127.0.0.1:1/', secret: SECRET }, cyclic);
    assert.deepEqual([result.ok, result.error], [false, 'payload is not JSON']);
  });
});
