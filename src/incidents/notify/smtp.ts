// Mail through the organization's SMTP relay, for escalations, notifications and reports sent as
// attachments. One connection per message: these are a few mails an hour, and a fresh connection
// cannot be left half-broken by the last one. Never throws, never reveals the password.
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { withoutSecret } from './redact.ts';

export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS is used when the relay offers it. */
  secure: boolean;
  /** Refuse to send unless the connection is upgraded with STARTTLS (when `secure` is false). */
  requireTls?: boolean;
  user?: string;
  password?: string;
  /** The sender, e.g. `Chancery <chancery@ministry.example>`. */
  from: string;
  /** For connecting, the greeting and each reply; 15 s when not given. */
  timeoutMs?: number;
}

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
}

export interface MailResult {
  ok: boolean;
  messageId?: string;
  /** Recipients the relay took; some may be rejected while the rest are accepted. */
  accepted?: string[];
  rejected?: string[];
  error?: string;
  ms: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;

export async function sendMail(config: SmtpConfig, message: MailMessage): Promise<MailResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  if (message.to.length === 0) return { ok: false, error: 'no recipients', ms: elapsed() };
  if (config.user !== undefined && config.password === undefined)
    return { ok: false, error: 'SMTP user given without a password', ms: elapsed() };
  const transport = nodemailer.createTransport(transportOptions(config));
  try {
    const info = await transport.sendMail({
      from: config.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.html === undefined ? {} : { html: message.html }),
      attachments: (message.attachments ?? []).map(({ filename, content, contentType }) => ({
        filename,
        content,
        contentType,
      })),
    });
    return {
      ok: true,
      messageId: info.messageId,
      accepted: info.accepted.map(address),
      rejected: info.rejected.map(address),
      ms: elapsed(),
    };
  } catch (error) {
    return {
      ok: false,
      error: withoutSecret(describe(error), config.password, 'sending mail'),
      ms: elapsed(),
    };
  } finally {
    transport.close();
  }
}

function transportOptions(config: SmtpConfig): SMTPTransport.Options {
  const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: config.requireTls ?? false,
    ...(config.user === undefined
      ? {}
      : { auth: { user: config.user, pass: config.password ?? '' } }),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // Attachments are buffers we made; nothing may make the mailer read files or fetch URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
    debug: false,
  };
}

function address(entry: string | { address: string }): string {
  return typeof entry === 'string' ? entry : entry.address;
}

/** Nodemailer's code (EAUTH, ECONNECTION, ETIMEDOUT, EENVELOPE) first: it says what to fix. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code === undefined ? error.message : `${code}: ${error.message}`;
}
