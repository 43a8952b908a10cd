// Mail delivery against a real SMTP server (smtp-server) on an ephemeral localhost port, with and
// without authentication: what arrives has the subject, recipients and attachment we sent, and
// failures come back as results that never include the password.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { sendMail, type SmtpConfig } from './smtp.ts';

const USER = 'chancery';
const PASSWORD = 'relay-pa55-word';

interface Delivered {
  from: string;
  to: string[];
  user: unknown;
  raw: Buffer;
}

async function relay(auth: boolean) {
  const delivered: Delivered[] = [];
  const server = new SMTPServer({
    // Plain localhost connections: TLS is the relay's business, not what these tests are about.
    disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(credentials, _session, callback) {
      if (credentials.username === USER && credentials.password === PASSWORD)
        callback(null, { user: credentials.username });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      callback(address.address.startsWith('nobody@') ? new Error('No such user') : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const { mailFrom, rcptTo } = session.envelope;
        delivered.push({
          from: mailFrom === false ? '' : mailFrom.address,
          to: rcptTo.map((address) => address.address),
          user: session.user,
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const config: SmtpConfig = {
    host: '127.0.0.1',
    port,
    secure: false,
    from: 'Chancery <chancery@ministry.example>',
    timeoutMs: 5_000,
  };
  return { config, delivered, close: () => new Promise<void>((resolve) => server.close(resolve)) };
}

const MESSAGE = {
  to: ['soc@ministry.example', 'ciso@ministry.example'],
  subject: '[Chancery] INC-0123456789ab level 4 (severe): report to the authority due 12:20 UTC',
  text: 'The report to the authority is due soon.',
};

describe('sendMail', () => {
  const relays: { close: () => Promise<void> }[] = [];
  after(async () => {
    await Promise.all(relays.map((server) => server.close()));
  });

  it('delivers subject, recipients, body and attachment without authentication', async () => {
    const server = await relay(false);
    relays.push(server);
    const pdf = Buffer.from('%PDF-1.3\n...\n%%EOF\n');
    const result = await sendMail(server.config, {
      ...MESSAGE,
      html: '<p>The report is due soon.</p>',
      attachments: [
        { filename: 'INC-0123456789ab.pdf', content: pdf, contentType: 'application/pdf' },
      ],
    });
    assert.equal(result.ok, true, result.error);
    assert.deepEqual(result.accepted, MESSAGE.to);
    assert.equal(server.delivered.length, 1);
    const [mail] = server.delivered;
    assert.equal(mail?.from, 'chancery@ministry.example');
    assert.deepEqual(mail?.to, MESSAGE.to);
    const parsed = await PostalMime.parse(mail?.raw ?? Buffer.alloc(0), {
      attachmentEncoding: 'arraybuffer',
    });
    assert.equal(parsed.subject, MESSAGE.subject);
    assert.equal(parsed.text?.trim(), MESSAGE.text);
    assert.match(parsed.html ?? '', /The report is due soon/);
    assert.equal(parsed.attachments.length, 1);
    const [attachment] = parsed.attachments;
    assert.equal(attachment?.filename, 'INC-0123456789ab.pdf');
    assert.equal(attachment?.mimeType, 'application/pdf');
    assert.deepEqual(Buffer.from(attachment?.content as ArrayBuffer), pdf);
  });

  it('logs in when a user and password are configured', async () => {
    const server = await relay(true);
    relays.push(server);
    const result = await sendMail({ ...server.config, user: USER, password: PASSWORD }, MESSAGE);
    assert.equal(result.ok, true, result.error);
    assert.equal(server.delivered[0]?.user, USER);
  });

  it('reports a refused login as an authentication error without the password', async () => {
    const server = await relay(true);
    relays.push(server);
    const wrong = `${PASSWORD}-wrong`;
    const result = await sendMail({ ...server.config, user: USER, password: wrong }, MESSAGE);
    assert.equal(result.ok, false);
    assert.match(result.error ?? '', /^EAUTH/);
    assert.ok(!JSON.stringify(result).includes(wrong));
    assert.equal(server.delivered.length, 0);
  });

  it('sends to the recipients the relay takes and lists the ones it rejects', async () => {
    const server = await relay(false);
    relays.push(server);
    const result = await sendMail(server.config, {
      ...MESSAGE,
      to: ['soc@ministry.example', 'nobody@ministry.example'],
    });
    assert.equal(result.ok, true, result.error);
    assert.deepEqual(result.accepted, ['soc@ministry.example']);
    assert.deepEqual(result.rejected, ['nobody@ministry.example']);
    assert.deepEqual(server.delivered[0]?.to, ['soc@ministry.example']);
  });

  it('refuses to send in the clear when TLS is required and the relay offers none', async () => {
    const server = await relay(true);
    relays.push(server);
    const result = await sendMail(
      { ...server.config, requireTls: true, user: USER, password: PASSWORD },
      MESSAGE,
    );
    assert.equal(result.ok, false);
    assert.ok(!JSON.stringify(result).includes(PASSWORD));
    assert.equal(server.delivered.length, 0);
  });

  it('returns connection failures and empty recipient lists as results', async () => {
    const server = await relay(false);
    await server.close();
    const refused = await sendMail(server.config, MESSAGE);
    assert.equal(refused.ok, false);
    assert.match(refused.error ?? '', /ECONNECTION|ECONNREFUSED/);
    const nobody = await sendMail(server.config, { ...MESSAGE, to: [] });
    assert.deepEqual([nobody.ok, nobody.error], [false, 'no recipients']);
  });
});
