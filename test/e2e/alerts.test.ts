// `chancery alerts` as a user runs it: alerts raised through the application's stream (as a
// detector raises them) are listed by the real binary, as a table and as JSON, with filters.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlertAggregator } from '../../src/alerts/aggregator.ts';
import type { Alert } from '../../src/core/index.ts';
import { openApp } from '../../src/main.ts';
import { candidate } from '../support/alerts.ts';
import { chancery } from '../support/cli.ts';
import { scratchDir } from '../support/ingest.ts';

test('alerts published through the app are listed by `chancery alerts`', async () => {
  const data = scratchDir('chancery-alerts-');
  const app = await openApp({ dataDir: data, env: {} });
  const aggregator = new AlertAggregator();
  await app.alerts.publish(
    aggregator.addAll([
      candidate(0, 'e1'),
      candidate(3, 'e2'),
      candidate(5, 'e3', {
        level: 'low',
        host: 'ws-01',
        rule: { id: 'r-2', name: 'Rare parent process', author: 'Jane Doe' },
      }),
      candidate(8, 'e4', { level: 'critical', site: { id: 'tokyo' }, retrospective: true }),
    ]),
  );
  await app.close();

  const table = chancery(data, ['alerts']);
  assert.equal(table.status, 0, table.stderr);
  const lines = table.stdout.trimEnd().split('\n');
  assert.match(lines[0] ?? '', /^@timestamp\s+level\s+rule\s+author\s+site\s+host\s+count$/);
  assert.equal(lines.length, 4);
  assert.match(
    lines[1] ?? '',
    /08:08:00.000Z\s+critical \(hunt\)\s+Encoded PowerShell\s+Florian Roth\s+tokyo\s+ws-07\s+1$/,
  );
  assert.match(lines[2] ?? '', /Rare parent process\s+Jane Doe\s+paris\s+ws-01\s+1$/);
  assert.match(
    lines[3] ?? '',
    /^2024-04-19T08:00:00.000Z\s+high\s+Encoded PowerShell\s+Florian Roth\s+paris\s+ws-07\s+2$/,
  );

  const json = chancery(data, ['alerts', '--json', '--level', 'high', '--site', 'paris']);
  assert.equal(json.status, 0, json.stderr);
  const alerts = JSON.parse(json.stdout) as Alert[];
  assert.ok(Array.isArray(alerts));
  assert.deepEqual(
    alerts.map((a) => [a.rule.id, a.count, a.event_ids]),
    [['r-1', 2, ['e1', 'e2']]],
  );

  const byRule = JSON.parse(
    chancery(data, ['alerts', '--json', '--rule', 'r-2']).stdout,
  ) as Alert[];
  assert.deepEqual(
    byRule.map((a) => a.host),
    ['ws-01'],
  );
  const hunts = JSON.parse(
    chancery(data, ['alerts', '--json', '--retrospective']).stdout,
  ) as Alert[];
  assert.deepEqual(
    hunts.map((a) => a.level),
    ['critical'],
  );
  const since = JSON.parse(
    chancery(data, ['alerts', '--json', '--since', '2024-04-19T08:04:00Z', '--detector', 'sigma'])
      .stdout,
  ) as Alert[];
  assert.equal(since.length, 2);

  const paged = chancery(data, ['alerts', '--json', '-n', '1']);
  assert.equal((JSON.parse(paged.stdout) as Alert[]).length, 1);
  const cursor = /more: --cursor (\S+)/.exec(paged.stderr)?.[1];
  assert.ok(cursor, paged.stderr);
  const next = JSON.parse(
    chancery(data, ['alerts', '--json', '-n', '1', '--cursor', cursor]).stdout,
  ) as Alert[];
  assert.equal(next[0]?.rule.id, 'r-2');

  const badLevel = chancery(data, ['alerts', '--level', 'severe']);
  assert.equal(badLevel.status, 2);
  assert.match(badLevel.stderr, /Allowed choices are informational, low, medium, high, critical/);
  const badTime = chancery(data, ['alerts', '--since', 'whenever']);
  assert.equal(badTime.status, 1);
  assert.match(badTime.stderr, /CHN_ERR_QUERY_INVALID/);
});
