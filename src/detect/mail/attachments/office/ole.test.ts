import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { minimalPe } from '../../../../../test/support/weapons/containers.ts';
import {
  encryptedDoc,
  encryptedOoxml,
  equationObject,
  linkedOleObject,
  macroDoc,
  macroXls,
  packagerDoc,
  plainDoc,
  xlmXls,
} from '../../../../../test/support/weapons/office.ts';
import { inspectOle } from './index.ts';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const codes = (result: { findings: { code: string }[] }): string[] =>
  result.findings.map((f) => f.code);

test('a Word 97 macro document: macro, auto-run and suspicious calls, all weaponized', async () => {
  const result = await inspectOle(macroDoc(), 'invoice.doc');
  assert.deepEqual(codes(result), ['vba-macro', 'vba-autoexec', 'vba-suspicious']);
  assert.ok(result.findings.every((f) => f.kind === 'weaponized'));
  assert.deepEqual(result.children, []);
});

test('an Excel 97 workbook with a _VBA_PROJECT_CUR project', async () => {
  const result = await inspectOle(macroXls(), 'book.xls');
  assert.deepEqual(codes(result), ['vba-macro', 'vba-autoexec', 'vba-suspicious']);
  assert.match(result.findings[0]?.reason ?? '', /ThisWorkbook, Module1/);
});

test('an Excel 4.0 macro sheet, very hidden, with Auto_Open', async () => {
  const result = await inspectOle(xlmXls(), 'book.xls');
  assert.deepEqual(codes(result), ['xlm-macro-sheet', 'xlm-autoexec']);
  assert.match(result.findings[0]?.reason ?? '', /Macro1 \(very hidden\)/);
  assert.doesNotMatch(result.findings[0]?.reason ?? '', /Sheet1/);
});

test('encrypted documents are evasion', async () => {
  for (const bytes of [encryptedDoc(), encryptedOoxml()]) {
    const result = await inspectOle(bytes, 'secret.doc');
    assert.deepEqual(codes(result), ['encrypted-office']);
    assert.equal(result.findings[0]?.kind, 'evasion');
  }
});

test('a packaged executable comes back as a child with its own name and bytes', async () => {
  const result = await inspectOle(packagerDoc(), 'doc.doc');
  assert.deepEqual(codes(result), ['ole-package', 'ole-embedded-object']);
  assert.equal(result.children.length, 1);
  assert.equal(result.children[0]?.name, 'invoice.exe');
  assert.equal(sha256(result.children[0].bytes), sha256(minimalPe()));
  assert.match(result.findings[1]?.reason ?? '', /Package/);
});

test('an Equation Editor object is flagged by CLSID, stream and ProgID', async () => {
  const result = await inspectOle(equationObject(), 'oleObject1.bin');
  const equation = result.findings.find((f) => f.code === 'equation-editor-object');
  assert.equal(equation?.kind, 'weaponized');
  assert.equal(equation?.weight, 0.95);
  assert.match(equation?.reason ?? '', /the root has the Equation Editor CLSID/);
  assert.match(equation?.reason ?? '', /Equation Native/);
  assert.match(equation?.reason ?? '', /names Equation\.3/);
});

test('a URL moniker in \\x01Ole is a remote link', async () => {
  const result = await inspectOle(linkedOleObject('http://192.0.2.1/x.hta'), 'oleObject1.bin');
  assert.deepEqual(codes(result), ['ole-link-url']);
  assert.match(result.findings[0]?.reason ?? '', /http:\/\/192\.0\.2\.1\/x\.hta/);
});

test('a document without macros or objects has no findings', async () => {
  assert.deepEqual(await inspectOle(plainDoc(), 'letter.doc'), { findings: [], children: [] });
});

test('garbage, truncation and bit flips become malformed-ole, never an exception', async () => {
  const garbage = await inspectOle(randomBytes(2000), 'x.doc');
  assert.deepEqual(codes(garbage), ['malformed-ole']);
  assert.equal(garbage.findings[0]?.weight, 0.3);
  const doc = macroDoc();
  for (const cut of [8, 512, 1000, doc.length - 1]) {
    const result = await inspectOle(doc.subarray(0, cut), 'x.doc');
    assert.ok(Array.isArray(result.findings));
  }
  for (let i = 0; i < 300; i++) {
    const mutated = Uint8Array.from(doc);
    for (let j = 0; j < 1 + (i % 16); j++) {
      const at = 512 + ((i * 7919 + j * 104729) % (doc.length - 512));
      mutated[at] = (mutated[at] ?? 0) ^ (1 << (j % 8));
    }
    const result = await inspectOle(mutated, 'x.doc');
    assert.ok(Array.isArray(result.findings));
  }
});
