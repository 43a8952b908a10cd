// Value modifiers and wildcards, one behaviour per test, checked against what the Sigma
// specification (v2.1 modifiers appendix) and pySigma say they mean.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RuleIssue, SigmaScalar } from '../rule/model.ts';
import type { CompileOptions } from './context.ts';
import { compileItem, type CompiledItem } from './item.ts';

const at = { file: 'rule.yml', line: 7 };

function compile(
  field: string | null,
  modifiers: string[],
  values: SigmaScalar[],
  options: CompileOptions = {},
): { item?: CompiledItem; issues: RuleIssue[] } {
  const issues: RuleIssue[] = [];
  const item = compileItem(
    { field, modifiers, values: values.map((value) => ({ value, at })), at },
    { options, issues, ruleId: 'r1' },
  );
  return { item, issues };
}

/** Whether the item's value tests accept `text` (the engine's view of one field value). */
function accepts(item: CompiledItem | undefined, text: string): boolean {
  assert.ok(item !== undefined);
  assert.equal(item.check.kind, 'values');
  if (item.check.kind !== 'values') return false;
  const lower = text.toLowerCase();
  const results = item.check.tests.map((t) => t.test(text, lower));
  const result = item.check.all ? results.every(Boolean) : results.some(Boolean);
  return item.negate ? !result : result;
}

test('plain values match whole, case-insensitively; wildcards * and ? with \\ escapes', () => {
  const exact = compile('Image', [], ['C:\\Windows\\System32\\cmd.exe']).item;
  assert.ok(accepts(exact, 'c:\\windows\\system32\\CMD.EXE'));
  assert.ok(!accepts(exact, 'c:\\windows\\system32\\cmd.exe2'));
  const glob = compile('CommandLine', [], ['*net? user*']).item;
  assert.ok(accepts(glob, 'C:\\> NET1 USER bob'));
  assert.ok(!accepts(glob, 'net user bob'), '? needs exactly one character');
  const escaped = compile('CommandLine', [], ['a\\*b']).item;
  assert.ok(accepts(escaped, 'A*B'));
  assert.ok(!accepts(escaped, 'axxb'));
  const multiline = compile('ScriptBlockText', [], ['*iex*download*']).item;
  assert.ok(accepts(multiline, 'IEX (New-Object Net.WebClient)\n.DownloadString("x")'));
});

test('contains, startswith, endswith and all', () => {
  assert.ok(
    accepts(compile('Image', ['endswith'], ['\\rundll32.exe']).item, 'C:\\W\\RUNDLL32.EXE'),
  );
  assert.ok(
    !accepts(compile('Image', ['endswith'], ['\\rundll32.exe']).item, 'C:\\rundll32.exe.bak'),
  );
  assert.ok(accepts(compile('Image', ['startswith'], ['C:\\Users\\']).item, 'c:\\users\\x.exe'));
  const all = compile('CommandLine', ['contains', 'all'], [' -w ', 'hidden']).item;
  assert.ok(accepts(all, 'powershell -w hidden -enc'));
  assert.ok(!accepts(all, 'powershell -w normal'));
  assert.deepEqual(all?.needles, ['hidden'], 'an AND of values needs only its longest literal');
});

test('cased makes a comparison case-sensitive', () => {
  const item = compile('CommandLine', ['contains', 'cased'], ['AbC']).item;
  assert.ok(accepts(item, 'xAbCx'));
  assert.ok(!accepts(item, 'xabcx'));
});

test('re: case-sensitive by default, sub-modifiers i/m/s, a leading (?i) becomes a flag', () => {
  assert.ok(!accepts(compile('x', ['re'], ['^abc$']).item, 'ABC'));
  assert.ok(accepts(compile('x', ['re', 'i'], ['^abc$']).item, 'ABC'));
  assert.ok(accepts(compile('x', ['re'], ['(?i)^abc$']).item, 'ABC'));
  assert.ok(accepts(compile('x', ['re', 'm'], ['^b$']).item, 'a\nb\nc'));
  assert.ok(accepts(compile('x', ['re', 's'], ['a.c']).item, 'a\nc'));
  assert.ok(accepts(compile('x', ['re'], ['\\Aabc\\z']).item, 'abc'));
  const bad = compile('x', ['re'], ['(unclosed']);
  assert.equal(bad.item, undefined);
  assert.equal(bad.issues[0]?.reason, 'bad-regex');
  assert.equal(bad.issues[0]?.at.line, 7);
});

test('cidr matches IPv4 and IPv6 networks, and rejects a bad network', () => {
  const item = compile('DestinationIp', ['cidr'], ['10.0.0.0/8', 'fe80::/10']).item;
  assert.ok(accepts(item, '10.20.30.40'));
  assert.ok(accepts(item, 'FE80::1'));
  assert.ok(!accepts(item, '11.0.0.1'));
  assert.ok(!accepts(item, 'not an address'));
  assert.equal(compile('x', ['cidr'], ['10.0.0.0/33']).issues[0]?.reason, 'bad-cidr');
});

test('base64 and base64offset match encoded text at any alignment', () => {
  assert.ok(accepts(compile('x', ['base64'], ['http://']).item, 'aHR0cDovLw=='));
  const offsets = compile('CommandLine', ['base64offset', 'contains'], ['IEX']).item;
  for (const prefix of ['', 'a', 'ab']) {
    const encoded = Buffer.from(`${prefix}IEX (New-Object)`).toString('base64');
    assert.ok(accepts(offsets, `powershell -enc ${encoded}`), `offset ${prefix.length}`);
  }
  assert.ok(!accepts(offsets, Buffer.from('something else').toString('base64')));
});

test('utf16le / wide / utf16be / utf16 encode before base64', () => {
  const wide = compile('x', ['wide', 'base64offset', 'contains'], ['ping']).item;
  const encoded = Buffer.from('cmd /c ping 1.1.1.1', 'utf16le').toString('base64');
  assert.ok(accepts(wide, encoded));
  const be = compile('x', ['utf16be', 'base64'], ['A']).item;
  assert.ok(accepts(be, Buffer.from([0, 0x41]).toString('base64')));
  const bom = compile('x', ['utf16', 'base64'], ['A']).item;
  assert.ok(accepts(bom, Buffer.from([0xff, 0xfe, 0x41, 0]).toString('base64')));
  assert.equal(compile('x', ['base64'], ['a*b']).issues[0]?.reason, 'wildcard-in-encoding');
});

test('windash varies a dash that starts a word, in every combination', () => {
  const item = compile('CommandLine', ['contains', 'windash'], [' -enc ']).item;
  for (const dash of ['-', '/', '\u2013', '\u2014', '\u2015'])
    assert.ok(accepts(item, `powershell ${dash}enc abc`), dash);
  const inner = compile('CommandLine', ['windash'], ['a-b']).item;
  assert.ok(!accepts(inner, 'a/b'), 'a dash inside a word is not an option');
});

test('numbers: plain numbers compare as text, gt/gte/lt/lte numerically', () => {
  assert.ok(accepts(compile('EventID', [], [4688]).item, '4688'));
  assert.ok(accepts(compile('x', ['gt'], [10]).item, '11'));
  assert.ok(!accepts(compile('x', ['gt'], [10]).item, '10'));
  assert.ok(accepts(compile('x', ['gte'], [10]).item, '10'));
  assert.ok(accepts(compile('x', ['lt'], [10]).item, '9.5'));
  assert.ok(!accepts(compile('x', ['lte'], [10]).item, 'ten'));
  assert.equal(compile('x', ['gt'], ['ten']).issues[0]?.reason, 'bad-number');
});

test('time modifiers compare a part of a date', () => {
  assert.ok(accepts(compile('UtcTime', ['hour'], [3]).item, '2024-05-01T03:15:00Z'));
  assert.ok(accepts(compile('UtcTime', ['hour', 'gte'], [20]).item, '2024-05-01T22:00:00Z'));
  assert.ok(accepts(compile('UtcTime', ['week'], [1]).item, '2026-01-01T00:00:00Z'));
  assert.ok(accepts(compile('UtcTime', ['month'], [12]).item, '2025-12-31T23:59:59Z'));
});

test('neq negates the comparison', () => {
  const item = compile('User', ['neq'], ['SYSTEM']).item;
  assert.ok(accepts(item, 'bob'));
  assert.ok(!accepts(item, 'system'));
  assert.equal(item?.needles, null, 'a negated item guarantees no literal');
});

test('null, exists and fieldref produce their own checks', () => {
  assert.equal(compile('Image', [], [null]).item?.check.kind, 'null');
  assert.deepEqual(compile('Image', ['exists'], [true]).item?.check, {
    kind: 'exists',
    present: true,
  });
  assert.equal(compile('Image', ['exists'], ['yes']).issues[0]?.reason, 'bad-exists');
  assert.deepEqual(
    compile('TargetUserName', ['fieldref', 'endswith'], ['SubjectUserName']).item?.check,
    {
      kind: 'fieldref',
      refs: [{ field: 'SubjectUserName', mode: 'suffix', cased: false }],
      all: false,
    },
  );
});

test('expand resolves configured placeholders and rejects unknown ones by name', () => {
  const options = { placeholders: { Admins: ['root', 'adm_*'] } };
  const item = compile('User', ['expand'], ['%Admins%'], options).item;
  assert.ok(accepts(item, 'ROOT'));
  assert.ok(accepts(item, 'adm_bob'));
  assert.ok(!accepts(item, 'bob'));
  const missing = compile('User', ['expand'], ['%DomainControllers%']);
  assert.equal(missing.issues[0]?.reason, 'unresolved-placeholder');
  assert.match(missing.issues[0]?.message ?? '', /DomainControllers/);
  assert.ok(
    accepts(compile('User', [], ['%Admins%']).item, '%admins%'),
    'without expand, % is text',
  );
});

test('unknown modifiers and misplaced type modifiers are reported, all of them', () => {
  const unknown = compile('x', ['contains', 'sometimes', 'often'], ['a']);
  assert.deepEqual(
    unknown.issues.map((i) => [i.reason, i.message]),
    [
      ['unknown-modifier', 'unknown modifier "sometimes"'],
      ['unknown-modifier', 'unknown modifier "often"'],
    ],
  );
  assert.equal(compile('x', ['contains', 're'], ['a']).issues[0]?.reason, 'modifier-order');
});

test('keywords match anywhere in the message; needles exist only when every value has a literal', () => {
  const keyword = compile(null, [], ['mimikatz']).item;
  assert.ok(accepts(keyword, 'ran Mimikatz.exe today'));
  assert.deepEqual(compile('x', ['contains'], ['abc', 'defg']).item?.needles, ['abc', 'defg']);
  assert.equal(compile('x', ['contains'], ['abc', 'de']).item?.needles, null);
});
