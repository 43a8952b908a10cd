import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventValue } from '../../../../core/index.ts';
import { compilePattern, type CompiledPattern } from './evaluate.ts';

function compile(text: string): CompiledPattern {
  const compiled = compilePattern(text);
  if (typeof compiled !== 'function') assert.fail(`${text}: ${compiled.error}`);
  return compiled;
}

function compileError(text: string): string {
  const compiled = compilePattern(text);
  if (typeof compiled === 'function') assert.fail(`${text} compiled, but must not`);
  return compiled.error;
}

function value(type: EventValue['type'], text: string, role = 'any'): EventValue {
  return { type, value: text, role, field: `test.${role}` };
}

const connection = [
  value('ipv4', '10.1.2.3', 'source'),
  value('ipv4', '203.0.113.9', 'destination'),
  value('domain', 'cdn.evil.example', 'destination'),
  value('url', 'https://cdn.evil.example/Payload.EXE?id=1', 'request'),
];

test('= normalizes the literal as the value type is normalized', () => {
  assert.equal(compile("[domain-name:value = 'CDN.Evil.Example.']")(connection), true);
  assert.equal(
    compile("[url:value = 'HTTPS://CDN.EVIL.EXAMPLE:443/Payload.EXE?id=1']")(connection),
    true,
  );
  assert.equal(
    compile("[url:value = 'https://cdn.evil.example/payload.exe?id=1']")(connection),
    false,
  );
  assert.equal(
    compile("[file:hashes.'SHA-1' = 'A94A8FE5CCB19BA61C4C0873D391E987982FBBD3']")([
      value('sha1', 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3', 'file'),
    ]),
    true,
  );
});

test('network-traffic refs match only values in that role', () => {
  assert.equal(compile("[network-traffic:dst_ref.value = '203.0.113.9']")(connection), true);
  assert.equal(compile("[network-traffic:src_ref.value = '203.0.113.9']")(connection), false);
  assert.equal(compile("[network-traffic:dst_ref.value = 'cdn.evil.example']")(connection), true);
  const typed = compile(
    "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.9']",
  );
  assert.equal(typed(connection), true);
  assert.equal(compile("[network-traffic:dst_ref.type = 'ipv6-addr']")(connection), false);
});

test('IN matches any listed value; an address range literal matches inside it', () => {
  assert.equal(compile("[ipv4-addr:value IN ('192.0.2.1', '203.0.113.9')]")(connection), true);
  assert.equal(compile("[ipv4-addr:value IN ('192.0.2.1', '192.0.2.2')]")(connection), false);
  assert.equal(compile("[ipv4-addr:value = '203.0.113.0/24']")(connection), true);
});

test('ISSUBSET is CIDR containment; ISSUPERSET holds only for that very address', () => {
  assert.equal(compile("[ipv4-addr:value ISSUBSET '10.0.0.0/8']")(connection), true);
  assert.equal(compile("[ipv4-addr:value ISSUBSET '172.16.0.0/12']")(connection), false);
  assert.equal(
    compile("[ipv6-addr:value ISSUBSET '2001:db8::/32']")([value('ipv6', '2001:db8:0:1::5')]),
    true,
  );
  assert.equal(compile("[ipv4-addr:value ISSUPERSET '10.1.2.3/32']")(connection), true);
  assert.equal(compile("[ipv4-addr:value ISSUPERSET '10.1.2.0/24']")(connection), false);
  assert.match(compileError("[domain-name:value ISSUBSET '10.0.0.0/8']"), /IP addresses only/);
});

test('LIKE: % any run, _ one character, anchored, the rest literal', () => {
  assert.equal(compile("[domain-name:value LIKE '%.evil.example']")(connection), true);
  assert.equal(compile("[domain-name:value LIKE 'cd_.evil.example']")(connection), true);
  assert.equal(compile("[domain-name:value LIKE 'evil.example']")(connection), false);
  // The dot is literal: `cdnXevil` must not match `cdn.evil`.
  assert.equal(
    compile("[domain-name:value LIKE 'cdn.evil%']")([value('domain', 'cdnxevil.example')]),
    false,
  );
  // URL paths keep their case, so LIKE on a URL is case-sensitive.
  assert.equal(compile("[url:value LIKE '%/Payload.EXE%']")(connection), true);
  assert.equal(compile("[url:value LIKE '%/payload.exe%']")(connection), false);
});

test('MATCHES is an unanchored regex search; PCRE-only syntax is refused with a reason', () => {
  assert.equal(compile("[url:value MATCHES '^https?://cdn\\\\.evil']")(connection), true);
  assert.equal(compile("[url:value MATCHES 'Payload\\\\.EXE']")(connection), true);
  assert.equal(compile("[url:value MATCHES '^ftp://']")(connection), false);
  assert.equal(compile("[url:value MATCHES '(?i)payload\\\\.exe']")(connection), true);
  // Domains are kept in lower case, so a regex written in capitals still finds them.
  assert.equal(compile("[domain-name:value MATCHES 'EVIL\\\\.EXAMPLE$']")(connection), true);
  assert.match(compileError("[url:value MATCHES '\\\\Ahttp']"), /PCRE-only escape/);
  assert.match(compileError("[url:value MATCHES '(?>a+)b']"), /atomic group/);
  assert.match(compileError("[url:value MATCHES '(']"), /does not compile/);
});

test('!= and NOT hold when some value of the type differs, never without one', () => {
  assert.equal(compile("[ipv4-addr:value != '10.1.2.3']")(connection), true);
  assert.equal(compile("[ipv4-addr:value != '10.1.2.3']")([value('ipv4', '10.1.2.3')]), false);
  assert.equal(compile("[file:name != 'a.exe']")(connection), false);
  assert.equal(compile("[domain-name:value NOT LIKE '%.example']")(connection), false);
  assert.equal(compile("[domain-name:value NOT LIKE '%.test']")(connection), true);
});

test('EXISTS and NOT EXISTS', () => {
  assert.equal(compile('[EXISTS url:value]')(connection), true);
  assert.equal(compile('[NOT EXISTS file:name]')(connection), true);
  assert.equal(compile('[NOT EXISTS domain-name:value]')(connection), false);
});

test('AND needs every comparison, OR any; OR between observations is one event too', () => {
  const both = compile("[domain-name:value = 'cdn.evil.example' AND url:value LIKE 'https://%']");
  assert.equal(both(connection), true);
  assert.equal(both(connection.slice(0, 3)), false);
  const either = compile("[file:name = 'x.exe' OR domain-name:value = 'cdn.evil.example']");
  assert.equal(either(connection), true);
  const observations = compile("[file:name = 'x.exe'] OR [ipv4-addr:value = '203.0.113.9']");
  assert.equal(observations(connection), true);
  assert.equal(observations([value('ipv4', '192.0.2.1')]), false);
});

test('a mail: sender role and attachment names', () => {
  const mail = [
    value('email', 'billing@lure.example', 'sender'),
    value('email', 'clerk@ministry.example', 'recipient'),
    value('filename', 'final report q3.exe', 'attachment'),
  ];
  assert.equal(compile("[email-message:from_ref.value = 'Billing@Lure.Example']")(mail), true);
  assert.equal(compile("[email-message:from_ref.value = 'clerk@ministry.example']")(mail), false);
  assert.equal(
    compile(
      "[email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
    )(mail),
    true,
  );
});

test('several events or unknown telemetry cannot compile, each with its reason', () => {
  assert.match(compileError("[a:b = '1'] FOLLOWEDBY [a:c = '2']"), /FOLLOWEDBY: needs a sequence/);
  assert.match(compileError("[url:value = 'http://a/'] AND [url:value = 'http://b/']"), /with AND/);
  assert.match(
    compileError("[url:value = 'http://a/'] REPEATS 3 TIMES"),
    /REPEATS 3 TIMES: needs 3 events/,
  );
  assert.match(
    compileError("[windows-registry-key:key = 'x']"),
    /no telemetry of ours carries windows-registry-key:key/,
  );
  assert.match(compileError('[file:size > 10]'), /no telemetry of ours carries file:size/);
  assert.match(compileError("[file:name > 'a']"), /not ordered/);
  assert.match(compileError("[domain-name:value = 'not a domain']"), /not a domain name/);
  assert.match(compileError("[file:name = 'a'"), /^unsupported pattern syntax: .* at column 17$/);
});
