// Reading messages: the Received chain and sending IP, links with the text they show, HTML sent
// as the text part, RFC 2231 attachment names, and broken From headers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildMessage } from '../../../../test/support/mail-builder.ts';
import { extractLinks } from './links.ts';
import { readMessage, UnreadableMessage } from './read-message.ts';
import { parseReceived, sendingIp } from './received.ts';

test('Received: client address before `by`, time after the last semicolon, oldest public hop sends', () => {
  const hop = parseReceived(
    'from mail.attacker.example (unknown [45.77.10.9]) by mx1.mofa.example (Postfix) with ESMTPS id 4F; Tue, 12 Jul 2011 09:15:00 +0900',
  );
  assert.deepEqual(hop, {
    from: 'mail.attacker.example',
    ip: '45.77.10.9',
    by: 'mx1.mofa.example',
    time: '2011-07-12T00:15:00.000Z',
  });
  const chain = [
    parseReceived(
      'from relay.mofa.example ([10.1.2.3]) by inbox.mofa.example; Tue, 12 Jul 2011 09:15:02 +0900',
    ),
    hop,
    parseReceived('from [192.168.1.20] by mail.attacker.example; Tue, 12 Jul 2011 09:14:00 +0900'),
  ];
  assert.equal(sendingIp(chain), '45.77.10.9', 'private hops on either side are skipped');
  assert.equal(
    parseReceived('from x (2001:db8::25) by y; Tue, 12 Jul 2011 09:15:00 +0900').ip,
    '2001:db8::25',
  );
});

test('links: anchors keep the text they show, forms and text URLs are found, entities decoded', () => {
  const links = extractLinks(
    'See https://portal.example.org/path?a=1, then reply.',
    '<a href="https://evil.example/login?u=1&amp;v=2"><b>https://www.mofa.go.jp</b></a><form action="https://collect.example/p">',
  );
  assert.deepEqual(links, [
    {
      url: 'https://evil.example/login?u=1&v=2',
      host: 'evil.example',
      text: 'https://www.mofa.go.jp',
      from: 'html',
    },
    { url: 'https://collect.example/p', host: 'collect.example', from: 'form' },
    { url: 'https://portal.example.org/path?a=1', host: 'portal.example.org', from: 'text' },
  ]);
});

test('readMessage: HTML in the text part is read as HTML; names decoded; sender fallback', async () => {
  const message = await readMessage(
    buildMessage({
      from: 'Press Office <press@mofa.example>',
      to: ['alice@mofa.example'],
      subject: '会議の資料',
      text: '<html><body><p>Please <a href="https://x.example/a">open</a></p><style>p{}</style></body></html>',
      attachments: [{ name: 'agenda\u202Efdp.exe', bytes: Buffer.from('MZ') }],
    }),
  );
  assert.equal(message.subject, '会議の資料');
  assert.equal(message.text, 'Please open');
  assert.deepEqual(message.from, { name: 'Press Office', address: 'press@mofa.example' });
  assert.equal(message.attachments[0]?.name, 'agenda\u202Efdp.exe');
  const broken = await readMessage(
    Buffer.from('From: Royal Bank, Canada <pay@bank.example>\r\nSubject: x\r\n\r\nbody\r\n'),
  );
  assert.equal(broken.from?.address, 'pay@bank.example');
});

test('readMessage: bytes without headers are unreadable, with a reason', async () => {
  await assert.rejects(readMessage(Buffer.from('')), UnreadableMessage);
});
