// Name findings: decoy extensions, padding, bidi tricks and names that lie about the content.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RTLO_NAME } from '../../../../test/support/weapons/containers.ts';
import { escapeName, nameFindings } from './names.ts';

const codes = (name: string, type?: Parameters<typeof nameFindings>[1]): string[] =>
  nameFindings(name, type).map((finding) => finding.code);

test('a document extension followed by a program extension is a double extension', () => {
  const [finding] = nameFindings('invoice.pdf.exe');
  assert.equal(finding?.code, 'double-extension');
  assert.equal(finding?.kind, 'weaponized');
  assert.match(finding?.reason ?? '', /\.pdf is a decoy for \.exe/);
  assert.deepEqual(codes('report.2026.xlsx'), []);
  assert.deepEqual(codes('v1.2.exe'), ['dangerous-extension']);
});

test('padding spaces and extra dots before the real extension are seen through', () => {
  const spaced = nameFindings('scan.doc                 .scr');
  assert.equal(spaced[0]?.code, 'double-extension');
  assert.match(spaced[0]?.reason ?? '', /hidden behind padding/);
  assert.equal(nameFindings('scan.pdf.....exe')[0]?.code, 'double-extension');
  assert.equal(nameFindings('scan.pdf.exe.  ')[0]?.code, 'double-extension');
});

test('dangerous extensions: programs are weaponized, disk images are evasion', () => {
  const exe = nameFindings('setup.EXE')[0];
  assert.deepEqual([exe?.code, exe?.kind, exe?.weight], ['dangerous-extension', 'weaponized', 0.8]);
  const iso = nameFindings('photos.iso')[0];
  assert.deepEqual([iso?.code, iso?.kind], ['dangerous-extension', 'evasion']);
  for (const name of ['a.one', 'a.lnk', 'a.hta', 'a.vhdx', 'a.url', 'a.cpl']) {
    assert.deepEqual(codes(name), ['dangerous-extension'], name);
  }
  assert.deepEqual(codes('minutes.docx'), []);
});

test('a right-to-left override is reported with the name escaped', () => {
  const findings = nameFindings(RTLO_NAME);
  assert.deepEqual(
    findings.map((finding) => finding.code),
    ['rtlo-in-name', 'dangerous-extension'],
  );
  assert.match(findings[0]?.reason ?? '', /invoice_\\u202Efdp\.exe/);
  assert.ok(!(findings[0]?.reason ?? '').includes('\u202E'));
});

test('zero-width and other invisible characters are evasion', () => {
  const findings = nameFindings('pay\u200Broll.pdf');
  assert.deepEqual(
    findings.map((finding) => finding.code),
    ['invisible-char-in-name'],
  );
  assert.match(findings[0]?.reason ?? '', /pay\\u200Broll\.pdf/);
  // Hidden inside the extension, the invisible character must not hide it from us.
  assert.deepEqual(codes('a.pdf.e\u00ADxe'), ['invisible-char-in-name', 'double-extension']);
  assert.equal(escapeName('a\u2066b\uFEFF'), 'a\\u2066b\\uFEFF');
});

test('a document name over program content is a disguised executable', () => {
  const [finding] = nameFindings('invoice.pdf', 'pe');
  assert.deepEqual(
    [finding?.code, finding?.kind, finding?.weight],
    ['executable-disguised', 'weaponized', 0.95],
  );
  assert.deepEqual(codes('photo.jpg', 'lnk'), ['executable-disguised']);
  assert.deepEqual(codes('order.doc', 'rtf'), []);
  assert.deepEqual(codes('order.pdf', 'zip'), ['extension-mismatch']);
  assert.deepEqual(codes('order.pdf', 'pdf'), []);
  // A structured format's name over text or unrecognised bytes is a decoy; a .doc may be text.
  assert.deepEqual(codes('order.pdf', 'unknown'), ['extension-mismatch']);
  assert.deepEqual(codes('order.pdf', 'text'), ['extension-mismatch']);
  assert.deepEqual(codes('order.doc', 'text'), []);
  assert.deepEqual(codes('blob.bin', 'pe'), []);
});

test('profiles, protected messages and invitations say what they do', () => {
  assert.deepEqual(codes('email-acme.mobileconfig', 'unknown'), ['configuration-profile']);
  assert.deepEqual(codes('message_v2.rpmsg', 'unknown'), ['protected-message']);
  assert.deepEqual(codes('invite.ics', 'text'), ['calendar-invitation']);
  assert.equal(nameFindings('a.mobileconfig')[0]?.kind, 'weaponized');
});
