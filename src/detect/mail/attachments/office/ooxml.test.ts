import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import {
  REMOTE_OLE_URL,
  REMOTE_TEMPLATE_URL,
  cleanDocx,
  ddeDocx,
  equationObject,
  macroDocm,
  remoteOleDocx,
  remoteTemplateDocx,
  zipOf,
} from '../../../../../test/support/weapons/office.ts';
import { inspectOoxml } from './index.ts';
import { ddeInWordPart } from './dde.ts';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const codes = (result: { findings: { code: string }[] }): string[] =>
  result.findings.map((f) => f.code);

test('a clean .docx has no findings at all', async () => {
  assert.deepEqual(await inspectOoxml(await cleanDocx(), 'report.docx'), {
    findings: [],
    children: [],
  });
});

test('a .docm: macro-enabled type and the vbaProject.bin macros', async () => {
  const result = await inspectOoxml(await macroDocm(), 'invoice.docm');
  assert.deepEqual(codes(result), [
    'ooxml-macro-enabled',
    'vba-macro',
    'vba-autoexec',
    'vba-suspicious',
  ]);
  assert.match(result.findings[0]?.reason ?? '', /macroEnabled/);
  assert.match(result.findings[1]?.reason ?? '', /VBA: NewMacros/);
  assert.match(result.findings[2]?.reason ?? '', /AutoOpen/);
  assert.deepEqual(result.children, []);
});

test('CVE-2021-40444 shape: external oleObject relationship to mhtml:http', async () => {
  const result = await inspectOoxml(await remoteOleDocx(), 'doc.docx');
  assert.deepEqual(codes(result), ['external-relationship']);
  assert.equal(result.findings[0]?.kind, 'weaponized');
  assert.equal(result.findings[0]?.weight, 0.9);
  assert.ok(result.findings[0]?.reason.includes(REMOTE_OLE_URL));
  assert.match(result.findings[0]?.reason ?? '', /^word\/_rels\/document\.xml\.rels: oleObject/);
});

test('remote template injection through attachedTemplate', async () => {
  const result = await inspectOoxml(await remoteTemplateDocx(), 'doc.docx');
  assert.deepEqual(codes(result), ['external-relationship']);
  assert.ok(
    result.findings[0]?.reason.includes(`attachedTemplate fetched from ${REMOTE_TEMPLATE_URL}`),
  );
});

test('a DDEAUTO field split over runs, and the embedded object as a child', async () => {
  const result = await inspectOoxml(await ddeDocx(), 'dde.docx');
  assert.deepEqual(codes(result), ['dde-field']);
  assert.match(result.findings[0]?.reason ?? '', /DDEAUTO c:\\\\windows/);
  assert.equal(result.children[0]?.name, 'oleObject1.bin');
  assert.equal(sha256(result.children[0].bytes), sha256(equationObject()));
});

test('DDE hidden as QUOTE character codes and in fldSimple', () => {
  const quote = Array.from('DDEAUTO cmd')
    .map((c) => c.charCodeAt(0))
    .join(' ');
  assert.match(ddeInWordPart(`<w:instrText>QUOTE ${quote}</w:instrText>`), /^DDEAUTO cmd/);
  assert.match(
    ddeInWordPart('<w:fldSimple w:instr=" DDE &quot;c:\\x.exe&quot; "/>'),
    /DDE "c:\\x\.exe"/,
  );
  assert.equal(
    ddeInWordPart('<w:instrText> HYPERLINK "https://x" </w:instrText><w:t>DDE</w:t>'),
    '',
  );
});

test('Follina-style ms-msdt: target, xlm macro sheets and Excel DDE links', async () => {
  const bytes = await zipOf({
    '[Content_Types].xml':
      '<Types><Override PartName="/xl/macrosheets/sheet1.xml" ContentType="application/vnd.ms-excel.macrosheet+xml"/></Types>',
    'xl/macrosheets/sheet1.xml': '<xm:macrosheet/>',
    'xl/externalLinks/externalLink1.xml':
      '<externalLink><ddeLink ddeService="cmd" ddeTopic="/c calc"/></externalLink>',
    'xl/_rels/workbook.xml.rels':
      '<Relationships><Relationship Id="r" Type="http://x/hyperlink" Target="ms-msdt:/id PCWDiagnostic" TargetMode="External"/></Relationships>',
  });
  const result = await inspectOoxml(bytes, 'x.xlsm');
  assert.deepEqual(codes(result).sort(), [
    'dde-field',
    'external-relationship',
    'ooxml-macro-enabled',
    'xlm-macro-sheet',
  ]);
  assert.match(result.findings.find((f) => f.code === 'dde-field')?.reason ?? '', /cmd\|\/c calc/);
});

test('garbage and truncated packages become malformed-ooxml', async () => {
  assert.deepEqual(codes(await inspectOoxml(randomBytes(500), 'x.docx')), ['malformed-ooxml']);
  const docm = await macroDocm();
  for (const cut of [4, 100, docm.length / 2, docm.length - 10]) {
    const result = await inspectOoxml(docm.subarray(0, Math.floor(cut)), 'x.docm');
    assert.ok(
      result.findings.some((f) => f.code === 'malformed-ooxml'),
      `cut ${cut}`,
    );
  }
  // A broken vbaProject.bin is still a macro.
  const broken = await zipOf({ 'word/vbaProject.bin': randomBytes(700) });
  assert.deepEqual(codes(await inspectOoxml(broken, 'x.docm')), ['vba-macro', 'malformed-vba']);
});
