// Native .evtx: recognised by its magic, and a damaged file is a reject with a reason, not a
// crash. (No real .evtx fixture ships with the repository or the shared data yet; a test on one
// belongs here when a licensable sample is added.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParseFailure, type DocumentFormat } from '../parser.ts';
import { evtxFormat } from './evtx.ts';

const header = Buffer.concat([Buffer.from('ElfFile\u0000', 'latin1'), Buffer.alloc(4088, 0x41)]);

test('detects .evtx by its magic, not its name', () => {
  assert.equal(evtxFormat.detect({ fileName: 'x.log', lines: [], head: header }), 1);
  assert.equal(
    evtxFormat.detect({ fileName: 'Security.evtx', lines: [], head: Buffer.from('not evtx') }),
    0,
  );
});

test('a damaged .evtx yields one failure with the reason the library gives', async () => {
  const outcomes = await (evtxFormat as DocumentFormat)
    .create({ fileName: 'broken.evtx' })
    .parseDocument(header);
  assert.equal(outcomes.length, 1);
  assert.ok(outcomes[0] instanceof ParseFailure);
  assert.match(outcomes[0].reason, /^evtx: .*0 records read before it$/);
});
