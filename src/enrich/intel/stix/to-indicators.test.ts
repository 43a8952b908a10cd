import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePattern } from './pattern/evaluate.ts';
import { patternToIndicators, type DraftIndicator } from './to-indicators.ts';

function indicators(text: string): DraftIndicator[] {
  const conversion = patternToIndicators(text);
  assert.deepEqual(conversion.problems, [], text);
  return conversion.indicators;
}

function only(text: string): DraftIndicator {
  const [first, ...rest] = indicators(text);
  assert.equal(rest.length, 0, text);
  assert.ok(first, text);
  return first;
}

function problems(text: string): string[] {
  const conversion = patternToIndicators(text);
  assert.deepEqual(conversion.indicators, [], text);
  return conversion.problems;
}

test('= on each supported path becomes one typed, normalized indicator', () => {
  const cases: [string, string, string][] = [
    ["[ipv4-addr:value = '198.51.100.1']", 'ipv4', '198.51.100.1'],
    ["[ipv4-addr:value = '198.51.100.0/24']", 'cidr', '198.51.100.0/24'],
    ["[ipv4-addr:value = '198.51.100.1/32']", 'ipv4', '198.51.100.1'],
    ["[ipv6-addr:value = '2001:DB8:0:0::1']", 'ipv6', '2001:db8::1'],
    ["[network-traffic:dst_ref.value = '203.0.113.5']", 'ipv4', '203.0.113.5'],
    ["[network-traffic:src_ref.value = '203.0.113.6']", 'ipv4', '203.0.113.6'],
    ["[network-traffic:dst_ref.value = 'C2.Example.net']", 'domain', 'c2.example.net'],
    ["[domain-name:value = 'Evil.Example.']", 'domain', 'evil.example'],
    ["[url:value = 'HTTP://Evil.Example/Path']", 'url', 'http://evil.example/Path'],
    ["[email-addr:value = 'Boss@Example.COM']", 'email', 'boss@example.com'],
    ["[email-message:from_ref.value = 'a@example.com']", 'email', 'a@example.com'],
    ["[email-message:sender_ref.value = 'b@example.com']", 'email', 'b@example.com'],
    [
      "[file:hashes.MD5 = 'D41D8CD98F00B204E9800998ECF8427E']",
      'md5',
      'd41d8cd98f00b204e9800998ecf8427e',
    ],
    [
      "[file:hashes.md5 = 'd41d8cd98f00b204e9800998ecf8427e']",
      'md5',
      'd41d8cd98f00b204e9800998ecf8427e',
    ],
    [
      "[file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']",
      'sha1',
      'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    ],
    [
      "[file:hashes.SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']",
      'sha1',
      'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    ],
    [
      "[file:hashes.SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']",
      'sha256',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ],
    [
      "[x509-certificate:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']",
      'sha256',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ],
    [
      "[file:hashes.MD5 = h'D41D8CD98F00B204E9800998ECF8427E']",
      'md5',
      'd41d8cd98f00b204e9800998ecf8427e',
    ],
    ["[file:name = 'C:\\\\Users\\\\x\\\\Invoice.EXE']", 'filename', 'invoice.exe'],
  ];
  for (const [text, type, value] of cases) assert.deepEqual(only(text), { type, value }, text);
  const sha512 = `[file:hashes.'SHA-512' = '${'ab'.repeat(64)}']`;
  assert.deepEqual(only(sha512), { type: 'sha512', value: 'ab'.repeat(64) });
});

test('IN gives one indicator per value; OR branches each their own', () => {
  assert.deepEqual(indicators("[ipv4-addr:value IN ('192.0.2.1', '192.0.2.2')]"), [
    { type: 'ipv4', value: '192.0.2.1' },
    { type: 'ipv4', value: '192.0.2.2' },
  ]);
  assert.deepEqual(
    indicators(
      "[domain-name:value = 'a.example' OR ipv4-addr:value = '192.0.2.3'] OR [url:value = 'http://b.example/x']",
    ),
    [
      { type: 'domain', value: 'a.example' },
      { type: 'ipv4', value: '192.0.2.3' },
      { type: 'url', value: 'http://b.example/x' },
    ],
  );
});

test('ISSUBSET on an address is a range; LIKE %.domain is the domain with its subdomains', () => {
  assert.deepEqual(only("[ipv4-addr:value ISSUBSET '10.0.0.0/8']"), {
    type: 'cidr',
    value: '10.0.0.0/8',
  });
  assert.deepEqual(only("[domain-name:value LIKE '%.Evil.com']"), {
    type: 'domain',
    value: 'evil.com',
  });
  assert.deepEqual(only("[domain-name:value LIKE 'exact.example']"), {
    type: 'domain',
    value: 'exact.example',
  });
});

test('an AND of = on one object indexes the most specific value and requires the rest', () => {
  assert.deepEqual(
    only("[file:name = '~tmp.doc' AND file:hashes.MD5 = 'e6ad959a18725954a56a7954d3f47671']"),
    {
      type: 'md5',
      value: 'e6ad959a18725954a56a7954d3f47671',
      requires: [{ type: 'filename', value: '~tmp.doc' }],
    },
  );
  assert.deepEqual(
    only(
      "[domain-name:value = 'viters.org' AND domain-name:resolves_to_refs[*].value = '89.187.150.44']",
    ),
    { type: 'ipv4', value: '89.187.150.44', requires: [{ type: 'domain', value: 'viters.org' }] },
  );
  // The type test is implied by the address it accompanies.
  assert.deepEqual(
    only(
      "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '59.188.12.123']",
    ),
    { type: 'ipv4', value: '59.188.12.123' },
  );
});

test('what one event can satisfy but one value cannot express becomes a pattern indicator', () => {
  const cases = [
    "[url:value MATCHES '^https?://x']",
    "[domain-name:value LIKE 'mail.%']",
    "[ipv4-addr:value != '10.0.0.1']",
    "[file:name NOT = 'a.exe']",
    "[domain-name:value = 'a.example' AND url:value = 'http://b.example/']",
    "[file:name = 'a.exe' AND (file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e' OR file:hashes.MD5 = '0cc175b9c0f1b6a831c399e269772661')]",
    "[network-traffic:dst_ref.type = 'ipv6-addr' AND network-traffic:dst_ref.value = '192.0.2.1']",
  ];
  for (const text of cases) {
    const indicator = only(text);
    assert.equal(indicator.type, 'pattern', text);
    assert.equal(typeof compilePattern(indicator.value), 'function', indicator.value);
  }
  assert.deepEqual(only("[ url:value  MATCHES '^https?://x' ]"), {
    type: 'pattern',
    value: "[url:value MATCHES '^https?://x']",
  });
});

test('each part that needs several events or other telemetry is reported, never dropped', () => {
  assert.deepEqual(problems("[url:value = 'http://a/'] FOLLOWEDBY [url:value = 'http://b/']"), [
    'pattern joins observations with FOLLOWEDBY: needs a sequence of events, not supported',
  ]);
  assert.match(
    problems("[url:value = 'http://a/'] AND [url:value = 'http://b/']")[0] ?? '',
    /with AND: needs several events/,
  );
  assert.match(
    problems("[url:value = 'http://a/'] WITHIN 60 SECONDS")[0] ?? '',
    /WITHIN 60 SECONDS/,
  );
  assert.match(problems("[url:value = 'http://a/'] REPEATS 2 TIMES")[0] ?? '', /REPEATS 2 TIMES/);
  assert.match(
    problems(
      "[url:value = 'http://a/'] START t'2024-01-01T00:00:00Z' STOP t'2024-02-01T00:00:00Z'",
    )[0] ?? '',
    /START\/STOP/,
  );
  for (const path of [
    "windows-registry-key:key = 'HKLM\\\\Run'",
    "process:name = 'x.exe'",
    "mutex:name = 'Global\\\\x'",
    "artifact:payload_bin = b'AAEC'",
    'autonomous-system:number = 64500',
    "file:hashes.SSDEEP = '3:a:b'",
    "email-message:subject = 'Invoice'",
  ]) {
    const name = path.slice(0, path.indexOf(' '));
    assert.deepEqual(problems(`[${path}]`), [`no telemetry of ours carries ${name}`], path);
  }
});

test('an OR keeps its good branches and reports the bad ones', () => {
  const conversion = patternToIndicators(
    "[domain-name:value = 'domain autuo.xicp.net' OR ipv4-addr:value = '60.10.1.115'] OR ([a:b = '1'] FOLLOWEDBY [a:c = '2'])",
  );
  assert.deepEqual(conversion.indicators, [{ type: 'ipv4', value: '60.10.1.115' }]);
  assert.equal(conversion.problems.length, 2);
  assert.match(conversion.problems[0] ?? '', /not a domain name: domain autuo\.xicp\.net/);
  assert.match(conversion.problems[1] ?? '', /FOLLOWEDBY/);
});

test('syntax errors are reported with their column', () => {
  assert.deepEqual(problems("[file:name = 'a' OR]"), [
    "unsupported pattern syntax: expected an object type such as file or ipv4-addr but found ']' at column 20",
  ]);
});
