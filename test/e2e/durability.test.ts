// Events acknowledged to an HTTP client survive `kill -9` of the server.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { openSqliteStores } from '../../src/storage/sqlite/index.ts';
import { startServer } from '../support/cli.ts';
import { scratchDir } from '../support/ingest.ts';

test('every acknowledged event is in the store after SIGKILL', async () => {
  const dataDir = scratchDir('chancery-kill-');
  const server = await startServer(dataDir);
  assert.match(server.token, /^chy_/, 'the first start prints an admin token');
  const post = (batch: number): Promise<Response> => {
    const lines = Array.from({ length: 2000 }, (_, i) =>
      JSON.stringify({
        '@timestamp': new Date(Date.UTC(2024, 3, 19, 0, batch, 0, i)).toISOString(),
        event: { dataset: 'kill.test' },
        message: `batch ${batch} event ${i}`,
      }),
    );
    return fetch(`${server.url}/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/x-ndjson' },
      body: lines.join('\n'),
    });
  };
  let acknowledged = 0;
  for (let batch = 0; batch < 10; batch++) {
    const response = await post(batch);
    assert.equal(response.status, 200);
    acknowledged += ((await response.json()) as { inserted: number }).inserted;
  }
  const exited = once(server.child, 'exit'); // listen first: the exit can come before the next await
  const inFlight = post(99).catch(() => undefined); // may or may not land; it was never acknowledged
  server.child.kill('SIGKILL');
  await inFlight;
  await exited;
  assert.equal(acknowledged, 20_000);
  const stores = openSqliteStores(dataDir);
  const counts = await stores.events.countByDataset();
  await stores.close();
  const stored = counts.find((c) => c.dataset === 'kill.test')?.count ?? 0;
  assert.ok(
    stored === acknowledged || stored === acknowledged + 2000,
    `stored ${stored}, acknowledged ${acknowledged}`,
  );
});
