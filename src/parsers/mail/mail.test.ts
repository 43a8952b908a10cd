// Mail: one event per message with addresses, decoded subject and hashed attachments; the 200
// real phishing messages all parse.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { EventDraft } from '../../core/index.ts';
import { MboxSplitter, type MboxMessage } from '../../sources/mbox-splitter.ts';
import { fixture, needsShared, shared } from '../../../test/support/data.ts';
import { ParseFailure, type DocumentFormat } from '../parser.ts';
import { emlFormat, mboxFormat, unescapeMboxrd } from './formats.ts';
import { parseMessage } from './message.ts';

async function mboxEvents(bytes: Buffer): Promise<EventDraft[]> {
  const messages: MboxMessage[] = [];
  const splitter = new MboxSplitter(1 << 20, (message) => messages.push(message));
  splitter.push(bytes);
  splitter.end();
  const parser = (mboxFormat as DocumentFormat).create({ fileName: 'sample.mbox' });
  const events: EventDraft[] = [];
  for (const message of messages) {
    const [outcome] = await parser.parseDocument(message.bytes ?? new Uint8Array());
    assert.ok(outcome !== undefined && !(outcome instanceof ParseFailure));
    events.push(outcome);
  }
  return events;
}

test('mbox: three messages, addresses, RFC 2047 subject, >From unescaped, attachment hashed', async () => {
  const events = await mboxEvents(readFileSync(fixture('mail', 'sample.mbox')));
  assert.equal(events.length, 3);
  const [agenda, press, spam] = events;
  assert.deepEqual(agenda?.email?.from, { address: ['alice@mofa.example'] });
  assert.deepEqual(agenda?.email?.to, { address: ['bob@mofa.example', 'carol@mofa.example'] });
  assert.equal(agenda?.email?.message_id, 'agenda-1@mofa.example');
  assert.equal(agenda?.['@timestamp'], '2024-04-19T00:00:00.000Z');
  assert.ok(agenda?.event.original.includes("\nFrom the minister's office"), '>From was unescaped');
  assert.equal(press?.email?.subject, '会議の資料');
  const attachment = press?.email?.attachments?.[0]?.file;
  const bytes = Buffer.from('TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAA=', 'base64');
  assert.equal(attachment?.name, 'notes.txt.exe');
  assert.equal(attachment?.size, bytes.length);
  assert.equal(attachment?.hash?.sha256, createHash('sha256').update(bytes).digest('hex'));
  assert.equal(spam?.email?.to, undefined, 'an empty group has no addresses');
  assert.equal(spam?.event.dataset, 'email.message');
});

test('garbage and header-less input are rejected, not thrown', async () => {
  assert.ok((await parseMessage(new Uint8Array([0, 1, 2, 3]))) instanceof ParseFailure);
  assert.ok(
    (await parseMessage(Buffer.from('From: a@b.c\nSubject: no date\n\nbody'))) instanceof
      ParseFailure,
  );
  assert.equal(Buffer.from(unescapeMboxrd(Buffer.from('>>From x\n'))).toString(), '>From x\n');
  assert.equal(emlFormat.detect({ fileName: 'x.eml', lines: [], head: new Uint8Array() }), 0.95);
});

test(
  'the 200 real phishing messages each become an email event with a sender',
  { skip: needsShared('mail', 'phishing_pot') },
  async () => {
    const dir = shared('mail', 'phishing_pot');
    const files = readdirSync(dir).filter((name) => name.endsWith('.eml'));
    assert.equal(files.length, 200);
    let withAttachments = 0;
    let withoutSender = 0;
    const problems: string[] = [];
    for (const name of files) {
      const outcome = await parseMessage(readFileSync(`${dir}/${name}`));
      if (outcome === undefined || outcome instanceof ParseFailure) {
        problems.push(`${name}: ${outcome?.reason ?? 'nothing'}`);
        continue;
      }
      const fromHeader = /^From:(.*)$/im.exec(readFileSync(`${dir}/${name}`, 'latin1'))?.[1] ?? '';
      const expectSender = fromHeader.includes('@');
      if (expectSender && (outcome.email?.from?.address.length ?? 0) === 0)
        problems.push(`${name}: no sender`);
      if (!expectSender) withoutSender++;
      if ((outcome.email?.attachments?.length ?? 0) > 0) withAttachments++;
    }
    assert.deepEqual(problems, []);
    assert.ok(withAttachments > 0, 'some real phishing messages carry attachments');
    assert.ok(withoutSender < 10, `${withoutSender} messages have no address in From at all`);
  },
);
