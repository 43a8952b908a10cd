// Reply-To and Return-Path mismatches in context: high when replies are diverted to free-mail or
// a look-alike, low for list mail and for addresses within the sender's own domain.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { headerMismatches, isListMail } from './header-mismatch.ts';

const PROTECTED = ['mofa.go.jp'];
const codes = (findings: { code: string; weight: number }[]): string[] =>
  findings.map((finding) => `${finding.code}:${finding.weight}`);

test('matching From, Reply-To and Return-Path give no finding', () => {
  const findings = headerMismatches(
    {
      from: 'a@partner.example',
      replyTo: ['A@Partner.example'],
      returnPath: '<a@partner.example>',
    },
    PROTECTED,
  );
  assert.deepEqual(findings, []);
});

test('a Reply-To at a free-mail provider weighs high', () => {
  const findings = headerMismatches(
    { from: 'ambassador@embassy.example', replyTo: ['embassy.desk@gmail.com'] },
    PROTECTED,
  );
  assert.deepEqual(codes(findings), ['reply-to-freemail:0.8']);
  assert.match(findings[0]?.reason ?? '', /embassy\.desk@gmail\.com/);
});

test('a Reply-To at a look-alike of a protected domain weighs highest', () => {
  const findings = headerMismatches(
    { from: 'news@partner.example', replyTo: ['desk@mofa-go.jp'] },
    PROTECTED,
  );
  assert.deepEqual(codes(findings), ['reply-to-lookalike:0.9']);
});

test('another free-mail mailbox than the free-mail sender is reported', () => {
  const findings = headerMismatches(
    { from: 'taro@gmail.com', replyTo: ['secretary.taro@gmail.com'] },
    PROTECTED,
  );
  assert.deepEqual(codes(findings), ['reply-to-other-mailbox:0.5']);
});

test('a Reply-To elsewhere in the same registrable domain weighs low', () => {
  const findings = headerMismatches(
    { from: 'press@www.partner.example', replyTo: ['desk@mail.partner.example'] },
    PROTECTED,
  );
  assert.deepEqual(codes(findings), ['reply-to-same-organization:0.05']);
});

test('a Reply-To in another ordinary domain weighs medium, less on list mail', () => {
  const context = { from: 'a@partner.example', replyTo: ['b@other.example'] };
  assert.deepEqual(codes(headerMismatches(context, PROTECTED)), ['reply-to-mismatch:0.35']);
  assert.deepEqual(codes(headerMismatches({ ...context, listMail: true }, PROTECTED)), [
    'reply-to-mismatch:0.1',
  ]);
});

test('an ESP bounce domain in Return-Path weighs little, less still on list mail', () => {
  const context = { from: 'news@partner.example', returnPath: 'bounce-123@mail.esp.example' };
  assert.deepEqual(codes(headerMismatches(context, PROTECTED)), ['return-path-mismatch:0.1']);
  assert.deepEqual(codes(headerMismatches({ ...context, listMail: true }, PROTECTED)), [
    'return-path-mismatch:0.02',
  ]);
});

test('a Return-Path at free-mail behind an official From is reported', () => {
  const findings = headerMismatches(
    { from: 'minister@partner.example', returnPath: '<x@qq.com>' },
    PROTECTED,
  );
  assert.deepEqual(codes(findings), ['return-path-freemail:0.4']);
});

test('a Return-Path at a look-alike domain is reported', () => {
  const findings = headerMismatches(
    { from: 'a@partner.example', returnPath: 'x@mofa.go.jp.cn-gov.org' },
    PROTECTED,
  );
  assert.deepEqual(codes(findings), ['return-path-lookalike:0.7']);
});

test('a null envelope sender is not a mismatch', () => {
  assert.deepEqual(headerMismatches({ from: 'a@x.example', returnPath: '<>' }, PROTECTED), []);
});

test('List-Id, List-Unsubscribe or Precedence: bulk make list mail', () => {
  assert.equal(isListMail([{ key: 'list-id', value: '<news.partner.example>' }]), true);
  assert.equal(isListMail([{ key: 'list-unsubscribe', value: '<mailto:u@x.example>' }]), true);
  assert.equal(isListMail([{ key: 'precedence', value: 'Bulk' }]), true);
  assert.equal(isListMail([{ key: 'precedence', value: 'first-class' }]), false);
});

test('never throws on hostile addresses and bounds Reply-To lists', () => {
  const replyTo = Array.from({ length: 10_000 }, (_, i) => `x${i}@gmail.com`);
  const findings = headerMismatches({ from: 'a@b.example', replyTo }, PROTECTED);
  assert.ok(findings.length <= 16);
  for (const from of ['', '@', 'no-at', '@@@', 'a@']) {
    assert.doesNotThrow(() => headerMismatches({ from, replyTo: ['@', ''], returnPath: '@' }, []));
  }
});
