// The CLI reads the store while `chancery serve` writes to it (SQLite WAL: readers never block
// the writer, in another process too).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { chancery, startServer } from '../support/cli.ts';
import { fixture } from '../support/data.ts';
import { scratchDir } from '../support/ingest.ts';

test('chancery events sees what the running server stored, while it runs', async () => {
  const dataDir = scratchDir('chancery-concurrent-');
  const server = await startServer(dataDir);
  try {
    const response = await fetch(`${server.url}/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/x-ndjson' },
      body: readFileSync(fixture('windows', 'winlogbeat.ndjson')),
    });
    assert.equal(response.status, 200);
    const listed = chancery(dataDir, ['events', '--json']);
    assert.equal(listed.status, 0, listed.stderr);
    const events = (JSON.parse(listed.stdout) as { events: { event: { code: string } }[] }).events;
    assert.deepEqual(events.map((e) => e.event.code).sort(), ['1', '4624']);
    const tokens = chancery(dataDir, ['tokens', 'list', '--json']);
    assert.equal((JSON.parse(tokens.stdout) as unknown[]).length, 1, 'the first admin token');
  } finally {
    const exited = once(server.child, 'exit');
    server.child.kill('SIGTERM');
    await exited;
  }
});
