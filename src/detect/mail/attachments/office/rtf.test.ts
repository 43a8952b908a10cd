import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { minimalPe } from '../../../../../test/support/weapons/containers.ts';
import {
  cleanRtf,
  equationObject,
  equationRtf,
  ole1Object,
  packageRtf,
  pFragmentsRtf,
} from '../../../../../test/support/weapons/office.ts';
import { inspectRtf } from './index.ts';
import { scanRtf } from './rtf-scan.ts';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const codes = (result: { findings: { code: string }[] }): string[] =>
  result.findings.map((f) => f.code);
const rtf = (body: string): Uint8Array => Buffer.from(`{\\rtf1\\ansi ${body}}`, 'latin1');
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

test('a clean letter with a picture has no findings', async () => {
  assert.deepEqual(await inspectRtf(cleanRtf(), 'letter.rtf'), { findings: [], children: [] });
});

test('an Equation.3 object: weaponized, auto-updated, and its compound file as a child', async () => {
  const result = await inspectRtf(equationRtf(), 'doc.rtf');
  assert.deepEqual(codes(result), ['rtf-object', 'equation-editor-object', 'rtf-objupdate']);
  assert.match(result.findings[0]?.reason ?? '', /Equation\.3 \(objemb, objupdate\)/);
  assert.equal(result.findings[1]?.weight, 0.95);
  assert.equal(result.children[0]?.name, 'Equation.3-1.bin');
  assert.equal(sha256(result.children[0].bytes), sha256(equationObject()));
});

test('a Package object yields the packaged executable; junk after \\objdata is evasion', async () => {
  const result = await inspectRtf(packageRtf(), 'doc.rtf');
  assert.deepEqual(codes(result), ['rtf-object', 'rtf-obfuscation']);
  assert.equal(result.children.length, 1);
  assert.equal(result.children[0]?.name, 'payload.exe');
  assert.equal(sha256(result.children[0].bytes), sha256(minimalPe()));
  assert.match(result.findings[1]?.reason ?? '', /control words inside objdata \(\\fakeword/);
});

test('pFragments is CVE-2010-3333', async () => {
  const result = await inspectRtf(pFragmentsRtf(), 'doc.rtf');
  assert.deepEqual(codes(result), ['rtf-pfragments']);
  assert.equal(result.findings[0]?.kind, 'weaponized');
});

test('OLE2Link objects and \\objautlink are remote links', async () => {
  const link = ole1Object('OLE2Link', new Uint8Array(0), 1);
  const result = await inspectRtf(
    rtf(`{\\object\\objautlink\\rsltpict{\\*\\objdata ${hex(link)}}}`),
    'x.rtf',
  );
  assert.ok(codes(result).includes('rtf-ole-link'));
  assert.match(result.findings.find((f) => f.code === 'rtf-ole-link')?.reason ?? '', /OLE2Link/);
});

test('objdata obfuscation: ignorable groups, \\bin, whitespace and a spoofed objclass', () => {
  const data = hex(ole1Object('Equation.3', Uint8Array.from([1, 2, 3, 4])));
  const split = `${data.slice(0, 10)}{\\*\\junk 4141}\r\n ${data.slice(10, 20)}\t${data.slice(20)}`;
  const scan = scanRtf(
    rtf(`{\\object\\objemb{\\*\\objclass Word.Document.8}{\\*\\objdata ${split}}}`),
  );
  assert.equal(scan.objects.length, 1);
  assert.equal(hex(scan.objects[0]!.data), data);
  assert.equal(scan.objects[0]?.objclass, 'Word.Document.8');
  assert.ok(scan.tricks.some((t) => t.startsWith('ignorable group inside objdata')));
  const raw = Buffer.concat([
    Buffer.from('{\\rtf1{\\object{\\*\\objdata 0105\\bin4 '),
    Buffer.from([0, 0, 2, 0]),
    Buffer.from('0000}}}'),
  ]);
  const binScan = scanRtf(raw);
  assert.equal(hex(binScan.objects[0]!.data), '0105000002000000');
  assert.ok(binScan.tricks.includes('\\bin raw data inside objdata'));
});

test('a spoofed objclass still finds Equation.3 in the OLE1 header', async () => {
  const data = hex(ole1Object('Equation.3', equationObject()));
  const result = await inspectRtf(
    rtf(`{\\object\\objemb{\\*\\objclass Word.Document.8}{\\*\\objdata ${data}}}`),
    'x.rtf',
  );
  assert.ok(codes(result).includes('equation-editor-object'));
  assert.match(result.findings[0]?.reason ?? '', /Equation\.3 declared as Word\.Document\.8/);
});

test('a long hex run in an unknown destination is a hex blob; pictures are not', async () => {
  const blob = 'cc'.repeat(6000);
  const result = await inspectRtf(rtf(`{\\*\\shellstuff ${blob}}`), 'x.rtf');
  assert.deepEqual(codes(result), ['rtf-hex-blob']);
  assert.match(result.findings[0]?.reason ?? '', /12000 hex digits in a row in \\shellstuff/);
  assert.deepEqual(codes(await inspectRtf(rtf(`{\\pict\\wmetafile8 ${blob}}`), 'x.rtf')), []);
});

test('overlong control words and a bare {\\rt header are evasion; non-RTF is malformed', async () => {
  const result = await inspectRtf(Buffer.from(`{\\rtvpn{\\${'a'.repeat(300)} x}}`), 'x.rtf');
  assert.deepEqual(codes(result), ['rtf-obfuscation']);
  assert.match(result.findings[0]?.reason ?? '', /longer than 32 letters.*header is not/);
  assert.deepEqual(codes(await inspectRtf(Buffer.from('hello'), 'x.rtf')), ['malformed-rtf']);
});

test('hostile input: unbalanced braces, truncation and random bytes never throw', async () => {
  const samples = [
    Buffer.from('{'.repeat(100_000)),
    Buffer.from('}'.repeat(1000) + '{\\rtf1'),
    Buffer.from('{\\rtf1{\\object{\\*\\objdata 0105'),
    Buffer.from('{\\rtf1\\bin99999999999 abc'),
    Buffer.from('{\\rtf1\\'),
    Buffer.from("{\\rtf1\\'"),
    equationRtf().subarray(0, 700),
    Buffer.concat([Buffer.from('{\\rtf1'), randomBytes(50_000)]),
  ];
  for (const sample of samples) {
    const result = await inspectRtf(sample, 'x.rtf');
    assert.ok(Array.isArray(result.findings));
  }
});

test('20 MB of groups and control words is scanned to the end, not given up on', () => {
  // The scanner is one pass with an explicit depth counter (no recursion): a hostile document
  // this size must still be read through, and an object at its very end still found.
  const tail = '{\\object\\objemb{\\*\\objclass Equation.3}{\\*\\objdata 0105}}';
  const big = Buffer.from(`{\\rtf1${'{\\b\\i x}'.repeat(2_000_000)}${tail}}`);
  const scan = scanRtf(big);
  assert.equal(scan.header, true);
  assert.deepEqual(
    scan.objects.map((object) => object.objclass),
    ['Equation.3'],
  );
});
