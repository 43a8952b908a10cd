// Mail: mbox splitting and `>From ` unquoting on bytes, one event per message with addresses,
// decoded subject, dates and hashed attachments, a capped event.original, and the 200 real
// phishing messages.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { EventDraft } from '../../core/index.ts';
import { fixture, needsShared, shared } from '../../../test/support/data.ts';
import { ParseFailure, type DocumentFormat, type ParseOutcome } from '../parser.ts';
import { emlFormat, mboxFormat } from './formats.ts';
import { splitMbox, unescapeMboxrd } from './mbox.ts';
import { MAX_ORIGINAL_BYTES, parseMessage } from './message.ts';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

function event(outcome: ParseOutcome): EventDraft {
  assert.ok(
    outcome !== undefined && !(outcome instanceof ParseFailure),
    outcome instanceof ParseFailure ? outcome.reason : 'no event',
  );
  return outcome;
}

async function mboxEvents(bytes: Uint8Array): Promise<EventDraft[]> {
  const parser = (mboxFormat as DocumentFormat).create({ fileName: 'sample.mbox' });
  const events: EventDraft[] = [];
  for (const message of splitMbox(bytes)) {
    const outcomes = await parser.parseDocument(message);
    assert.equal(outcomes.length, 1);
    events.push(event(outcomes[0]));
  }
  return events;
}

test('mbox: three messages, addresses, RFC 2047 subject, >From unquoted, attachment hashed', async () => {
  const events = await mboxEvents(readFileSync(fixture('mail', 'sample.mbox')));
  assert.equal(events.length, 3);
  const [agenda, press, spam] = events;
  assert.equal(agenda?.['@timestamp'], '2024-04-19T00:00:00.000Z');
  assert.deepEqual(agenda?.event, {
    kind: 'event',
    category: ['email'],
    type: ['info'],
    dataset: 'email.message',
    module: 'email',
    original: agenda?.event.original,
  });
  assert.deepEqual(agenda?.email, {
    from: { address: ['alice@mofa.example'] },
    to: { address: ['bob@mofa.example', 'carol@mofa.example'] },
    subject: 'Agenda for the Tuesday meeting',
    message_id: 'agenda-1@mofa.example',
    origination_timestamp: '2024-04-19T00:00:00.000Z',
    content_type: 'text/plain',
  });
  assert.ok(agenda?.event.original.startsWith('Return-Path: <alice@mofa.example>\n'));
  assert.ok(agenda?.event.original.includes("\nFrom the minister's office"), '>From unquoted');
  assert.ok(agenda?.event.original.endsWith('bring the draft.\n'), 'separator line dropped');

  assert.equal(press?.email?.subject, '会議の資料');
  assert.equal(press?.email?.content_type, 'multipart/mixed');
  const bytes = Buffer.from('TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAA=', 'base64');
  const hash = (algorithm: string): string => createHash(algorithm).update(bytes).digest('hex');
  assert.deepEqual(press?.email?.attachments, [
    {
      file: {
        name: 'notes.txt.exe',
        mime_type: 'application/octet-stream',
        size: 32,
        hash: { md5: hash('md5'), sha1: hash('sha1'), sha256: hash('sha256') },
      },
    },
  ]);
  assert.equal(spam?.email?.to, undefined, 'an empty group has no addresses');
  assert.deepEqual(spam?.email?.from, { address: ['deals@bulk.example'] });
});

test('splitMbox: separators after blank lines only, CRLF files, leading text, empty input', () => {
  const mbox = readFileSync(fixture('mail', 'sample.mbox'));
  const lf = splitMbox(mbox);
  assert.equal(lf.length, 3);
  assert.ok(text(lf[0] ?? new Uint8Array()).startsWith('Return-Path:'));
  const crlf = splitMbox(Buffer.from(mbox.toString('latin1').replace(/\n/g, '\r\n'), 'latin1'));
  assert.deepEqual(
    crlf.map((message) => text(message).replace(/\r\n/g, '\n')),
    lf.map(text),
  );
  const unquoted = Buffer.from(
    'From a@b Fri Apr 19 09:00:00 2024\nSubject: x\n\nline one\nFrom here on, words\n\nFrom c@d Fri Apr 19 10:00:00 2024\nSubject: y\n\nbody\n',
  );
  assert.deepEqual(splitMbox(unquoted).map(text), [
    'Subject: x\n\nline one\nFrom here on, words\n',
    'Subject: y\n\nbody\n',
  ]);
  assert.deepEqual(splitMbox(Buffer.from('Subject: lone\n\nbody\n')).map(text), [
    'Subject: lone\n\nbody\n',
  ]);
  assert.deepEqual(splitMbox(new Uint8Array()), []);
  assert.equal(
    text(unescapeMboxrd(Buffer.from('>>From x\n>From y\n> From z\n'))),
    '>From x\nFrom y\n> From z\n',
  );
});

test('.eml without Date: the oldest Received date, ISO-2022-JP subject, every address list', async () => {
  const bytes = readFileSync(fixture('mail', 'no-date.eml'));
  const [outcome] = await (emlFormat as DocumentFormat)
    .create({ fileName: 'no-date.eml' })
    .parseDocument(bytes);
  const mail = event(outcome);
  assert.equal(mail['@timestamp'], '2024-04-19T01:04:58.000Z');
  assert.deepEqual(mail.email, {
    from: { address: ['helpdesk@mofa-support.example'] },
    sender: { address: 'bounce@relay.bulk.example' },
    to: { address: ['tanaka@mofa.example'] },
    cc: { address: ['alice@mofa.example', 'bob@mofa.example'] },
    reply_to: { address: ['reset@collect.example'] },
    subject: 'パスワードの更新',
    message_id: '20240419010458.7f3a@relay.bulk.example',
    delivery_timestamp: '2024-04-19T01:05:02.000Z',
    x_mailer: 'PHPMailer 6.8.1 (https://github.com/PHPMailer/PHPMailer)',
    content_type: 'text/html',
  });
  assert.equal(mail.event.original, bytes.toString('utf8'));
});

test('event.original is capped at MAX_ORIGINAL_BYTES with a marker; attachments are hashed in full', async () => {
  // Base64 grows by a third: this attachment's encoding alone passes the cap.
  const payload = Buffer.alloc(Math.ceil(MAX_ORIGINAL_BYTES * 0.8), 0x41);
  const message = Buffer.from(
    [
      'From: big@example.org',
      'Date: Fri, 19 Apr 2024 10:00:00 +0000',
      'Subject: big',
      'Content-Type: multipart/mixed; boundary="B"',
      '',
      '--B',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'é'.repeat(10),
      '--B',
      'Content-Type: application/zip; name="a.zip"',
      'Content-Transfer-Encoding: base64',
      '',
      payload.toString('base64').replace(/.{76}/g, '$&\n'),
      '--B--',
      '',
    ].join('\n'),
  );
  const mail = event(await parseMessage(message));
  const original = mail.event.original;
  const marker = `\n[... truncated ${message.length - MAX_ORIGINAL_BYTES} bytes]`;
  assert.ok(original.endsWith(marker), original.slice(-60));
  assert.equal(Buffer.byteLength(original) - Buffer.byteLength(marker), MAX_ORIGINAL_BYTES);
  const [attachment] = mail.email?.attachments ?? [];
  assert.equal(attachment?.file.size, payload.length);
  assert.equal(attachment?.file.hash?.sha256, createHash('sha256').update(payload).digest('hex'));
});

test('garbage, header-less and undated input is rejected with a reason, never thrown', async () => {
  const reason = async (input: string | Uint8Array): Promise<string> =>
    ((await parseMessage(typeof input === 'string' ? Buffer.from(input) : input)) as ParseFailure)
      .reason;
  assert.equal(await reason(new Uint8Array([0, 1, 2, 3, 0xff, 0xfe])), 'no RFC 5322 headers found');
  assert.equal(await reason('From: a@b.c\nSubject: no date\n\nbody'), 'no Date or Received header');
  assert.equal(
    await reason('From: a@b.c\nDate: someday\nReceived: by x; never\n\nbody'),
    'no Date or Received header',
  );
  assert.equal(await parseMessage(Buffer.from('\n\n')), undefined);
});

test('detection: .eml and mbox by name or by their first lines', () => {
  const sample = (fileName: string, ...lines: string[]) => ({
    fileName,
    lines,
    head: new Uint8Array(),
  });
  assert.equal(emlFormat.detect(sample('x.eml')), 0.95);
  assert.equal(
    emlFormat.detect(sample('', 'Return-Path: <a@b>', 'Received: from x', '\tby y', 'From: a@b')),
    0.85,
  );
  assert.equal(emlFormat.detect(sample('', 'just some notes', 'From: a@b')), 0);
  assert.equal(emlFormat.detect(sample('', '{"From":1}')), 0);
  assert.equal(
    mboxFormat.detect(sample('', 'From a@b Fri Apr 19 09:00:00 2024', 'From: a@b', 'To: c@d')),
    0.95,
  );
  assert.equal(mboxFormat.detect(sample('archive.mbox', 'Subject: x')), 0.5);
  assert.equal(mboxFormat.detect(sample('', 'From here on, words', 'more words')), 0.4);
  assert.equal(mboxFormat.detect(sample('', '<34>Oct 11 22:14:15 host su: x')), 0);
});

test(
  'the 200 real phishing messages each become an email event with a sender and subject',
  { skip: needsShared('mail', 'phishing_pot') },
  async () => {
    const dir = shared('mail', 'phishing_pot');
    const files = readdirSync(dir)
      .filter((name) => name.endsWith('.eml'))
      .sort();
    assert.equal(files.length, 200);
    let withAttachments = 0;
    let attachments = 0;
    const failures: string[] = [];
    const noSender: string[] = [];
    const noSubject: string[] = [];
    for (const name of files) {
      const bytes = readFileSync(`${dir}/${name}`);
      const outcome = await parseMessage(bytes);
      if (outcome === undefined || outcome instanceof ParseFailure) {
        failures.push(`${name}: ${outcome?.reason ?? 'nothing'}`);
        continue;
      }
      assert.equal(outcome.event.dataset, 'email.message');
      assert.ok(!Number.isNaN(Date.parse(outcome['@timestamp'])), name);
      if (outcome.email?.from === undefined) noSender.push(name);
      if (outcome.email?.subject === undefined) noSubject.push(name);
      const count = outcome.email?.attachments?.length ?? 0;
      if (count > 0) withAttachments++;
      attachments += count;
    }
    assert.deepEqual(failures, []);
    // These two name no address at all: `From: "Facebook" <>` and `From: "Jacob Leibenluft"<<>>`.
    assert.deepEqual(noSender, ['sample-2492.eml', 'sample-813.eml']);
    // And this one has an empty `Subject:` header.
    assert.deepEqual(noSubject, ['sample-1943.eml']);
    assert.equal(withAttachments, 80);
    assert.equal(attachments, 129);
  },
);
