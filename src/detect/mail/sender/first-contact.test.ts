// First contact: organization-wide versus new to one recipient, and the bounds of the default
// in-memory history.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstContact, firstContactFindings, MemoryContactHistory } from './first-contact.ts';

const T = Date.parse('2026-11-23T00:00:00Z');

test('a sender never seen is a first contact for the whole organization', () => {
  const history = new MemoryContactHistory();
  assert.deepEqual(firstContact(history, 'x@evil.example', ['a@mofa.go.jp']), {
    organization: true,
    newRecipients: ['a@mofa.go.jp'],
  });
  assert.deepEqual(
    firstContactFindings(history, 'x@evil.example', ['a@mofa.go.jp']).map((f) => f.code),
    ['first-contact-organization'],
  );
});

test('a known sender writing to a new recipient is a first contact with that recipient', () => {
  const history = new MemoryContactHistory();
  history.record('x@partner.example', 'a@mofa.go.jp', T);
  const contact = firstContact(history, 'X@Partner.example', ['A@mofa.go.jp', 'b@mofa.go.jp']);
  assert.deepEqual(contact, { organization: false, newRecipients: ['b@mofa.go.jp'] });
  const findings = firstContactFindings(history, 'x@partner.example', ['b@mofa.go.jp']);
  assert.equal(findings[0]?.code, 'first-contact-recipient');
  assert.ok((findings[0]?.weight ?? 1) < 0.5);
});

test('a known sender writing to known recipients gives no finding', () => {
  const history = new MemoryContactHistory();
  history.record('x@partner.example', 'a@mofa.go.jp', T);
  assert.deepEqual(firstContactFindings(history, 'x@partner.example', ['a@mofa.go.jp']), []);
});

test('seen without a recipient asks about the whole organization', () => {
  const history = new MemoryContactHistory();
  history.record('x@partner.example', 'a@mofa.go.jp', T);
  assert.equal(history.seen('x@partner.example'), true);
  assert.equal(history.seen('x@partner.example', 'b@mofa.go.jp'), false);
});

test('the history forgets the least recently active sender first', () => {
  const history = new MemoryContactHistory({ maxSenders: 2 });
  history.record('old@x.example', 'a@mofa.go.jp', T);
  history.record('mid@x.example', 'a@mofa.go.jp', T + 1);
  history.record('old@x.example', 'b@mofa.go.jp', T + 2);
  history.record('new@x.example', 'a@mofa.go.jp', T + 3);
  assert.equal(history.size, 2);
  assert.equal(history.seen('mid@x.example'), false);
  assert.equal(history.seen('old@x.example'), true);
});

test('the history keeps a bounded number of recipients per sender', () => {
  const history = new MemoryContactHistory({ maxRecipientsPerSender: 3 });
  for (let i = 0; i < 10; i++) history.record('x@y.example', `r${i}@mofa.go.jp`, T + i);
  assert.equal(history.seen('x@y.example', 'r0@mofa.go.jp'), false);
  assert.equal(history.seen('x@y.example', 'r9@mofa.go.jp'), true);
});

test('empty addresses are not recorded', () => {
  const history = new MemoryContactHistory();
  history.record('', 'a@mofa.go.jp', T);
  history.record('x@y.example', '  ', T);
  assert.equal(history.size, 0);
});
