// The driver end to end on generated weapons: report trees with paths, hashes and types, the
// findings each layer adds, limits as findings, and hostile bytes that never make it throw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import {
  buildIso,
  buildZip,
  minimalPe,
  nestedZip,
  powershellLnk,
  RTLO_NAME,
  smugglingHtml,
} from '../../../../test/support/weapons/containers.ts';
import { inspectAttachment, messageBudget, type OfficeInspectors } from './inspect.ts';
import type { AttachmentReport } from './report.ts';
import { YaraScanner } from './yara.ts';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const codes = (report: AttachmentReport | undefined): string[] =>
  (report?.findings ?? []).map((finding) => finding.code);
const find = (report: AttachmentReport, path: string): AttachmentReport | undefined => {
  if (report.path === path) return report;
  for (const child of report.children) {
    const found = find(child, path);
    if (found !== undefined) return found;
  }
  return undefined;
};
const office = (calls: string[]): OfficeInspectors => ({
  inspectOle: async (_bytes, name) => {
    calls.push(`ole:${name}`);
    return {
      findings: [{ code: 'vba-macro', weight: 0.8, kind: 'weaponized', reason: 'test' }],
      children: [],
    };
  },
  inspectOoxml: async (_bytes, name) => {
    calls.push(`ooxml:${name}`);
    return { findings: [], children: [{ name: 'oleObject1.bin', bytes: minimalPe() }] };
  },
  inspectRtf: async (_bytes, name) => {
    calls.push(`rtf:${name}`);
    throw new Error('bad rtf');
  },
});

test('a plain attachment: hashes, size, type and no findings', async () => {
  const report = await inspectAttachment(
    { name: 'note.txt', mime: 'text/plain', bytes: text('hello') },
    { bodyText: '' },
  );
  assert.deepEqual(report, {
    name: 'note.txt',
    path: 'note.txt',
    size: 5,
    md5: '5d41402abc4b2a76b9719d911017c592',
    sha1: 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d',
    sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
    mime: 'text/plain',
    type: 'text',
    findings: [],
    children: [],
  });
});

test('a program named like a PDF', async () => {
  const report = await inspectAttachment(
    { name: 'invoice.pdf', mime: 'application/pdf', bytes: minimalPe() },
    { bodyText: '' },
  );
  assert.equal(report.type, 'pe');
  assert.deepEqual(codes(report), ['executable-disguised', 'executable']);
});

test('an encrypted zip opened with the body password: the exe inside is weaponized', async () => {
  const zip = await buildZip([{ name: RTLO_NAME, bytes: minimalPe() }], {
    password: '8842',
    zipCrypto: true,
  });
  const report = await inspectAttachment(
    { name: 'docs.zip', mime: 'application/zip', bytes: zip },
    { bodyText: 'Please find the invoice attached.\nThe password is 8842.' },
  );
  assert.deepEqual(codes(report), ['encrypted-archive', 'archive-password-in-body']);
  const child = report.children[0];
  assert.equal(child?.path, `docs.zip/${RTLO_NAME}`);
  assert.equal(child?.type, 'pe');
  assert.equal(child?.mime, '');
  assert.deepEqual(codes(child), ['rtlo-in-name', 'dangerous-extension', 'executable-in-archive']);
  assert.equal(child?.findings[2]?.weight, 0.95);
});

test('nested archives recurse with paths, and stop at the depth limit', async () => {
  const zip = await nestedZip();
  const report = await inspectAttachment(
    { name: 'outer.zip', mime: '', bytes: zip },
    { bodyText: '' },
  );
  const exe = find(report, 'outer.zip/inner.zip/payload.exe');
  assert.equal(exe?.type, 'pe');
  assert.deepEqual(codes(exe), ['dangerous-extension', 'executable-in-archive']);
  assert.deepEqual(codes(report), ['nested-archive']);

  const shallow = await inspectAttachment(
    { name: 'outer.zip', mime: '', bytes: zip },
    { bodyText: '', limits: { maxDepth: 1, maxTotalBytes: 1 << 20, maxEntries: 10 } },
  );
  const inner = find(shallow, 'outer.zip/inner.zip');
  assert.deepEqual(inner?.children, []);
  assert.ok(codes(inner).includes('max-depth'));
});

test('an ISO carrying a program: disk image plus an executable inside', async () => {
  const iso = buildIso([{ name: 'invoice.exe', bytes: minimalPe() }]);
  const report = await inspectAttachment(
    { name: 'invoice.iso', mime: '', bytes: iso },
    { bodyText: '' },
  );
  assert.equal(report.type, 'iso');
  assert.deepEqual(codes(report), ['dangerous-extension', 'disk-image']);
  assert.deepEqual(codes(find(report, 'invoice.iso/INVOICE.EXE')), [
    'dangerous-extension',
    'executable-in-archive',
  ]);
});

test('an HTML smuggling page: the decoded zip and the exe inside it are inspected', async () => {
  const zip = await buildZip([{ name: 'invoice.exe', bytes: minimalPe(4096) }]);
  const report = await inspectAttachment(
    { name: 'invoice.html', mime: 'text/html', bytes: text(smugglingHtml(zip, 'invoice.zip')) },
    { bodyText: '' },
  );
  assert.deepEqual(codes(report), ['html-smuggling', 'html-embedded-payload']);
  const smuggled = find(report, 'invoice.html/smuggled-1.bin');
  assert.equal(smuggled?.type, 'zip');
  assert.equal(
    smuggled?.sha256,
    (await import('node:crypto')).createHash('sha256').update(zip).digest('hex'),
  );
  assert.ok(
    codes(find(report, 'invoice.html/smuggled-1.bin/invoice.exe')).includes(
      'executable-in-archive',
    ),
  );
});

test('a LNK attachment', async () => {
  const report = await inspectAttachment(
    { name: 'Invoice.pdf.lnk', mime: '', bytes: powershellLnk() },
    { bodyText: '' },
  );
  assert.deepEqual(codes(report), [
    'double-extension',
    'executable',
    'lnk-attachment',
    'lnk-runs-command',
  ]);
});

test('gzip is unpacked; rar, 7z and cab are reported as not inspected', async () => {
  const gz = await inspectAttachment(
    { name: 'update.exe.gz', mime: '', bytes: new Uint8Array(gzipSync(minimalPe())) },
    { bodyText: '' },
  );
  assert.equal(gz.children[0]?.path, 'update.exe.gz/update.exe');
  assert.ok(codes(gz.children[0]).includes('executable-in-archive'));
  const rar = await inspectAttachment(
    { name: 'a.rar', mime: '', bytes: text('Rar!\x1a\x07\x01\x00xxxx') },
    { bodyText: '' },
  );
  assert.deepEqual(codes(rar), ['uninspectable-archive']);
});

test('Office types go to the Office inspectors; their children are inspected; a throw is malformed', async () => {
  const calls: string[] = [];
  const ole = new Uint8Array(512);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const oleReport = await inspectAttachment(
    { name: 'a.doc', mime: '', bytes: ole },
    { bodyText: '', office: office(calls) },
  );
  assert.deepEqual(codes(oleReport), ['vba-macro']);
  const docx = await buildZip([{ name: '[Content_Types].xml', bytes: text('<Types/>') }]);
  const ooxml = await inspectAttachment(
    { name: 'b.docx', mime: '', bytes: docx },
    { bodyText: '', office: office(calls) },
  );
  assert.deepEqual(codes(ooxml.children[0]), ['executable-in-archive']);
  assert.equal(ooxml.children[0]?.path, 'b.docx/oleObject1.bin');
  const rtf = await inspectAttachment(
    { name: 'c.rtf', mime: '', bytes: text('{\\rtf1 x}') },
    { bodyText: '', office: office(calls) },
  );
  assert.deepEqual(codes(rtf), ['malformed-rtf']);
  assert.match(rtf.findings[0]?.reason ?? '', /bad rtf/);
  assert.deepEqual(calls, ['ole:a.doc', 'ooxml:b.docx', 'rtf:c.rtf']);
});

test('YARA runs on every file of the tree', async () => {
  const yara = await YaraScanner.fromPaths([
    fileURLToPath(new URL('../../../../test/fixtures/yara/', import.meta.url)),
  ]);
  const zip = await buildZip([{ name: 'invoice.exe', bytes: minimalPe() }]);
  const outer = await buildZip([{ name: 'inner.zip', bytes: zip }]);
  const report = await inspectAttachment(
    { name: 'outer.zip', mime: '', bytes: outer },
    { bodyText: '', yara },
  );
  assert.ok(codes(find(report, 'outer.zip/inner.zip')).includes('yara:Zip_Stored_Executable'));
});

test('one budget shared by a message bounds all its attachments', async () => {
  const zip = await buildZip([{ name: 'a.bin', bytes: new Uint8Array(3000) }]);
  const budget = messageBudget({ maxDepth: 5, maxTotalBytes: 4000, maxEntries: 10 });
  const first = await inspectAttachment(
    { name: 'one.zip', mime: '', bytes: zip },
    { bodyText: '', budget },
  );
  const second = await inspectAttachment(
    { name: 'two.zip', mime: '', bytes: zip },
    { bodyText: '', budget },
  );
  assert.equal(first.children.length, 1);
  assert.equal(second.children.length, 0);
  assert.deepEqual(codes(second), ['archive-byte-limit']);
  assert.equal(budget.remaining, 1000);
});

test('truncated and garbage containers become malformed findings, never throws', async () => {
  const zip = await buildZip([{ name: 'a.txt', bytes: text('hello') }]);
  const truncated = await inspectAttachment(
    { name: 'a.zip', mime: '', bytes: zip.subarray(0, 40) },
    { bodyText: '' },
  );
  assert.deepEqual(codes(truncated), ['malformed-zip']);
  const iso = new Uint8Array(0x9000);
  iso.set(text('CD001'), 0x8001);
  const badIso = await inspectAttachment({ name: 'a.img', mime: '', bytes: iso }, { bodyText: '' });
  assert.ok(codes(badIso).includes('malformed-iso'));

  // Every signature followed by noise, cut at many lengths.
  const seeds = [
    await nestedZip(),
    buildIso([{ name: 'x.exe', bytes: minimalPe() }]),
    powershellLnk(),
    text(smugglingHtml(zip, 'a.zip')),
    new Uint8Array(gzipSync(text('x'.repeat(1000)))),
  ];
  let state = 7;
  const noise = (): number => (state = (state * 48271) % 2147483647) & 0xff;
  for (const seed of seeds) {
    for (const cut of [1, 10, 30, 100, 500, 2000, seed.length - 1]) {
      const bytes = seed.slice(0, Math.max(0, cut));
      const flipped = seed.slice();
      for (let i = 0; i < 20; i++) flipped[(noise() * 97) % flipped.length] = noise();
      for (const input of [bytes, flipped]) {
        await assert.doesNotReject(
          inspectAttachment({ name: 'x', mime: '', bytes: input }, { bodyText: '' }),
        );
      }
    }
  }
});
