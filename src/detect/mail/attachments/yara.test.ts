// YARA-X rules from a directory: the shipped fixture rules fire on the generated weapons, meta
// sets weight and kind, and a broken rule file is reported without hiding the others.
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  buildZip,
  minimalPe,
  powershellLnk,
  smugglingHtml,
} from '../../../../test/support/weapons/containers.ts';
import { YaraScanner } from './yara.ts';

const RULES = fileURLToPath(new URL('../../../../test/fixtures/yara/', import.meta.url));
const text = (value: string): Uint8Array => new TextEncoder().encode(value);

test('the fixture rules compile and fire on the weapons they describe', async () => {
  const scanner = await YaraScanner.fromPaths([RULES]);
  assert.deepEqual(scanner.errors, []);
  assert.equal(scanner.files.length, 4);

  const zip = await buildZip([{ name: 'invoice.exe', bytes: minimalPe() }]);
  assert.deepEqual(
    scanner.scan(zip).map((f) => [f.code, f.weight, f.kind]),
    [['yara:Zip_Stored_Executable', 0.9, 'weaponized']],
  );
  const [html] = scanner.scan(text(smugglingHtml(zip, 'a.zip')));
  assert.deepEqual(
    [html?.code, html?.weight, html?.kind],
    ['yara:HTML_Smuggling_Blob_Download', 0.75, 'weaponized'],
  );
  assert.match(html?.reason ?? '', /\[exploit\] matched: HTML page assembling a Blob/);
  const [lnk] = scanner.scan(powershellLnk());
  assert.deepEqual([lnk?.code, lnk?.weight], ['yara:LNK_PowerShell_Encoded', 0.95]);
  const [vba] = scanner.scan(text('Sub AutoOpen()\n  Shell("cmd /c calc")\nEnd Sub'));
  assert.deepEqual(
    [vba?.code, vba?.weight, vba?.kind],
    ['yara:VBA_AutoExec_Shell', 0.8, 'weaponized'],
  );
  assert.deepEqual(scanner.scan(text('just a letter')), []);
});

test('a broken rule file is reported with its name and does not stop the others', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'chancery-yara-'));
  try {
    await copyFile(join(RULES, 'vba_autoexec.yar'), join(dir, 'a_good.yar'));
    await writeFile(join(dir, 'b_broken.yara'), 'rule broken { condition: undefined_thing }');
    await writeFile(join(dir, 'c_plain.yar'), 'rule Plain { strings: $a = "zzz" condition: $a }');
    await writeFile(join(dir, 'notes.txt'), 'not a rule');
    const scanner = await YaraScanner.fromPaths([dir]);
    assert.equal(scanner.errors.length, 1);
    assert.equal(scanner.errors[0]?.file, join(dir, 'b_broken.yara'));
    assert.match(scanner.errors[0]?.message ?? '', /undefined_thing/);
    assert.deepEqual(scanner.files, [join(dir, 'a_good.yar'), join(dir, 'c_plain.yar')]);
    // No meta: the default weight and no kind.
    assert.deepEqual(scanner.scan(text('zzz')), [
      { code: 'yara:Plain', weight: 0.7, reason: 'YARA rule Plain matched' },
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a missing rule directory rejects', async () => {
  await assert.rejects(YaraScanner.fromPaths([join(RULES, 'does-not-exist')]));
});
