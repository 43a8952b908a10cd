// Webhook signatures, so a receiver can tell a request came from Chancery and was not replayed.
//
// The scheme (give this to whoever writes a receiver):
//   x-chancery-timestamp: <unix seconds when sent>
//   x-chancery-signature: sha256=<lowercase hex of HMAC-SHA256(secret, "<timestamp>.<body>")>
// where <body> is the raw request body exactly as received (UTF-8 JSON; do not re-serialize it).
// Verify by recomputing the HMAC, comparing in constant time, and rejecting timestamps more than
// five minutes from your clock: the timestamp is inside the signature, so it cannot be altered
// to replay an old request. `verifySignature` below does all three.
import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';

/** The `x-chancery-signature` header value for a body sent at `timestamp` (unix seconds). */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return PREFIX + hmac(secret, String(timestamp), body).toString('hex');
}

/**
 * True when `header` is the signature of `body` at `timestamp` under `secret` and the timestamp
 * is within `toleranceSeconds` of now. Malformed input is false, never an exception.
 */
export function verifySignature(
  secret: string,
  timestamp: string | number,
  body: string | Uint8Array,
  header: string | undefined,
  toleranceSeconds = 300,
  nowSeconds: number = Date.now() / 1000,
): boolean {
  const stamp = String(timestamp);
  if (secret === '' || header === undefined || !/^\d{1,12}$/.test(stamp)) return false;
  if (Math.abs(nowSeconds - Number(stamp)) > toleranceSeconds) return false;
  if (!header.startsWith(PREFIX)) return false;
  const given = header.slice(PREFIX.length);
  if (!/^[0-9a-f]{64}$/i.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, 'hex'), hmac(secret, stamp, body));
}

function hmac(secret: string, timestamp: string, body: string | Uint8Array): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}
