// The verdict rules: evidence kinds, not score bands, decide; bulk mail is never targeted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../finding.ts';
import { grade, noisyOr } from './grade.ts';

const weapon: Finding = {
  code: 'executable-in-archive',
  weight: 0.95,
  kind: 'weaponized',
  reason: 'exe in zip',
};
const lookalike: Finding = {
  code: 'lookalike-sender',
  weight: 0.85,
  reason: 'mofa-go.jp looks like mofa.go.jp',
};
const firstContact: Finding = {
  code: 'first-contact-organization',
  weight: 0.5,
  reason: 'new sender',
};
const spamWords: Finding = { code: 'spam-content', weight: 0.55, reason: 'casino' };
const direct = { bulk: false, list: false, internalRecipients: 3, recipients: 3 };

test('few recipients inside + impersonation + weaponized attachment = targeted', () => {
  const result = grade([weapon, lookalike, firstContact], direct);
  assert.equal(result.verdict, 'targeted');
  assert.ok(result.score >= 99);
  assert.ok(result.reasons.some((reason) => reason.includes('3 recipient(s) inside')));
});

test('the same message sent in bulk, or to many inside, is phishing, never targeted', () => {
  assert.equal(grade([weapon, lookalike], { ...direct, bulk: true }).verdict, 'phishing');
  assert.equal(
    grade([weapon, lookalike], { ...direct, internalRecipients: 40 }).verdict,
    'phishing',
  );
});

test('a weaponized attachment alone is phishing; impersonation with a lure to few is targeted', () => {
  assert.equal(grade([weapon], direct).verdict, 'phishing');
  const lure: Finding = { code: 'lure-credential', weight: 0.4, reason: 'verify your account' };
  assert.equal(grade([lookalike, lure], direct).verdict, 'targeted');
  assert.equal(grade([lookalike, lure], { ...direct, internalRecipients: 0 }).verdict, 'phishing');
});

test('commercial wording without deception is spam; weak evidence is clean; context alone is clean', () => {
  assert.equal(grade([spamWords], direct).verdict, 'spam');
  assert.equal(
    grade([{ code: 'subject-emoji', weight: 0.15, reason: 'emoji' }], direct).verdict,
    'clean',
  );
  const result = grade(
    [firstContact, { code: 'freemail-sender', weight: 0.05, reason: 'gmail' }],
    direct,
  );
  assert.deepEqual([result.verdict, result.score], ['clean', 0]);
});

test('list mail: its words weigh half, and list mail with weak evidence is not spam', () => {
  const lure: Finding = { code: 'lure-prize', weight: 0.45, reason: 'winner' };
  assert.equal(grade([lure, spamWords], direct).verdict, 'spam');
  assert.equal(grade([lure, spamWords], { ...direct, bulk: true, list: true }).verdict, 'clean');
});

test('noisyOr accumulates independent evidence without passing 1', () => {
  assert.equal(noisyOr([]), 0);
  assert.ok(Math.abs(noisyOr([0.5, 0.5]) - 0.75) < 1e-12);
  assert.equal(noisyOr([1, 0.3]), 1);
  assert.equal(noisyOr([2, -1]), 1, 'weights are clamped');
});
