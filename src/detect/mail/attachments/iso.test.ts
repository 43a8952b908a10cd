// ISO 9660 images built in the test: the file tree (8.3 and Joliet names), hidden files, limits,
// and images that lie about their layout.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildIso, minimalPe } from '../../../../test/support/weapons/containers.ts';
import { inspectIso } from './iso.ts';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const options = { maxEntries: 100, maxBytes: 1024 * 1024 };

test('files of the primary tree, directories joined with /', () => {
  const iso = buildIso([
    { name: 'readme.txt', bytes: text('open invoice') },
    { name: 'bin/payload.exe', bytes: minimalPe() },
  ]);
  const result = inspectIso(iso, options);
  assert.deepEqual(
    result.findings.map((finding) => finding.code),
    ['disk-image'],
  );
  assert.equal(result.findings[0]?.kind, 'evasion');
  assert.deepEqual(result.children.map((child) => child.name).sort(), [
    'BIN/PAYLOAD.EXE',
    'README.TXT',
  ]);
  const exe = result.children.find((child) => child.name === 'BIN/PAYLOAD.EXE');
  assert.deepEqual(exe?.bytes, minimalPe());
});

test('the Joliet tree is preferred for its long names', () => {
  const iso = buildIso([{ name: 'Invoice 2026-11 (final).pdf.lnk', bytes: text('x') }], {
    joliet: true,
  });
  const result = inspectIso(iso, options);
  assert.match(result.findings[0]?.reason ?? '', /Joliet/);
  assert.deepEqual(
    result.children.map((child) => child.name),
    ['Invoice 2026-11 (final).pdf.lnk'],
  );
});

test('many files and large files hit the limits as findings', () => {
  const files = Array.from({ length: 60 }, (_, i) => ({ name: `f${i}.txt`, bytes: text('x') }));
  const many = inspectIso(buildIso(files), { maxEntries: 10, maxBytes: 1 << 20 });
  assert.deepEqual(
    many.findings.map((finding) => finding.code),
    ['disk-image', 'archive-too-many-entries'],
  );
  assert.equal(many.children.length, 10);
  const big = inspectIso(buildIso([{ name: 'setup.exe', bytes: new Uint8Array(10_000) }]), {
    maxEntries: 10,
    maxBytes: 100,
  });
  assert.deepEqual(
    big.findings.map((finding) => finding.code),
    ['disk-image', 'archive-byte-limit', 'unread-entry-dangerous-name'],
  );
});

test('hidden files are reported', () => {
  const iso = buildIso([
    { name: 'document.lnk', bytes: text('x') },
    { name: 'loader.dll', bytes: minimalPe() },
  ]);
  // Set the existence (hidden) flag on LOADER.DLL's directory record.
  const at = Buffer.from(iso).indexOf('LOADER.DLL;1', 0, 'latin1');
  iso[at - 33 + 25] = (iso[at - 33 + 25] ?? 0) | 1;
  const result = inspectIso(iso, options);
  const hidden = result.findings.find((finding) => finding.code === 'hidden-file-in-image');
  assert.match(hidden?.reason ?? '', /LOADER\.DLL/);
});

test('a directory that points at itself is read once; no descriptor throws', () => {
  const iso = buildIso([{ name: 'a/b.txt', bytes: text('x') }]);
  // Point directory A's record at the root extent: a loop.
  const buffer = Buffer.from(iso);
  const rootExtent = buffer.readUInt32LE(16 * 2048 + 156 + 2);
  // The root holds `.` and `..` (34 bytes each), then A.
  const record = rootExtent * 2048 + 68;
  assert.equal(buffer.toString('latin1', record + 33, record + 34), 'A');
  buffer.writeUInt32LE(rootExtent, record + 2);
  assert.deepEqual(inspectIso(new Uint8Array(buffer), options).children, []);
  assert.throws(() => inspectIso(new Uint8Array(40_000), options), /primary volume descriptor/);
  assert.doesNotThrow(() => inspectIso(iso.subarray(0, 16 * 2048 + 2048), options));
});
