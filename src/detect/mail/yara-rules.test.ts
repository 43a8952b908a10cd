// YARA rules from the configuration: a missing path stops start-up with its name; a rule file
// that does not compile is reported and left out while the others run.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixture } from '../../../test/support/data.ts';
import { ChanceryError } from '../../core/index.ts';
import { loadYaraRules } from './yara-rules.ts';

test('no paths, no scanner; a missing path is a configuration error naming it', async () => {
  assert.equal(await loadYaraRules([]), undefined);
  await assert.rejects(loadYaraRules(['/nonexistent/yara']), (error: unknown) => {
    assert.ok(error instanceof ChanceryError);
    assert.equal(error.code, 'CHN_ERR_INPUT_NOT_FOUND');
    assert.match(error.message, /\/nonexistent\/yara/);
    return true;
  });
});

test('a broken rule file is reported and left out; nested directories are read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chancery-yara-'));
  const nested = mkdtempSync(join(dir, 'nested-'));
  for (const name of readdirSync(fixture('yara')))
    copyFileSync(fixture('yara', name), join(nested, name));
  writeFileSync(join(dir, 'broken.yar'), 'rule broken { strings: $a = "x" condition: $b }');
  const warnings: string[] = [];
  const scanner = await loadYaraRules([dir], (message) => warnings.push(message));
  assert.ok(scanner !== undefined);
  assert.equal(scanner.files.length, readdirSync(fixture('yara')).length);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0] ?? '', /broken\.yar left out/);
  const findings = scanner.scan(
    Buffer.from('Sub AutoOpen()\n Shell "powershell -enc AAAA"\nEnd Sub'),
  );
  assert.ok(findings.length > 0, 'the fixture rules still run');
});
