import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadWarninglists } from './load.ts';

function writeList(root: string, id: string, content: string): string {
  const dir = join(root, 'lists', id);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'list.json');
  writeFileSync(path, content);
  return path;
}

const good = JSON.stringify({
  name: 'Good list',
  description: 'fine',
  version: 1,
  type: 'cidr',
  list: ['192.0.2.0/24', 42],
  matching_attributes: ['ip-dst'],
});

test('malformed files are reported with their path and reason; the others load', () => {
  const root = mkdtempSync(join(tmpdir(), 'chancery-wl-'));
  const goodPath = writeList(root, 'good', good);
  const brokenJson = writeList(root, 'broken', '{"name": "half a file", "list": [');
  const badType = writeList(
    root,
    'bad-type',
    JSON.stringify({ ...JSON.parse(good), type: 'glob' }),
  );
  const noList = writeList(
    root,
    'no-list',
    JSON.stringify({ name: 'x', description: '', version: 1, type: 'string' }),
  );
  const result = loadWarninglists(root);

  assert.deepEqual(
    result.lists.map((list) => list.info.id),
    ['good'],
  );
  assert.equal(result.lists[0]?.info.entries, 1);
  const byPath = new Map(result.problems.map((problem) => [problem.path, problem]));
  assert.equal(byPath.get(brokenJson)?.severity, 'error');
  assert.match(byPath.get(brokenJson)?.reason ?? '', /invalid JSON/);
  assert.match(byPath.get(badType)?.reason ?? '', /"type" must be one of/);
  assert.match(byPath.get(noList)?.reason ?? '', /"list" must be an array/);
  assert.equal(byPath.get(goodPath)?.severity, 'warning');
  assert.match(byPath.get(goodPath)?.reason ?? '', /1 non-string entries skipped/);
});

test('an empty directory loads nothing, without error', () => {
  const result = loadWarninglists(mkdtempSync(join(tmpdir(), 'chancery-wl-')));
  assert.deepEqual(result, { ...result, lists: [], problems: [] });
});
