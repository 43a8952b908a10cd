// Builds RFC 5322 / MIME messages for tests: headers as given, a text and/or HTML body, and
// attachments base64-encoded with RFC 2231 file names (so names with RTLO or Japanese survive).
import { randomBytes } from 'node:crypto';

export interface BuiltAttachment {
  name: string;
  bytes: Uint8Array;
  mime?: string;
}

export interface MessageSpec {
  from: string;
  to?: string[];
  cc?: string[];
  subject: string;
  date?: string;
  messageId?: string;
  text?: string;
  html?: string;
  /** Extra header lines, e.g. `['Reply-To: x@y', 'Authentication-Results: mx.example; spf=fail']`. */
  headers?: string[];
  attachments?: BuiltAttachment[];
}

export function buildMessage(spec: MessageSpec): Buffer {
  const boundary = `=_b${randomBytes(6).toString('hex')}`;
  const head = [
    ...(spec.headers ?? []),
    `From: ${spec.from}`,
    ...(spec.to === undefined ? [] : [`To: ${spec.to.join(', ')}`]),
    ...(spec.cc === undefined ? [] : [`Cc: ${spec.cc.join(', ')}`]),
    `Subject: ${encodeWord(spec.subject)}`,
    `Date: ${spec.date ?? 'Tue, 12 Jul 2011 09:15:00 +0900'}`,
    `Message-ID: <${spec.messageId ?? `${randomBytes(8).toString('hex')}@test.example`}>`,
    'MIME-Version: 1.0',
  ];
  const parts: string[] = [];
  if (spec.text !== undefined) parts.push(textPart('text/plain', spec.text));
  if (spec.html !== undefined) parts.push(textPart('text/html', spec.html));
  for (const attachment of spec.attachments ?? []) parts.push(attachmentPart(attachment));
  if (parts.length === 1 && (spec.attachments ?? []).length === 0) {
    return Buffer.from(`${head.join('\r\n')}\r\n${parts[0] ?? ''}`, 'utf8');
  }
  const body = parts.map((part) => `--${boundary}\r\n${part}`).join('\r\n');
  return Buffer.from(
    `${head.join('\r\n')}\r\nContent-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n${body}\r\n--${boundary}--\r\n`,
    'utf8',
  );
}

function textPart(type: string, text: string): string {
  return `Content-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${wrap(Buffer.from(text, 'utf8').toString('base64'))}\r\n`;
}

function attachmentPart(attachment: BuiltAttachment): string {
  const name = `filename*=UTF-8''${encodeURIComponent(attachment.name)}`;
  return (
    `Content-Type: ${attachment.mime ?? 'application/octet-stream'}\r\n` +
    `Content-Disposition: attachment; ${name}\r\nContent-Transfer-Encoding: base64\r\n\r\n` +
    `${wrap(Buffer.from(attachment.bytes).toString('base64'))}\r\n`
  );
}

function encodeWord(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;
}

function wrap(base64: string): string {
  return base64.replace(/.{76}/g, '$&\r\n');
}
