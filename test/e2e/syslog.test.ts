// `chancery serve` with syslog listeners: messages over UDP and TCP (both framings) become events.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createSocket } from 'node:dgram';
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_CONFIG_TEXT } from '../../src/config/load.ts';
import { startServer } from '../support/cli.ts';
import { scratchDir } from '../support/ingest.ts';

test('syslog over UDP and TCP is parsed, stored and searchable', async () => {
  const dataDir = scratchDir('chancery-syslog-');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(
    join(dataDir, 'chancery.yaml'),
    `${DEFAULT_CONFIG_TEXT}\nsyslog:\n  udp: { host: 127.0.0.1, port: 0 }\n  tcp: { host: 127.0.0.1, port: 0 }\n`,
  );
  const server = await startServer(dataDir);
  try {
    const udpPort = Number((await server.waitFor(/syslog udp listening on [^:]+:(\d+)/))[1]);
    const tcpPort = Number((await server.waitFor(/syslog tcp listening on [^:]+:(\d+)/))[1]);
    const udp = createSocket('udp4');
    await new Promise<void>((resolve) =>
      udp.send('<34>Oct 11 22:14:15 fw-paris su[1]: udp one', udpPort, '127.0.0.1', () =>
        resolve(),
      ),
    );
    await new Promise<void>((resolve) =>
      udp.send('<999>broken', udpPort, '127.0.0.1', () => resolve()),
    );
    udp.close();
    const framed = '<165>1 2024-04-19T00:00:00Z dc-tokyo app 42 - - tcp octet counted';
    await send(tcpPort, `${Buffer.byteLength(framed)} ${framed}`);
    await send(
      tcpPort,
      '<13>Apr 19 09:00:00 dc-tokyo app: tcp line one\n<13>Apr 19 09:00:01 dc-tokyo app: tcp line two\n',
    );
    const messages = await poll(async () => {
      const response = await fetch(
        `${server.url}/events?where=event.dataset%3Dsyslog.log&limit=50`,
        { headers: { authorization: `Bearer ${server.token}` } },
      );
      const body = (await response.json()) as { events: { message?: string }[] };
      return body.events.length >= 4 ? body.events.map((e) => e.message ?? '') : undefined;
    });
    assert.deepEqual(messages.sort(), [
      'tcp line one',
      'tcp line two',
      'tcp octet counted',
      'udp one',
    ]);
    const rejects = (await (
      await fetch(`${server.url}/rejects`, { headers: { authorization: `Bearer ${server.token}` } })
    ).json()) as { rejects: { source: string; reason: string }[] };
    assert.ok(
      rejects.rejects.some((r) => r.source === 'syslog-udp:127.0.0.1' && /PRI 999/.test(r.reason)),
    );
  } finally {
    const exited = once(server.child, 'exit');
    server.child.kill('SIGTERM');
    await exited;
  }
});

function send(port: number, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

async function poll<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not reached within 10 s');
}
