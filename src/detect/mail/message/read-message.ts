// One raw RFC 5322 message read into what the mail analysis needs: headers, addresses, bodies,
// links, the Received chain and every attachment's bytes. postal-mime decodes MIME, RFC 2047
// words and RFC 2231 parameters; what it cannot read becomes an empty field, never a throw.
import PostalMime, { type Address, type Email } from 'postal-mime';
import { addresses, mailTime, rawAddresses } from '../../../core/index.ts';
import type { MailHeader } from '../sender/index.ts';
import { extractLinks, visibleText, type Link } from './links.ts';
import { receivedChain, sendingIp, type ReceivedHop } from './received.ts';

export interface MailAttachment {
  name: string;
  mime: string;
  bytes: Uint8Array;
  inline: boolean;
}

export interface MailMessage {
  headers: MailHeader[];
  messageId: string;
  subject: string;
  /** ISO time from Date, else from the oldest Received hop; '' when neither parses. */
  date: string;
  from?: { name: string; address: string };
  to: string[];
  cc: string[];
  replyTo: string[];
  /** The Return-Path address; '' for the null sender; undefined when absent. */
  returnPath?: string;
  /** Plain text of the message: the text part, else the HTML part's visible text. */
  text: string;
  html: string;
  links: Link[];
  received: ReceivedHop[];
  sendingIp?: string;
  attachments: MailAttachment[];
}

export class UnreadableMessage extends Error {}

/** Reads one message; throws UnreadableMessage when there is no message to read. */
export async function readMessage(bytes: Uint8Array): Promise<MailMessage> {
  let email: Email;
  try {
    email = await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer' });
  } catch (error) {
    throw new UnreadableMessage(`not a parsable RFC 5322 message: ${(error as Error).message}`);
  }
  if (email.headers.length === 0) throw new UnreadableMessage('no RFC 5322 headers found');
  const headers = email.headers.map(({ key, value }) => ({ key, value }));
  const html = email.html ?? '';
  const text = bodyText(email.text, html);
  const received = receivedChain(headers);
  const message: MailMessage = {
    headers,
    messageId: (email.messageId ?? '').trim().replace(/^<|>$/g, ''),
    subject: email.subject ?? '',
    date: messageDate(email, received),
    to: addresses(email.to ?? []),
    cc: addresses(email.cc ?? []),
    replyTo: addresses(email.replyTo ?? []),
    text,
    html,
    links: extractLinks(text, html),
    received,
    attachments: email.attachments.map((attachment) => ({
      name: attachment.filename ?? '',
      mime: attachment.mimeType,
      bytes: bytesOf(attachment.content),
      inline: attachment.disposition === 'inline' || attachment.related === true,
    })),
  };
  const from = sender(email.from, headers);
  if (from !== undefined) message.from = from;
  const returnPath = headers.find((header) => header.key === 'return-path');
  if (returnPath !== undefined) message.returnPath = rawAddresses(returnPath.value)[0] ?? '';
  const ip = sendingIp(received);
  if (ip !== undefined) message.sendingIp = ip;
  return message;
}

/** The text part, unless it is really HTML (common in phishing kits); else the HTML's text. */
function bodyText(text: string | undefined, html: string): string {
  if (text !== undefined && !/^\s*<(?:!doctype|html|div|p|table|body|head|meta)\b/i.test(text))
    return text;
  const source = text ?? html;
  return source === '' ? '' : visibleText(source.replace(SCRIPT_OR_STYLE, ' '), MAX_BODY_TEXT);
}

const SCRIPT_OR_STYLE = /<(style|script)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;
const MAX_BODY_TEXT = 256 * 1024;

function sender(
  from: Address | undefined,
  headers: readonly MailHeader[],
): { name: string; address: string } | undefined {
  if (from !== undefined && from.group === undefined && from.address.trim() !== '')
    return { name: from.name, address: from.address.trim().toLowerCase() };
  // Phishers break the From header on purpose; read the address the way a mail client shows it.
  const raw = headers.find((header) => header.key === 'from')?.value ?? '';
  const address = rawAddresses(raw)[0];
  if (address === undefined) return undefined;
  const name = raw.slice(0, raw.toLowerCase().indexOf(address)).replace(/[<"]/g, ' ').trim();
  return { name, address };
}

function messageDate(email: Email, received: readonly ReceivedHop[]): string {
  const sent = email.date === undefined ? undefined : mailTime(email.date);
  if (sent !== undefined) return sent;
  for (let index = received.length - 1; index >= 0; index--) {
    const time = received[index]?.time;
    if (time !== undefined) return time;
  }
  return '';
}

function bytesOf(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === 'string') return Buffer.from(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}
