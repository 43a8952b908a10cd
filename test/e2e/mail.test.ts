// `chancery mail` as a user runs it: .eml and maildir files ingested with `chancery ingest` are analyzed as
// they are stored; `mail verdicts --json` prints the shape; a weaponized lure to two
// people inside is targeted and raises a mail alert; `mail check` analyzes without storing;
// `mail campaigns` groups the same lure sent to another mission; re-ingest changes nothing.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Alert } from '../../src/core/index.ts';
import type { MailVerdict } from '../../src/detect/mail/analysis.ts';
import { chancery } from '../support/cli.ts';
import { scratchDir } from '../support/ingest.ts';
import { buildMessage } from '../support/mail-builder.ts';
import { containerWeapons, targetedMessage } from '../support/weapons/messages.ts';

const CONFIG = `name: Ministry of Foreign Affairs
domains: [mofa.go.jp]
mail:
  vips: [{ name: Taro Yamada, addresses: [taro.yamada@mofa.go.jp] }]
`;

test('mail from .eml files: verdicts, a targeted alert, check, campaigns, idempotent re-ingest', async () => {
  const data = scratchDir('chancery-mail-');
  writeFileSync(join(data, 'chancery.yaml'), CONFIG);
  const inbox = mkdtempSync(join(tmpdir(), 'chancery-inbox-'));
  const [zipped] = await containerWeapons();
  assert.ok(zipped !== undefined);
  writeFileSync(join(inbox, '1-targeted.eml'), targetedMessage(zipped));
  // A maildir message: no extension, found by its headers.
  mkdirSync(join(inbox, 'Maildir', 'cur'), { recursive: true });
  writeFileSync(
    join(inbox, 'Maildir', 'cur', '1310430000.M1P2.mx1:2,S'),
    buildMessage({
      from: 'Hanako Ito <hanako.ito@mofa.go.jp>',
      to: ['ichiro.sato@mofa.go.jp'],
      subject: 'Lunch on Thursday?',
      headers: ['Return-Path: <hanako.ito@mofa.go.jp>', 'Delivered-To: ichiro.sato@mofa.go.jp'],
      text: 'Shall we try the new place near the ministry?',
    }),
  );
  const first = chancery(data, ['ingest', inbox]);
  assert.equal(first.status, 0, first.stderr);

  const listed = chancery(data, ['mail', 'verdicts', '--json']);
  assert.equal(listed.status, 0, listed.stderr);
  const verdicts = JSON.parse(listed.stdout) as MailVerdict[];
  assert.equal(verdicts.length, 2);
  const targeted = verdicts.find((verdict) => verdict.verdict === 'targeted');
  const colleague = verdicts.find((verdict) => verdict.from === 'hanako.ito@mofa.go.jp');
  assert.equal(colleague?.verdict, 'clean');
  assert.ok(targeted !== undefined, JSON.stringify(verdicts.map((v) => [v.verdict, v.reasons])));
  for (const key of [
    'message_id',
    'verdict',
    'score',
    'reasons',
    'from',
    'to',
    'subject',
    'date',
    'attachments',
  ])
    assert.ok(key in targeted, `${key} in the verdict`);
  assert.equal(targeted.from, 'taro.yamada@mofa-go.jp');
  assert.deepEqual(targeted.to, ['ichiro.sato@mofa.go.jp', 'hanako.ito@mofa.go.jp']);
  assert.equal(targeted.date, '2011-07-12T00:15:00.000Z');
  const exe = targeted.attachments.find(
    (attachment) => attachment.path === 'agenda.zip/agenda.pdf.exe',
  );
  assert.equal(exe?.type, 'pe');
  assert.match(exe?.sha256 ?? '', /^[0-9a-f]{64}$/);
  assert.ok(exe?.findings.some((finding) => finding.code === 'executable-in-archive'));

  const alerts = JSON.parse(
    chancery(data, ['alerts', '--detector', 'mail', '--json']).stdout,
  ) as Alert[];
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0]?.level, 'critical');
  assert.ok(alerts[0]?.observables.some((o) => o.type === 'sha256' && o.value === exe?.sha256));

  const checked = chancery(data, ['mail', 'check', '--json', join(inbox, '1-targeted.eml')]);
  assert.equal(checked.status, 0, checked.stderr);
  assert.equal((JSON.parse(checked.stdout) as MailVerdict[])[0]?.verdict, 'targeted');

  writeFileSync(
    join(inbox, '3-seoul.eml'),
    targetedMessage(zipped, { to: ['consul@mofa.go.jp'], date: 'Wed, 13 Jul 2011 10:00:00 +0900' }),
  );
  assert.equal(chancery(data, ['ingest', inbox]).status, 0);
  const report = JSON.parse(
    chancery(data, ['mail', 'campaigns', '--json', '--until', '2011-07-14T00:00:00Z']).stdout,
  ) as { campaigns: { messages: number; recipients: string[] }[] };
  assert.equal(report.campaigns.length, 1);
  assert.equal(report.campaigns[0]?.messages, 2);
  assert.ok(report.campaigns[0]?.recipients.includes('consul@mofa.go.jp'));
  const after = JSON.parse(chancery(data, ['mail', 'verdicts', '--json']).stdout) as MailVerdict[];
  assert.equal(after.length, 3, 're-ingesting the first two added no verdict');
  assert.equal(
    (JSON.parse(chancery(data, ['alerts', '--detector', 'mail', '--json']).stdout) as Alert[])
      .length,
    2,
  );
});
