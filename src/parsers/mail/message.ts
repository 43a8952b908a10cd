// One RFC 5322 message → one email event: addresses, subject, ids, dates and every attachment's
// name, type, size and hashes (over the decoded bytes). Deep analysis is the mail stage's job.
import { createHash } from 'node:crypto';
import PostalMime, { type Email, type Header } from 'postal-mime';
import {
  addresses,
  mailTime,
  rawAddresses,
  type EmailAttachment,
  type EventDraft,
} from '../../core/index.ts';
import { ParseFailure, type DocumentParser, type ParseOutcome } from '../parser.ts';

/**
 * The raw message kept in event.original: whole up to the size mail systems accept (the mail
 * analysis re-reads attachments from it); past it, cut. Attachments are still hashed in full.
 */
export const MAX_ORIGINAL_BYTES = 32 * 1024 * 1024;

export class MailParser implements DocumentParser {
  async parseDocument(bytes: Uint8Array): Promise<ParseOutcome[]> {
    return [await parseMessage(bytes)];
  }
}

/** The event for one message, or the reason there is none. Never throws. */
export async function parseMessage(bytes: Uint8Array): Promise<ParseOutcome> {
  if (isBlank(bytes)) return undefined;
  let email: Email;
  try {
    email = await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer' });
  } catch (error) {
    return new ParseFailure(`not a parsable RFC 5322 message: ${(error as Error).message}`);
  }
  if (!email.headers.some(isFieldName)) return new ParseFailure('no RFC 5322 headers found');
  const received = receivedTimes(email.headers);
  const sent = email.date === undefined ? undefined : mailTime(email.date);
  const timestamp = sent ?? received.oldest;
  if (timestamp === undefined) return new ParseFailure('no Date or Received header');
  return {
    '@timestamp': timestamp,
    event: {
      kind: 'event',
      category: ['email'],
      type: ['info'],
      dataset: 'email.message',
      module: 'email',
      original: originalText(bytes),
    },
    email: emailFields(email, sent, received.newest),
  };
}

function emailFields(
  email: Email,
  sent: string | undefined,
  delivered: string | undefined,
): NonNullable<EventDraft['email']> {
  const mail: NonNullable<EventDraft['email']> = {};
  const from = addresses(email.from === undefined ? [] : [email.from]);
  // Phishing often breaks RFC 5322 on purpose (`From: Name, x <a@b>`), which strict parsing reads
  // as an empty address: fall back to the addresses written in the raw header.
  if (from.length === 0) from.push(...rawAddresses(header(email.headers, 'from') ?? ''));
  if (from.length > 0) mail.from = { address: from };
  const sender = addresses(email.sender === undefined ? [] : [email.sender])[0];
  if (sender !== undefined) mail.sender = { address: sender };
  const to = addresses(email.to ?? []);
  if (to.length > 0) mail.to = { address: to };
  const cc = addresses(email.cc ?? []);
  if (cc.length > 0) mail.cc = { address: cc };
  const bcc = addresses(email.bcc ?? []);
  if (bcc.length > 0) mail.bcc = { address: bcc };
  const replyTo = addresses(email.replyTo ?? []);
  if (replyTo.length > 0) mail.reply_to = { address: replyTo };
  if (email.subject !== undefined && email.subject !== '') mail.subject = email.subject;
  if (email.messageId !== undefined && email.messageId !== '')
    mail.message_id = email.messageId.replace(/^\s*<|>\s*$/g, '');
  if (sent !== undefined) mail.origination_timestamp = sent;
  if (delivered !== undefined) mail.delivery_timestamp = delivered;
  const mailer = header(email.headers, 'x-mailer');
  if (mailer !== undefined && mailer !== '') mail.x_mailer = mailer;
  const contentType = header(email.headers, 'content-type');
  if (contentType !== undefined) {
    const type = contentType.split(';')[0]?.trim().toLowerCase();
    if (type !== undefined && type !== '') mail.content_type = type;
  }
  const attachments = email.attachments.map(attachmentOf);
  if (attachments.length > 0) mail.attachments = attachments;
  return mail;
}

/** RFC 5322 field names are printable US-ASCII without spaces or colons; garbage yields others. */
function isFieldName(entry: Header): boolean {
  return /^[\x21-\x39\x3b-\x7e]+$/.test(entry.key);
}

function header(headers: readonly Header[], key: string): string | undefined {
  return headers.find((entry) => entry.key === key)?.value.trim();
}

function attachmentOf(attachment: Email['attachments'][number]): EmailAttachment {
  const content = attachment.content;
  const bytes =
    typeof content === 'string'
      ? Buffer.from(content)
      : content instanceof Uint8Array
        ? content
        : new Uint8Array(content);
  const digest = (algorithm: string): string => createHash(algorithm).update(bytes).digest('hex');
  const file: EmailAttachment['file'] = {};
  if (attachment.filename !== null && attachment.filename !== '') file.name = attachment.filename;
  if (attachment.mimeType !== '') file.mime_type = attachment.mimeType;
  file.size = bytes.length;
  file.hash = { md5: digest('md5'), sha1: digest('sha1'), sha256: digest('sha256') };
  return { file };
}

/**
 * The dates of the Received headers (after each one's last `;`): the newest (topmost) is when
 * the message reached the mailbox; the oldest (last) is the closest to when it was sent.
 */
function receivedTimes(headers: readonly Header[]): { newest?: string; oldest?: string } {
  let newest: string | undefined;
  let oldest: string | undefined;
  for (const entry of headers) {
    if (entry.key !== 'received') continue;
    const semicolon = entry.value.lastIndexOf(';');
    if (semicolon === -1) continue;
    const time = mailTime(entry.value.slice(semicolon + 1));
    if (time === undefined) continue;
    newest ??= time;
    oldest = time;
  }
  const times: { newest?: string; oldest?: string } = {};
  if (newest !== undefined) times.newest = newest;
  if (oldest !== undefined) times.oldest = oldest;
  return times;
}

/** The message as UTF-8 text, cut at MAX_ORIGINAL_BYTES on a character boundary with a marker. */
function originalText(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (bytes.length <= MAX_ORIGINAL_BYTES) return buffer.toString('utf8');
  let cut = MAX_ORIGINAL_BYTES;
  // UTF-8 continuation bytes are 10xxxxxx: back off to the start of a character.
  while (cut > MAX_ORIGINAL_BYTES - 4 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut--;
  return `${buffer.toString('utf8', 0, cut)}\n[... truncated ${bytes.length - cut} bytes]`;
}

function isBlank(bytes: Uint8Array): boolean {
  for (const byte of bytes)
    if (byte !== 0x0a && byte !== 0x0d && byte !== 0x20 && byte !== 0x09) return false;
  return true;
}
