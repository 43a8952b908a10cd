// Syslog: RFC 3164 and 5424 headers, structured data escapes, the missing year, bad PRI.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventDraft } from '../../core/index.ts';
import { fixture, readLines } from '../../../test/support/data.ts';
import { ParseFailure } from '../parser.ts';
import { parseSyslogMessage } from './syslog.ts';

const received = new Date('2024-04-20T00:00:00Z');
const parse = (text: string): EventDraft => parseSyslogMessage(text, received) as EventDraft;
const lines = readLines(fixture('syslog', 'messages.log'));

test('RFC 3164 with PRI: facility, severity, host, tag and pid', () => {
  const event = parse(lines[0] ?? '');
  assert.equal(
    event['@timestamp'],
    '2023-10-11T22:14:15.000Z',
    'October is in the past when received in April',
  );
  assert.deepEqual(event.log?.syslog?.facility, { code: 4, name: 'auth' });
  assert.deepEqual(event.log?.syslog?.severity, { code: 2, name: 'critical' });
  assert.equal(event.host?.hostname, 'mymachine');
  assert.deepEqual(event.process, { name: 'su', pid: 123 });
  assert.equal(event.message, "'su root' failed for lonvick on /dev/pts/8");
});

test('RFC 5424 with structured data and escapes', () => {
  const event = parse(lines[1] ?? '');
  assert.equal(event['@timestamp'], '2003-10-11T22:14:15.003Z');
  assert.equal(event.log?.syslog?.appname, 'evntslog');
  assert.equal(event.log?.syslog?.msgid, 'ID47');
  assert.equal(event.log?.syslog?.procid, undefined);
  assert.deepEqual(event.log?.syslog?.structured_data, {
    'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' },
    'examplePriority@32473': { class: 'high', note: 'a "quoted" ] value' },
  });
  assert.equal(event.message, 'An application event log entry');
  const firewall = parse(lines[2] ?? '');
  assert.equal(firewall['@timestamp'], '2024-04-19T00:00:00.000Z');
  assert.deepEqual(firewall.process, { name: 'firewall', pid: 4711 });
});

test('files without PRI: BSD and ISO timestamps', () => {
  const ssh = parse(lines[3] ?? '');
  assert.equal(ssh['@timestamp'], '2024-04-19T09:00:01.000Z');
  assert.equal(ssh.host?.hostname, 'embassy-dc');
  assert.deepEqual(ssh.process, { name: 'sshd', pid: 2222 });
  const cron = parse(lines[4] ?? '');
  assert.equal(cron['@timestamp'], '2024-04-19T00:00:02.123Z');
  assert.equal(cron.process?.name, 'CRON');
});

test('a December message received in January belongs to the previous year', () => {
  const event = parseSyslogMessage(
    '<13>Dec 31 23:59:59 host app: bye',
    new Date('2025-01-01T00:00:05Z'),
  ) as EventDraft;
  assert.equal(event['@timestamp'], '2024-12-31T23:59:59.000Z');
});

test('malformed input is rejected with the reason', () => {
  assert.match(
    (parseSyslogMessage(lines[5] ?? '', received) as ParseFailure).reason,
    /PRI 999 is out of range/,
  );
  assert.match(
    (parseSyslogMessage('just some text', received) as ParseFailure).reason,
    /no syslog header/,
  );
  assert.match((parseSyslogMessage('<1x>oops', received) as ParseFailure).reason, /malformed PRI/);
  assert.equal(parseSyslogMessage('', received), undefined);
});
