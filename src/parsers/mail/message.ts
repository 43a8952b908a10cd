// One RFC 5322 message → one email event: addresses, subject, ids, dates and every attachment's
// name, type, size and hashes (over the decoded bytes). Deep analysis is the mail stage's job.
import { createHash } from 'node:crypto';
import PostalMime, { type Address, type Email } from 'postal-mime';
import { isoFromText, type EmailAttachment, type EventDraft } from '../../core/index.ts';
import { ParseFailure, type DocumentParser, type ParseOutcome } from '../parser.ts';

/** The raw message kept in event.original is capped; attachments are still hashed in full. */
export const MAX_ORIGINAL_CHARS = 1024 * 1024;

export class MailParser implements DocumentParser {
  async parseDocument(bytes: Uint8Array): Promise<ParseOutcome[]> {
    return [await parseMessage(bytes)];
  }
}

export async function parseMessage(bytes: Uint8Array): Promise<ParseOutcome> {
  let email: Email;
  try {
    email = await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer' });
  } catch (error) {
    return new ParseFailure(`not a parsable RFC 5322 message: ${(error as Error).message}`);
  }
  if (email.headers.length === 0) return new ParseFailure('no RFC 5322 headers found');
  const timestamp = messageTime(email);
  if (timestamp === undefined)
    return new ParseFailure('no Date or Received header with a usable date');
  const text = Buffer.from(bytes).toString('utf8');
  const original =
    text.length > MAX_ORIGINAL_CHARS
      ? `${text.slice(0, MAX_ORIGINAL_CHARS)}\n[... truncated ${text.length - MAX_ORIGINAL_CHARS} characters]`
      : text;
  const mail: NonNullable<EventDraft['email']> = { direction: 'unknown' };
  const from = addresses(email.from === undefined ? [] : [email.from]);
  // Phishing often breaks RFC 5322 on purpose (`From: Name, x <a@b>`), which strict parsing reads
  // as an empty address: fall back to the addresses written in the raw header.
  if (from.length === 0)
    from.push(...rawAddresses(email.headers.find((header) => header.key === 'from')?.value ?? ''));
  if (from.length > 0) mail.from = { address: from };
  if (email.sender?.address !== undefined && email.sender.address !== '')
    mail.sender = { address: email.sender.address.toLowerCase() };
  for (const [key, list] of [
    ['to', email.to],
    ['cc', email.cc],
    ['bcc', email.bcc],
    ['reply_to', email.replyTo],
  ] as const) {
    const found = addresses(list ?? []);
    if (found.length > 0) mail[key] = { address: found };
  }
  if (email.subject !== undefined) mail.subject = email.subject;
  if (email.messageId !== undefined) mail.message_id = email.messageId.replace(/^<|>$/g, '');
  const dateHeader = email.date === undefined ? undefined : isoFromText(email.date);
  if (dateHeader !== undefined) mail.origination_timestamp = dateHeader;
  const mailer = email.headers.find((header) => header.key === 'x-mailer')?.value;
  if (mailer !== undefined) mail.x_mailer = mailer;
  const contentType = email.headers.find((header) => header.key === 'content-type')?.value;
  if (contentType !== undefined)
    mail.content_type = contentType.split(';')[0]?.trim() ?? contentType;
  const attachments = email.attachments.map(attachmentOf);
  if (attachments.length > 0) mail.attachments = attachments;
  const draft: EventDraft = {
    '@timestamp': timestamp,
    event: {
      kind: 'event',
      category: ['email'],
      type: ['info'],
      action: 'message',
      dataset: 'email.message',
      module: 'email',
      original,
    },
    email: mail,
  };
  return draft;
}

function addresses(list: readonly Address[]): string[] {
  const out: string[] = [];
  for (const entry of list) {
    if ('group' in entry && Array.isArray(entry.group)) out.push(...addresses(entry.group));
    else if (typeof entry.address === 'string' && entry.address !== '')
      out.push(entry.address.toLowerCase());
  }
  return out;
}

function rawAddresses(header: string): string[] {
  return [...header.matchAll(/[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+/g)].map((match) =>
    match[0].toLowerCase(),
  );
}

function attachmentOf(attachment: Email['attachments'][number]): EmailAttachment {
  const content = attachment.content;
  const bytes =
    typeof content === 'string' ? Buffer.from(content) : Buffer.from(content as ArrayBuffer);
  const hash = (algorithm: string): string => createHash(algorithm).update(bytes).digest('hex');
  return {
    file: {
      ...(attachment.filename === null || attachment.filename === ''
        ? {}
        : { name: attachment.filename }),
      mime_type: attachment.mimeType,
      size: bytes.length,
      hash: { md5: hash('md5'), sha1: hash('sha1'), sha256: hash('sha256') },
    },
  };
}

/** The Date header, else the newest Received header's date (after its last `;`). */
function messageTime(email: Email): string | undefined {
  const date = email.date === undefined ? undefined : isoFromText(email.date);
  if (date !== undefined) return date;
  for (const header of email.headers) {
    if (header.key !== 'received') continue;
    const stamp = header.value.slice(header.value.lastIndexOf(';') + 1).trim();
    const parsed = Date.parse(stamp);
    if (!Number.isNaN(parsed)) return new Date(parsed).toISOString();
  }
  return undefined;
}
