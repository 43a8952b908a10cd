// The line splitter: lines across chunk boundaries, CRLF, limits, invalid UTF-8, numbering.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineSplitter } from './line-splitter.ts';

interface Seen {
  lines: [number, string][];
  rejects: [number, string, string, number][];
}

function split(chunks: (string | Buffer)[], maxLineBytes = 64, keepBytes = 8): Seen {
  const seen: Seen = { lines: [], rejects: [] };
  const splitter = new LineSplitter(
    {
      line: (text, n) => seen.lines.push([n, text]),
      reject: (n, reason, raw, bytes) => seen.rejects.push([n, reason, raw, bytes]),
    },
    { maxLineBytes, keepBytes },
  );
  for (const chunk of chunks) splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  splitter.end();
  return seen;
}

test('splits lines across chunk boundaries and numbers every line', () => {
  const seen = split(['alpha\nbe', 'ta\n\ngam', 'ma']);
  assert.deepEqual(seen.lines, [
    [1, 'alpha'],
    [2, 'beta'],
    [3, ''],
    [4, 'gamma'],
  ]);
  assert.deepEqual(seen.rejects, []);
});

test('strips CR of CRLF line ends', () => {
  assert.deepEqual(split(['a\r\nb\r\n']).lines, [
    [1, 'a'],
    [2, 'b'],
  ]);
});

test('a multi-byte character cut by a chunk boundary is decoded whole', () => {
  const bytes = Buffer.from('日本\n語\n');
  const seen = split([bytes.subarray(0, 4), bytes.subarray(4)]);
  assert.deepEqual(seen.lines, [
    [1, '日本'],
    [2, '語'],
  ]);
});

test('an over-long line is rejected with its size and head, and the next line survives', () => {
  const long = 'x'.repeat(100);
  const seen = split([`ok\n${long.slice(0, 30)}`, long.slice(30), '\nafter\n']);
  assert.deepEqual(seen.lines, [
    [1, 'ok'],
    [3, 'after'],
  ]);
  assert.equal(seen.rejects.length, 1);
  const [line, reason, raw, bytes] = seen.rejects[0] ?? [];
  assert.equal(line, 2);
  assert.match(reason ?? '', /100 bytes exceeds the limit of 64/);
  assert.equal(raw, 'xxxxxxxx');
  assert.equal(bytes, 100);
});

test('an over-long line inside one chunk is rejected too', () => {
  const seen = split([`${'y'.repeat(70)}\nz\n`]);
  assert.deepEqual(seen.lines, [[2, 'z']]);
  assert.equal(seen.rejects[0]?.[0], 1);
});

test('a 100 MB line is rejected without holding it in memory', () => {
  const before = process.memoryUsage().arrayBuffers;
  const chunk = Buffer.alloc(1024 * 1024, 0x61);
  const seen: Seen = { lines: [], rejects: [] };
  const splitter = new LineSplitter(
    {
      line: (t, n) => seen.lines.push([n, t]),
      reject: (n, r, raw, b) => seen.rejects.push([n, r, raw, b]),
    },
    { maxLineBytes: 1024 * 1024, keepBytes: 4096 },
  );
  splitter.push(Buffer.from('first\n'));
  let peak = 0;
  for (let i = 0; i < 100; i++) {
    splitter.push(chunk);
    peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
  }
  splitter.push(Buffer.from('\nlast\n'));
  splitter.end();
  assert.deepEqual(seen.lines, [
    [1, 'first'],
    [3, 'last'],
  ]);
  assert.equal(seen.rejects[0]?.[3], 100 * 1024 * 1024);
  assert.equal(seen.rejects[0][2].length, 4096);
  assert.ok(peak < 20 * 1024 * 1024, `buffered ${peak} bytes for an over-long line`);
});

test('invalid UTF-8 rejects only the bad line, naming the byte offset', () => {
  const bad = Buffer.concat([
    Buffer.from('good\nab'),
    Buffer.from([0xff, 0xfe]),
    Buffer.from('cd\nalso good\n'),
  ]);
  const seen = split([bad]);
  assert.deepEqual(seen.lines, [
    [1, 'good'],
    [3, 'also good'],
  ]);
  assert.equal(seen.rejects.length, 1);
  assert.equal(seen.rejects[0]?.[0], 2);
  assert.match(seen.rejects[0][1], /invalid UTF-8 at byte 2/);
});

test('a final line without newline is emitted; empty input emits nothing', () => {
  assert.deepEqual(split(['tail']).lines, [[1, 'tail']]);
  assert.deepEqual(split([]).lines, []);
});
