// HTML smuggling pages, their decoded payloads, credential forms, and ordinary HTML left alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  buildZip,
  credentialHtml,
  minimalPe,
  smugglingHtml,
} from '../../../../test/support/weapons/containers.ts';
import { base64Literals, inspectHtml } from './html-smuggling.ts';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const options = { maxBytes: 1024 * 1024 };

test('a Blob download page is smuggling and its base64 payload comes back as a child', async () => {
  const zip = await buildZip([{ name: 'invoice.exe', bytes: minimalPe(4096) }]);
  const result = inspectHtml(text(smugglingHtml(zip, 'invoice.zip')), options);
  assert.deepEqual(
    result.findings.map((finding) => [finding.code, finding.kind]),
    [
      ['html-smuggling', 'weaponized'],
      ['html-embedded-payload', 'weaponized'],
    ],
  );
  assert.match(
    result.findings[0]?.reason ?? '',
    /new Blob\(.*msSaveOrOpenBlob.*URL\.createObjectURL/,
  );
  assert.equal(result.children[0]?.name, 'smuggled-1.bin');
  assert.deepEqual(result.children[0]?.bytes, zip);
});

test('a literal split across string concatenations is glued back together', () => {
  const payload = Buffer.from(minimalPe(2048)).toString('base64');
  const split = payload.match(/.{1,100}/g)?.join('" +\n    "') ?? '';
  const page = `<html><script>var d = atob("${split}"); var b = new Blob([d]);</script></html>`;
  const literals = base64Literals(page);
  assert.equal(literals.length, 1);
  assert.equal(literals[0], payload);
  assert.deepEqual(inspectHtml(text(page), options).children[0]?.bytes, minimalPe(2048));
});

test('inline images and short strings are not payloads', () => {
  const image = Buffer.alloc(3000, 7).toString('base64');
  const page = `<html><img src="data:image/png;base64,${image}"><script>atob("aGVsbG8=")</script></html>`;
  const result = inspectHtml(text(page), options);
  assert.deepEqual(result.findings, []);
  assert.deepEqual(result.children, []);
});

test('decoded payloads respect the byte budget', async () => {
  const zip = await buildZip([
    { name: 'a.bin', bytes: new Uint8Array(4000).map((_, i) => (i * 7919) % 251) },
  ]);
  const result = inspectHtml(text(smugglingHtml(zip, 'a.zip')), { maxBytes: 100 });
  assert.deepEqual(result.children, []);
  assert.deepEqual(
    result.findings.map((finding) => finding.code),
    ['html-smuggling'],
  );
});

test('a password form posting to another site is context, not a weapon', () => {
  const result = inspectHtml(
    text(credentialHtml('https://login-micros0ft.example/collect.php')),
    options,
  );
  assert.deepEqual(
    result.findings.map((finding) => [finding.code, finding.weight, finding.kind]),
    [['credential-form', 0.5, undefined]],
  );
  assert.match(result.findings[0]?.reason ?? '', /login-micros0ft\.example/);
  const local = inspectHtml(text('<form action="/search"><input type="text"></form>'), options);
  assert.deepEqual(local.findings, []);
});

test('pages written by decoding script, and pages that redirect at once, are reported', () => {
  const hidden = `<script>document.write(unescape("${encodeURIComponent('<html><body>Sign in</body></html>')}"))</script>`;
  assert.deepEqual(
    inspectHtml(text(hidden), options).findings.map((finding) => [finding.code, finding.kind]),
    [['html-obfuscated-script', 'evasion']],
  );
  const meta = inspectHtml(
    text(
      '<html><head><meta http-equiv="refresh" content="0; url=https://kit.example/o365"></head></html>',
    ),
    options,
  );
  assert.deepEqual(
    meta.findings.map((finding) => finding.code),
    ['html-redirect'],
  );
  assert.match(meta.findings[0]?.reason ?? '', /kit\.example\/o365/);
  const script = inspectHtml(
    text('<script>window.location.href = "https://kit.example/a";</script>'),
    options,
  );
  assert.deepEqual(
    script.findings.map((finding) => finding.code),
    ['html-redirect'],
  );
  assert.deepEqual(
    inspectHtml(text('<p>See <a href="https://example.org">the site</a>.</p>'), options).findings,
    [],
  );
});
