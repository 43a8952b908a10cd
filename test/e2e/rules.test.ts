// Sigma rules as a detection engineer uses them from the command line: validate (every problem
// with file:line), add to the library, alerts as telemetry is ingested (author shown, fields that
// matched), list and toggle, and a hunt over stored history that raises retrospective alerts once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture } from '../support/data.ts';
import { chancery } from '../support/cli.ts';
import { scratchDir } from '../support/ingest.ts';

const RULES = fixture('rules', 'chancery');

interface AlertJson {
  id: string;
  rule: { id: string; name: string; author?: string };
  level: string;
  count: number;
  retrospective: boolean;
  matched: { field: string; value: string }[];
  host?: string;
}

function alerts(data: string, ...args: string[]): AlertJson[] {
  const result = chancery(data, ['alerts', '--json', ...args]);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as AlertJson[];
}

test('validate reports every problem with file:line and exits 1', () => {
  const data = scratchDir('chancery-rules-');
  const result = chancery(data, ['rules', 'validate', RULES]);
  assert.equal(result.status, 1);
  assert.match(result.stdout, /broken\.yml:11:\d+: unknown-identifier: .*missing/);
  assert.match(result.stdout, /broken\.yml:12:\d+: bad-level: /, 'every problem, not the first');
  assert.match(result.stdout, /broken_modifier\.yml:10:\d+: unknown-modifier: .*sometimes/);
  assert.match(result.stderr, /4 files, 3 rules: 2 detection rules compiled.*2 rejected/);
  const json = JSON.parse(chancery(data, ['rules', 'validate', '--json', RULES]).stdout) as {
    issues: { file: string; line: number; reason: string }[];
  };
  assert.deepEqual(
    json.issues.map((i) => `${i.file.split('/').at(-1)}:${i.line} ${i.reason}`),
    [
      'broken.yml:11 unknown-identifier',
      'broken.yml:12 bad-level',
      'broken_modifier.yml:10 unknown-modifier',
    ],
  );
});

test('rules added to the library alert on ingest, list, toggle and hunt', () => {
  const data = scratchDir('chancery-rules-');
  const add = chancery(data, [
    'rules',
    'add',
    fixture('rules', 'chancery', 'office_child_in_temp.yml'),
    fixture('rules', 'chancery', 'network_logon.yml'),
  ]);
  assert.equal(add.status, 0, add.stderr);

  const ingest = chancery(data, ['ingest', fixture('windows', 'winlogbeat.ndjson')]);
  assert.equal(ingest.status, 0, ingest.stderr);
  const live = alerts(data);
  assert.deepEqual(live.map((a) => a.rule.name).sort(), [
    'Mail Client Starts a Program From the Temp Folder',
    'Network Logon',
  ]);
  const office = live.find((a) => a.level === 'high');
  assert.equal(office?.rule.author, 'Chancery fixtures');
  assert.equal(office?.retrospective, false);
  assert.deepEqual(office?.matched.map((m) => m.field).sort(), ['Image', 'ParentImage']);

  const human = chancery(data, ['alerts']);
  assert.match(human.stdout, /Chancery fixtures/, 'the author is shown, as the DRL requires');

  // Re-ingesting the same file raises nothing new.
  chancery(data, ['ingest', fixture('windows', 'winlogbeat.ndjson')]);
  assert.equal(alerts(data).length, 2);

  const disable = chancery(data, ['rules', 'disable', 'level:low']);
  assert.equal(disable.status, 0, disable.stderr);
  assert.match(disable.stderr, /disabled 1 rules matching level:low/);
  const listed = JSON.parse(chancery(data, ['rules', 'list', '--json']).stdout) as {
    title: string;
    enabled: boolean;
    author: string;
  }[];
  assert.deepEqual(listed.map((r) => [r.title, r.enabled]).sort(), [
    ['Mail Client Starts a Program From the Temp Folder', true],
    ['Network Logon', false],
  ]);

  const hunt = chancery(data, ['rules', 'hunt', '--since', '2020-01-01T00:00:00Z']);
  assert.equal(hunt.status, 0, hunt.stderr);
  assert.match(hunt.stderr, /hunted 2 events .* 1 matches, 1 retrospective alerts/);
  const retro = alerts(data).filter((a) => a.retrospective);
  assert.equal(retro.length, 1);
  assert.equal(retro[0]?.level, 'high');
  chancery(data, ['rules', 'hunt', '--since', '2020-01-01T00:00:00Z']);
  assert.equal(alerts(data).filter((a) => a.retrospective).length, 1, 'a second hunt adds nothing');
});
