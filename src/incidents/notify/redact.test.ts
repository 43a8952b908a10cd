// Secrets never reach error texts, and messages without them pass unchanged.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withoutSecret } from './redact.ts';

describe('withoutSecret', () => {
  it('passes a text without the secret unchanged', () => {
    assert.equal(
      withoutSecret('ESOCKET: connect ECONNREFUSED', 'hunter22', 'mail'),
      'ESOCKET: connect ECONNREFUSED',
    );
    assert.equal(withoutSecret('anything', undefined, 'mail'), 'anything');
  });

  it('replaces a text containing the secret whole, so a short secret is not revealed by masks', () => {
    const text = withoutSecret('ETLS: Error upgrading connection', 'p', 'sending mail');
    assert.ok(!text.includes('upgrading'));
    assert.equal(text, 'sending mail failed; details withheld because they contained the secret');
  });
});
