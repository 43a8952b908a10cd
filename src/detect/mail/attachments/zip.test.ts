// Zip inspection: entries as children, encrypted archives opened with body passwords or reported
// by their entry names, nesting, entry-count and byte limits, and broken archives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  buildZip,
  minimalPe,
  nestedZip,
  RTLO_NAME,
} from '../../../../test/support/weapons/containers.ts';
import { inspectZip, type ZipOptions } from './zip.ts';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const options = (overrides: Partial<ZipOptions> = {}): ZipOptions => ({
  passwords: [],
  maxEntries: 100,
  maxBytes: 1024 * 1024,
  ...overrides,
});
const codes = (result: { findings: { code: string }[] }): string[] =>
  result.findings.map((finding) => finding.code);

test('plain entries come back as children with their bytes', async () => {
  const zip = await buildZip([
    { name: 'docs/readme.txt', bytes: text('hello') },
    { name: 'payload.exe', bytes: minimalPe() },
  ]);
  const result = await inspectZip(zip, options());
  assert.deepEqual(
    result.children.map((child) => [child.name, child.bytes.length]),
    [
      ['docs/readme.txt', 5],
      ['payload.exe', 512],
    ],
  );
  assert.deepEqual(codes(result), []);
});

test('a zip inside a zip is a nested archive', async () => {
  const result = await inspectZip(await nestedZip(), options());
  assert.deepEqual(codes(result), ['nested-archive']);
  assert.match(result.findings[0]?.reason ?? '', /"inner\.zip"/);
});

test('an encrypted zip opens with a password from the body', async () => {
  for (const zipCrypto of [true, false]) {
    const zip = await buildZip([{ name: 'invoice.exe', bytes: minimalPe() }], {
      password: 'kaigi2026',
      zipCrypto,
    });
    const result = await inspectZip(zip, options({ passwords: ['wrong', 'kaigi2026'] }));
    assert.deepEqual(
      codes(result),
      ['encrypted-archive', 'archive-password-in-body'],
      `zipCrypto ${zipCrypto}`,
    );
    assert.equal(result.findings[0]?.kind, 'evasion');
    assert.equal(result.children[0]?.name, 'invoice.exe');
    assert.deepEqual(result.children[0]?.bytes, minimalPe());
  }
});

test('without the password, dangerous entry names are still reported', async () => {
  const zip = await buildZip(
    [
      { name: RTLO_NAME, bytes: minimalPe() },
      { name: 'notes.txt', bytes: text('hi') },
    ],
    { password: 'secret', zipCrypto: true },
  );
  const result = await inspectZip(zip, options({ passwords: ['nope'] }));
  assert.deepEqual(codes(result), ['encrypted-archive', 'encrypted-entry-dangerous-name']);
  assert.equal(result.children.length, 0);
  const named = result.findings[1];
  assert.equal(named?.kind, 'weaponized');
  assert.match(named?.reason ?? '', /invoice_\\u202Efdp\.exe.*rtlo-in-name/);
  assert.match(result.findings[0]?.reason ?? '', /no password from the message/);
});

test('entry count and byte limits become findings, not errors', async () => {
  const files = Array.from({ length: 5 }, (_, i) => ({
    name: `f${i}.txt`,
    bytes: text('x'.repeat(100)),
  }));
  const many = await inspectZip(await buildZip(files), options({ maxEntries: 3 }));
  assert.deepEqual(codes(many), ['archive-too-many-entries']);
  assert.equal(many.children.length, 3);
  const big = await buildZip([
    { name: 'small.txt', bytes: text('ok') },
    { name: 'big.scr', bytes: new Uint8Array(5000) },
  ]);
  const limited = await inspectZip(big, options({ maxBytes: 1000 }));
  assert.deepEqual(codes(limited), ['archive-byte-limit', 'unread-entry-dangerous-name']);
  assert.deepEqual(
    limited.children.map((child) => child.name),
    ['small.txt'],
  );
});

test('a highly compressed archive is a zip bomb', async () => {
  const zip = await buildZip([{ name: 'pumped.exe', bytes: new Uint8Array(20 * 1024 * 1024) }]);
  assert.ok(zip.length < 200 * 1024);
  const result = await inspectZip(zip, options({ maxBytes: 1024 }));
  assert.deepEqual(codes(result).slice(0, 2), ['zip-bomb', 'archive-byte-limit']);
});

test('non-UTF-8 names from Japanese Windows are decoded as Shift_JIS', async () => {
  // Rewrite the name bytes in place ("請求.exe" is 8 bytes in Shift_JIS, as is "abcd.exe").
  const sjis = Buffer.from([0x90, 0xbf, 0x8b, 0x81, 0x2e, 0x65, 0x78, 0x65]);
  const renamed = await buildZip([{ name: 'abcd.exe', bytes: text('a') }]);
  const buffer = Buffer.from(renamed);
  for (let at = buffer.indexOf('abcd.exe'); at >= 0; at = buffer.indexOf('abcd.exe', at + 1)) {
    sjis.copy(buffer, at);
  }
  // Clear the UTF-8 flag (bit 11) in local and central headers.
  for (const signature of ['PK\x03\x04', 'PK\x01\x02']) {
    const at = buffer.indexOf(signature, 0, 'latin1');
    const flagOffset = at + (signature === 'PK\x03\x04' ? 6 : 8);
    buffer.writeUInt16LE(buffer.readUInt16LE(flagOffset) & ~0x800, flagOffset);
  }
  const result = await inspectZip(new Uint8Array(buffer), options());
  assert.equal(result.children[0]?.name, '請求.exe');
});

test('garbage and truncated archives throw for the driver to report', async () => {
  const zip = await buildZip([{ name: 'a.txt', bytes: text('hello') }]);
  await assert.rejects(inspectZip(zip.subarray(0, zip.length - 30), options()));
  await assert.rejects(inspectZip(text('PK\x03\x04 not really a zip'), options()));
});

test('a wrong central directory offset is repaired and reported', async () => {
  const zip = Buffer.from(await buildZip([{ name: 'scan.pdf', bytes: text('%PDF-1.7 x') }]));
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 5, 6]));
  zip.writeUInt32LE(zip.readUInt32LE(eocd + 16) - 6, eocd + 16);
  const result = await inspectZip(new Uint8Array(zip), options());
  assert.deepEqual(codes(result), ['zip-structure-repaired']);
  assert.match(result.findings[0]?.reason ?? '', /6 bytes off/);
  assert.equal(result.children[0]?.name, 'scan.pdf');
});
