import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { compressOvba } from '../../../../../test/support/weapons/office.ts';
import { OvbaError, copyTokenBits, decompressContainer, unpackCopyToken } from './ovba.ts';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
const bytesOf = (hex: string): Uint8Array => Buffer.from(hex.replace(/\s+/g, ''), 'hex');

// MS-OVBA §3.2: the specification's worked examples, compressed by hand there.
const NO_COMPRESSION =
  '01 19 B0 00 61 62 63 64 65 66 67 68 00 69 6A 6B 6C 6D 6E 6F 70 00 71 72 73 74 75 76 2E';
const NORMAL =
  '01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 30 6D 6E 6F 70 06 71 02 70 04 10 72 73 74 75 76 10 77 78 79 7A 00 3C';
// One literal then one copy token of offset 1 and the longest length a 4-bit offset allows.
const LONG_RUN = '01 03 B0 02 61 45 00';

test('decompresses the MS-OVBA §3.2 examples', () => {
  assert.equal(text(decompressContainer(bytesOf(NO_COMPRESSION))), 'abcdefghijklmnopqrstuv.');
  assert.equal(
    text(decompressContainer(bytesOf(NORMAL))),
    '#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa',
  );
  assert.equal(text(decompressContainer(bytesOf(LONG_RUN))), 'a'.repeat(73));
});

test('the test compressor compresses the specification examples as well as the spec does', () => {
  for (const [input, spec] of [
    ['abcdefghijklmnopqrstuv.', NO_COMPRESSION],
    ['#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa', NORMAL],
  ] as const) {
    const compressed = compressOvba(Buffer.from(input));
    assert.equal(text(decompressContainer(compressed)), input);
    assert.equal(compressed.length, bytesOf(spec).length);
  }
  assert.equal(
    Buffer.from(compressOvba(Buffer.from('a'.repeat(73)))).toString('hex'),
    '0103b002614500',
  );
});

test('round-trips text, repetitive and random data across chunk boundaries', () => {
  const samples = [
    Buffer.from(''),
    Buffer.from('Attribute VB_Name = "Module1"\r\n'.repeat(400)),
    Buffer.alloc(4096, 0x61),
    Buffer.alloc(4097, 0x61),
    Buffer.alloc(12_345, 0x00),
    randomBytes(4096), // incompressible: a raw chunk
    randomBytes(9000),
    Buffer.concat([randomBytes(3000), Buffer.alloc(3000, 7), randomBytes(2500)]),
  ];
  for (const sample of samples) {
    const round = decompressContainer(compressOvba(sample));
    assert.deepEqual(Buffer.from(round.subarray(0, sample.length)), sample);
    // Only a raw final chunk pads with zeros to 4096.
    assert.ok(round.subarray(sample.length).every((b) => b === 0));
  }
});

test('copy token bit split follows the decompressed position', () => {
  assert.equal(copyTokenBits(1), 4);
  assert.equal(copyTokenBits(16), 4);
  assert.equal(copyTokenBits(17), 5);
  assert.equal(copyTokenBits(2048), 11);
  assert.equal(copyTokenBits(2049), 12);
  assert.equal(copyTokenBits(4096), 12);
  // 0x0002 at position 1: offset 1, length 5 (the maximum-compression example).
  assert.deepEqual(unpackCopyToken(0x0002, 1), { offset: 1, length: 5 });
  assert.deepEqual(unpackCopyToken(0xffff, 4095), { offset: 4096, length: 18 });
});

test('rejects bad signatures and never reads outside its chunk', () => {
  assert.throws(() => decompressContainer(bytesOf('02 19 B0 00 61')), OvbaError);
  assert.throws(() => decompressContainer(bytesOf('01 19 C0 00 61')), OvbaError);
  assert.throws(() => decompressContainer(new Uint8Array(0)), OvbaError);
  // A copy token as the very first token points before the chunk.
  assert.throws(() => decompressContainer(bytesOf('01 03 B0 01 00 00')), OvbaError);
  // Truncated: the literals present are returned.
  assert.equal(text(decompressContainer(bytesOf('01 19 B0 00 61 62 63'))), 'abc');
  assert.equal(decompressContainer(compressOvba(Buffer.alloc(100_000, 1)), 0, 5000).length, 5000);
});

test('fuzz: random input never escapes as anything but OvbaError', () => {
  for (let i = 0; i < 2000; i++) {
    const input = randomBytes(1 + (i % 300));
    input[0] = 1;
    if (i % 2 === 0) input[2] = ((input[2] ?? 0) & 0x8f) | 0x30;
    try {
      decompressContainer(input);
    } catch (error) {
      assert.ok(error instanceof OvbaError, String(error));
    }
  }
});
