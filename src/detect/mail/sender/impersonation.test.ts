// Display-name impersonation: VIP names in every written order and script, addresses shown in
// the display name, and free-mail senders claiming an office.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  displayNameAddress,
  freeMailOfficialClaim,
  isFreeMail,
  nameTokens,
  vipImpersonation,
  type Vip,
} from './impersonation.ts';

const VIPS: Vip[] = [
  { name: 'Taro Yamada', addresses: ['taro.yamada@mofa.go.jp'] },
  { name: '山田 太郎', addresses: ['taro.yamada@mofa.go.jp'] },
  { name: 'Amélie Durand', addresses: ['a.durand@mofa.go.jp'] },
];
const ORG = { name: 'Ministry of Foreign Affairs of Japan', domains: ['mofa.go.jp'] };

test('name tokens fold case, accents, punctuation and full-width spaces', () => {
  assert.deepEqual(nameTokens('YAMADA,\u3000Tarō'), ['yamada', 'taro']);
});

test('a VIP name on an outside address is impersonation', () => {
  const finding = vipImpersonation('Taro Yamada', 'taro.yamada@gmail.com', VIPS);
  assert.equal(finding?.code, 'vip-impersonation');
  assert.match(finding?.reason ?? '', /taro\.yamada@gmail\.com is not one of their addresses/);
});

test('surname-first order with a comma is the same name', () => {
  assert.ok(vipImpersonation('Yamada, Taro', 'x@evil.example', VIPS));
});

test('a title around the name still matches', () => {
  assert.ok(vipImpersonation('Ambassador Taro YAMADA (Embassy)', 'x@evil.example', VIPS));
});

test('a Japanese name matches with, without, or with a full-width space', () => {
  for (const name of ['山田太郎', '山田　太郎', '山田 太郎 大使']) {
    assert.ok(vipImpersonation(name, 'x@evil.example', VIPS), name);
  }
});

test('accents are folded', () => {
  assert.ok(vipImpersonation('Amelie DURAND', 'x@evil.example', VIPS));
});

test("the VIP's own address is not impersonation, whatever its case", () => {
  assert.equal(vipImpersonation('Taro Yamada', 'Taro.Yamada@MOFA.go.jp', VIPS), undefined);
});

test('another person sharing one name token is not the VIP', () => {
  assert.equal(vipImpersonation('Taro Suzuki', 'x@evil.example', VIPS), undefined);
  assert.equal(vipImpersonation('山田花子', 'x@evil.example', VIPS), undefined);
});

test('a display name showing another address is reported', () => {
  const finding = displayNameAddress('"info@mofa.go.jp"', 'attacker@evil.example');
  assert.equal(finding?.code, 'display-name-address');
  assert.equal(finding?.weight, 0.7);
});

test('a display name showing the real address is not reported', () => {
  assert.equal(displayNameAddress('Info@MOFA.go.jp', 'info@mofa.go.jp'), undefined);
});

test('another address in the same domain weighs less', () => {
  assert.equal(displayNameAddress('boss@mofa.go.jp', 'clerk@mofa.go.jp')?.weight, 0.3);
});

test('another mailbox at the same free-mail provider is a stranger', () => {
  assert.equal(displayNameAddress('bank.office@gmail.com', 'x123@gmail.com')?.weight, 0.7);
});

test('free-mail providers are known by domain and registrable domain', () => {
  assert.equal(isFreeMail('gmail.com'), true);
  assert.equal(isFreeMail('YAHOO.CO.JP'), true);
  assert.equal(isFreeMail('qq.com'), true);
  assert.equal(isFreeMail('mofa.go.jp'), false);
});

test('a free-mail sender calling itself ambassador claims an office', () => {
  const finding = freeMailOfficialClaim('Ambassador of Japan', 'amb.japan@gmail.com', ORG);
  assert.equal(finding?.code, 'freemail-official-claim');
  assert.match(finding?.reason ?? '', /"Ambassador"/);
});

test('Japanese and Chinese titles count', () => {
  assert.ok(freeMailOfficialClaim('在中国日本国大使館', 'x@163.com', ORG));
  assert.ok(freeMailOfficialClaim('外務省 総務課', 'x@yahoo.co.jp', ORG));
  assert.ok(freeMailOfficialClaim('日本国驻华大使馆', 'x@qq.com', ORG));
});

test('the organization domain in a free-mail display name is a claim', () => {
  assert.match(
    freeMailOfficialClaim('desk (mofa.go.jp)', 'desk@outlook.com', ORG)?.reason ?? '',
    /mofa\.go\.jp/,
  );
});

test('a role word inside another word is not a claim', () => {
  assert.equal(freeMailOfficialClaim('Administerial Jones', 'x@gmail.com', ORG), undefined);
});

test('an official title from a non-free-mail domain is not this signal', () => {
  assert.equal(freeMailOfficialClaim('Ambassador', 'amb@mofa.go.jp', ORG), undefined);
});

test('never throws on hostile names', () => {
  const long = 'A'.repeat(100_000);
  assert.doesNotThrow(() => vipImpersonation(long, long, VIPS));
  assert.doesNotThrow(() => displayNameAddress(`${'a@'.repeat(50_000)}b.c`, 'x@y.z'));
  assert.doesNotThrow(() => freeMailOfficialClaim('\u0000\uFFFF', '@', ORG));
});
