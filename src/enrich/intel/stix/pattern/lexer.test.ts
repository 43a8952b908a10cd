import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PatternSyntaxError, tokenize, type Token } from './lexer.ts';

function kinds(text: string): string[] {
  return tokenize(text).map((token) => `${token.kind}:${token.text}`);
}

function syntaxError(text: string): PatternSyntaxError {
  try {
    tokenize(text);
  } catch (error) {
    if (error instanceof PatternSyntaxError) return error;
    throw error;
  }
  assert.fail(`expected a syntax error for ${text}`);
}

test('every comparison operator, with == and <> read as = and !=', () => {
  assert.deepEqual(
    tokenize('= == != <> < <= > >=')
      .filter((token) => token.kind === 'operator')
      .map((token) => token.text),
    ['=', '=', '!=', '!=', '<', '<=', '>', '>='],
  );
});

test('keywords are upper case only; lower-case words are identifiers', () => {
  assert.deepEqual(kinds('AND and IN in'), [
    'keyword:AND',
    'identifier:and',
    'keyword:IN',
    'identifier:in',
    'end:',
  ]);
});

test('object types keep their hyphens; quoted keys are strings', () => {
  assert.deepEqual(kinds("network-traffic:dst_ref.value file:hashes.'SHA-256'"), [
    'identifier:network-traffic',
    'punctuation::',
    'identifier:dst_ref',
    'punctuation:.',
    'identifier:value',
    'identifier:file',
    'punctuation::',
    'identifier:hashes',
    'punctuation:.',
    'string:SHA-256',
    'end:',
  ]);
});

test("strings decode \\' and \\\\ and nothing else", () => {
  const [token] = tokenize(String.raw`'it\'s C:\\Temp'`);
  assert.equal(token?.text, String.raw`it's C:\Temp`);
  const error = syntaxError(String.raw`[file:name = 'a\n']`);
  assert.match(error.message, /invalid escape \\n/);
  assert.equal(error.column, 16);
});

test('numbers, booleans and typed literals', () => {
  const tokens: Token[] = tokenize(
    "42 -7 +3 1.5 -.25 true false t'2024-01-02T03:04:05.123Z' h'00FF' b'AAEC'",
  );
  assert.deepEqual(
    tokens.map((token) => `${token.kind}:${token.text}`),
    [
      'int:42',
      'int:-7',
      'int:+3',
      'float:1.5',
      'float:-.25',
      'bool:true',
      'bool:false',
      'timestamp:2024-01-02T03:04:05.123Z',
      'hex:00ff',
      'binary:AAEC',
      'end:',
    ],
  );
});

test('malformed typed literals are errors at their column', () => {
  assert.equal(syntaxError("[x:y = t'2024-01-02']").column, 8);
  assert.match(syntaxError("[x:y = h'0g']").message, /not hex/);
  assert.match(syntaxError("[x:y = b'A']").message, /not base64/);
  assert.match(syntaxError("[x:y = t'2024-01-02T03:04:05+09:00']").message, /UTC timestamp/);
});

test('comments and odd whitespace are skipped', () => {
  assert.deepEqual(kinds("/* c */ [a:b\u00a0=\t'x'] // tail"), [
    'punctuation:[',
    'identifier:a',
    'punctuation::',
    'identifier:b',
    'operator:=',
    'string:x',
    'punctuation:]',
    'end:',
  ]);
});

test('unterminated strings and stray characters report their column', () => {
  const unterminated = syntaxError("[file:name = 'abc]");
  assert.match(unterminated.message, /unterminated string/);
  assert.equal(unterminated.column, 14);
  const stray = syntaxError("[file:name = 'a'] ; [x:y = 'b']");
  assert.equal(stray.column, 19);
});
