// Archive passwords written in message bodies, in the languages lures are written in.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { passwordsInBody } from './password.ts';

test('English forms: colon, "is", quotes, "for the file is"', () => {
  assert.deepEqual(passwordsInBody('Password: Inv2026!'), ['Inv2026', 'Inv2026!']);
  assert.deepEqual(passwordsInBody('The password is 8842.'), ['8842', '8842.']);
  assert.deepEqual(passwordsInBody('pass = "open sesame"'), ['open sesame']);
  assert.deepEqual(passwordsInBody('The password for the file is: abc-123'), ['abc-123']);
  assert.deepEqual(passwordsInBody('PWD - 5521'), ['5521']);
});

test('Japanese, Chinese, French, Spanish and Russian', () => {
  assert.deepEqual(passwordsInBody('解凍パスワード：kaigi2026'), ['kaigi2026']);
  assert.deepEqual(passwordsInBody('パスワードは「Mofa#77」です。'), ['Mofa#77']);
  assert.deepEqual(passwordsInBody('パスワード：kaigi2026です'), ['kaigi2026', 'kaigi2026です']);
  assert.deepEqual(passwordsInBody('パスワード：ａｂｃ１２３'), ['ａｂｃ１２３', 'abc123']);
  assert.deepEqual(passwordsInBody('密码：xyz789'), ['xyz789']);
  assert.deepEqual(passwordsInBody('Le mot de passe est : Facture24'), ['Facture24']);
  assert.deepEqual(passwordsInBody('Contraseña: clave77'), ['clave77']);
  assert.deepEqual(passwordsInBody('Пароль: 4455'), ['4455']);
});

test('no password without a separator, and none inside other words', () => {
  assert.deepEqual(passwordsInBody('Reset your password here'), []);
  assert.deepEqual(passwordsInBody('bypass: nothing, compass: north'), []);
});

test('candidates are capped in number and length, and not repeated', () => {
  const body = Array.from({ length: 30 }, (_, i) => `password: p${i}`).join('\n');
  assert.equal(passwordsInBody(body).length, 10);
  assert.deepEqual(passwordsInBody('password: x\npassword: x'), ['x']);
  assert.deepEqual(passwordsInBody(`password: ${'a'.repeat(100)}`), []);
});
