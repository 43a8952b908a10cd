// Signed JSON webhooks: escalations and notifications to chat bridges and ticketing systems, and
// response actions to the firewall or EDR that carries them out. Delivery never throws and never
// reveals the secret: a failed webhook is a result the caller records on the incident.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { withoutSecret } from './redact.ts';
import { signatureHeader } from './signature.ts';

export { signatureHeader, verifySignature } from './signature.ts';

export interface WebhookTarget {
  url: string;
  /** Shared with the receiver, which checks `x-chancery-signature` with it (see signature.ts). */
  secret: string;
  /** Per attempt, until the response headers arrive; 10 s when not given. */
  timeoutMs?: number;
}

export interface WebhookOptions {
  /** Wait before the one retry; 1 s when not given. */
  retryDelayMs?: number;
  /** Clock for the signed timestamp (epoch ms). */
  now?: () => number;
}

export interface WebhookResult {
  ok: boolean;
  /** The last HTTP status received, when a response came. */
  status?: number;
  error?: string;
  /** Time spent, retries and waits included. */
  ms: number;
  attempts: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRY_DELAY_MS = 1_000;
const ATTEMPTS = 2;

interface Attempt {
  ok: boolean;
  status?: number;
  error?: string;
  /**
   * Worth one more try: the connection failed or the receiver had a 5xx. Not after a timeout:
   * the receiver may still be acting on the request (isolating a host), and a second one would
   * double the wait the caller already bounded with `timeoutMs`.
   */
  retry: boolean;
}

export async function sendWebhook(
  target: WebhookTarget,
  payload: unknown,
  options: WebhookOptions = {},
): Promise<WebhookResult> {
  const started = performance.now();
  const finish = (outcome: Omit<Attempt, 'retry'>, attempts: number): WebhookResult => ({
    ...outcome,
    ...(outcome.error === undefined
      ? {}
      : { error: withoutSecret(outcome.error, target.secret, 'webhook') }),
    ms: Math.round(performance.now() - started),
    attempts,
  });
  const problem = checkTarget(target);
  if (problem !== undefined) return finish({ ok: false, error: problem }, 0);
  const body = serialize(payload);
  if (body === undefined) return finish({ ok: false, error: 'payload is not JSON' }, 0);
  // One id for the delivery, the same on the retry, so receivers can drop a duplicate.
  const delivery = randomUUID();
  let attempt = 1;
  for (;;) {
    const { retry, ...outcome } = await post(target, body, delivery, options.now ?? Date.now);
    if (!retry || attempt === ATTEMPTS) return finish(outcome, attempt);
    attempt++;
    await sleep(options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS);
  }
}

async function post(
  target: WebhookTarget,
  body: string,
  delivery: string,
  now: () => number,
): Promise<Attempt> {
  const timeoutMs = target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timestamp = Math.floor(now() / 1000);
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Chancery-Webhook',
        'x-chancery-delivery': delivery,
        'x-chancery-timestamp': String(timestamp),
        'x-chancery-signature': signatureHeader(target.secret, timestamp, body),
      },
      body,
      // A redirect would carry the signed request somewhere the operator did not configure.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The answer's body is not used; cancelling it frees the connection.
    await response.body?.cancel();
    if (response.ok) return { ok: true, status: response.status, retry: false };
    return {
      ok: false,
      status: response.status,
      error: `HTTP ${String(response.status)}`,
      retry: response.status >= 500,
    };
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError')
      return { ok: false, error: `no answer within ${String(timeoutMs)} ms`, retry: false };
    return { ok: false, error: describe(error), retry: true };
  }
}

function checkTarget(target: WebhookTarget): string | undefined {
  if (target.secret === '') return 'webhook secret is empty: requests would be unsigned';
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    return 'webhook URL is not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `webhook URL scheme ${url.protocol} is not http or https`;
  if (url.username !== '' || url.password !== '') return 'webhook URL must not carry credentials';
  return undefined;
}

function serialize(payload: unknown): string | undefined {
  try {
    // JSON.stringify returns undefined for undefined and functions, despite its declared type.
    const text: string | undefined = JSON.stringify(payload);
    return text;
  } catch {
    return undefined;
  }
}

/** `fetch failed` alone says nothing; the cause (ECONNREFUSED, ENOTFOUND, …) does. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return `${error.message}: ${code ?? cause.message}`;
  }
  return error.message;
}
