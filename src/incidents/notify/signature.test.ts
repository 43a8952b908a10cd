// Signature verification as a receiver runs it: the right secret, body and a fresh timestamp pass;
// anything altered, stale or malformed fails without throwing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signatureHeader, verifySignature } from './signature.ts';

const SECRET = 's3cret';
const NOW = 1_772_000_000;
const BODY = '{"type":"incident.escalation"}';
const HEADER = signatureHeader(SECRET, NOW, BODY);

describe('verifySignature', () => {
  it('accepts the signature of the body at its timestamp, as text or bytes', () => {
    assert.equal(verifySignature(SECRET, NOW, BODY, HEADER, 300, NOW), true);
    assert.equal(
      verifySignature(SECRET, String(NOW), Buffer.from(BODY), HEADER, 300, NOW + 299),
      true,
    );
  });

  it('rejects another secret, an altered body and an altered timestamp', () => {
    assert.equal(verifySignature('other', NOW, BODY, HEADER, 300, NOW), false);
    assert.equal(
      verifySignature(SECRET, NOW, BODY.replace('escalation', 'x'), HEADER, 300, NOW),
      false,
    );
    assert.equal(verifySignature(SECRET, NOW + 1, BODY, HEADER, 300, NOW), false);
  });

  it('rejects a timestamp outside the tolerance, either way', () => {
    assert.equal(verifySignature(SECRET, NOW, BODY, HEADER, 300, NOW + 301), false);
    assert.equal(verifySignature(SECRET, NOW, BODY, HEADER, 300, NOW - 301), false);
  });

  it('rejects malformed headers and timestamps without throwing', () => {
    for (const header of [undefined, '', 'sha256=', 'sha1=abc', HEADER.slice(0, -2), `${HEADER}00`])
      assert.equal(verifySignature(SECRET, NOW, BODY, header, 300, NOW), false, String(header));
    assert.equal(verifySignature(SECRET, '12.5', BODY, HEADER, 300, NOW), false);
    assert.equal(verifySignature('', NOW, BODY, HEADER, 300, NOW), false);
  });
});
