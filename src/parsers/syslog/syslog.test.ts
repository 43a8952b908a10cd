// Syslog: RFC 3164 and 5424 headers, structured data escapes, NILVALUEs, BOMs, the missing year,
// bad PRI, and detection against other text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventDraft } from '../../core/index.ts';
import { fixture, readLines } from '../../../test/support/data.ts';
import { ParseFailure } from '../parser.ts';
import { parseSyslogMessage, syslogFormat } from './syslog.ts';

const received = new Date('2024-04-20T00:00:00Z');
const parse = (text: string): EventDraft => {
  const outcome = parseSyslogMessage(text, received);
  assert.ok(
    outcome !== undefined && !(outcome instanceof ParseFailure),
    `not parsed: ${outcome instanceof ParseFailure ? outcome.reason : 'undefined'}`,
  );
  return outcome;
};
const reason = (text: string): string =>
  (parseSyslogMessage(text, received) as ParseFailure).reason;
const lines = readLines(fixture('syslog', 'messages.log'));
const variants = readLines(fixture('syslog', 'variants.log'));

test('RFC 3164 with PRI: facility, severity, host, tag and pid', () => {
  const event = parse(lines[0] ?? '');
  assert.deepEqual(event, {
    '@timestamp': '2023-10-11T22:14:15.000Z',
    event: { kind: 'event', dataset: 'syslog.log', module: 'syslog', original: lines[0] },
    message: "'su root' failed for lonvick on /dev/pts/8",
    host: { hostname: 'mymachine' },
    process: { name: 'su', pid: 123 },
    log: {
      level: 'critical',
      syslog: {
        priority: 34,
        facility: { code: 4, name: 'auth' },
        severity: { code: 2, name: 'critical' },
        hostname: 'mymachine',
        appname: 'su',
        procid: '123',
      },
    },
  });
});

test('RFC 5424 with structured data and escapes', () => {
  const event = parse(lines[1] ?? '');
  assert.equal(event['@timestamp'], '2003-10-11T22:14:15.003Z');
  assert.equal(event.log?.syslog?.version, '1');
  assert.equal(event.log?.syslog?.priority, 165);
  assert.deepEqual(event.log?.syslog?.facility, { code: 20, name: 'local4' });
  assert.deepEqual(event.log?.syslog?.severity, { code: 5, name: 'notice' });
  assert.equal(event.log?.syslog?.appname, 'evntslog');
  assert.equal(event.log?.syslog?.msgid, 'ID47');
  assert.equal(event.log?.syslog?.procid, undefined);
  assert.deepEqual(event.log?.syslog?.structured_data, {
    'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' },
    'examplePriority@32473': { class: 'high', note: 'a "quoted" ] value' },
  });
  assert.equal(event.message, 'An application event log entry');
  assert.deepEqual(event.process, { name: 'evntslog' });
  const firewall = parse(lines[2] ?? '');
  assert.equal(firewall['@timestamp'], '2024-04-19T00:00:00.000Z');
  assert.deepEqual(firewall.process, { name: 'firewall', pid: 4711 });
  assert.equal(firewall.host?.hostname, 'fw-beijing');
});

test('RFC 5424: NILVALUEs, offsets, microseconds, BOM and backslashes that are not escapes', () => {
  const donuts = parse(variants[0] ?? '');
  assert.equal(donuts['@timestamp'], '2003-08-24T12:14:15.000Z');
  assert.equal(donuts.host?.hostname, '192.0.2.1');
  assert.deepEqual(donuts.process, { name: 'myproc', pid: 8710 });
  assert.equal(donuts.message, "%% It's time to make the do-nuts.");
  assert.equal(donuts.log?.syslog?.structured_data, undefined);

  const nil = parseSyslogMessage(variants[1] ?? '', new Date('2024-04-19T01:02:03.456Z'));
  assert.deepEqual(nil, {
    '@timestamp': '2024-04-19T01:02:03.456Z',
    event: { kind: 'event', dataset: 'syslog.log', module: 'syslog', original: variants[1] },
    log: {
      level: 'informational',
      syslog: {
        priority: 14,
        facility: { code: 1, name: 'user' },
        severity: { code: 6, name: 'informational' },
        version: '1',
      },
    },
  });

  const vpn = parse(variants[2] ?? '');
  assert.deepEqual(vpn.log?.syslog?.structured_data, {
    meta: { path: 'C:\\temp\\x', raw: 'a\\b]c', other: '\\n stays', q: 'say "hi"' },
    origin: { ip: '10.20.1.1' },
  });
  assert.equal(vpn.message, 'Login ok for tanaka', 'the BOM before MSG is dropped');
  assert.equal(vpn.log?.syslog?.msgid, 'AUTH');
  assert.equal(
    reason(variants[9] ?? ''),
    'malformed structured data: element [unterminated is not closed',
  );
  assert.match(reason('<14>1 - h a - - [id x="1]'), /unterminated value of x$/);
  assert.match(reason('<14>1 - h a - - [id x=1]'), /expected name="value" in \[id$/);
  assert.match(reason('<14>1 - h a - - nothing'), /expected structured data or "-"/);
  assert.match(reason('<14>1 2024-04-19T00:00:05Z host'), /header incomplete/);
  assert.match(reason('<14>1 2024-13-45T00:00:05Z h a - - -'), /is not a date/);
});

test('RFC 3164 variants: Cisco year, devices without tag pid, kernel, journal offsets', () => {
  const asa = parse(variants[3] ?? '');
  assert.equal(asa['@timestamp'], '2024-04-19T09:00:06.000Z');
  assert.equal(asa.host, undefined);
  assert.equal(asa.process?.name, '%ASA-6-302013');
  assert.equal(asa.message, 'Built outbound TCP connection');

  const router = parse(variants[4] ?? '');
  assert.equal(router['@timestamp'], '2024-04-09T09:00:07.000Z');
  assert.equal(router.host?.hostname, '10.20.0.1');
  assert.equal(router.log?.syslog?.severity?.name, 'notice');
  assert.deepEqual(router.log?.syslog?.facility, { code: 23, name: 'local7' });

  const kernel = parse(variants[5] ?? '');
  assert.equal(kernel.process?.name, 'kernel');
  assert.equal(kernel.message, '[12345.678901] usb 1-1: new high-speed USB device');
  assert.equal(kernel.log?.level, undefined, 'no PRI, no level');

  const journal = parse(variants[6] ?? '');
  assert.equal(journal['@timestamp'], '2024-04-19T00:00:09.000Z');
  assert.deepEqual(journal.process, { name: 'systemd', pid: 1 });

  const bare = parse(variants[8] ?? '');
  assert.equal(bare['@timestamp'], '2024-04-20T00:00:00.000Z', 'no time: the receive time');
  assert.deepEqual(bare.process, { name: 'app-only', pid: 77 });
  assert.equal(bare.message, 'no time, no host');

  const untagged = parse('Apr 19 09:00:10 host just words here');
  assert.equal(untagged.host?.hostname, 'host');
  assert.equal(untagged.process, undefined);
  assert.equal(untagged.message, 'just words here');
});

test('files without PRI: BSD and ISO timestamps', () => {
  const ssh = parse(lines[3] ?? '');
  assert.equal(ssh['@timestamp'], '2024-04-19T09:00:01.000Z');
  assert.equal(ssh.host?.hostname, 'embassy-dc');
  assert.deepEqual(ssh.process, { name: 'sshd', pid: 2222 });
  assert.equal(ssh.log?.syslog?.priority, undefined);
  const cron = parse(lines[4] ?? '');
  assert.equal(cron['@timestamp'], '2024-04-19T00:00:02.123Z');
  assert.equal(cron.process?.name, 'CRON');
  assert.equal(cron.message, '(root) CMD (run-parts /etc/cron.hourly)');
});

test('the year RFC 3164 leaves out comes from the receive time', () => {
  const at = (text: string, when: string): string =>
    (parseSyslogMessage(text, new Date(when)) as EventDraft)['@timestamp'];
  assert.equal(
    at('<13>Dec 31 23:59:59 host app: bye', '2025-01-01T00:00:05Z'),
    '2024-12-31T23:59:59.000Z',
  );
  assert.equal(
    at('<13>Jan  1 00:00:01 host app: hi', '2024-12-31T23:59:58Z'),
    '2025-01-01T00:00:01.000Z',
  );
  assert.equal(
    at('<13>Mar  5 10:00:00 host app: x', '2024-04-20T00:00:00Z'),
    '2024-03-05T10:00:00.000Z',
  );
  assert.equal(
    at('<13>Oct 11 22:14:15 host app: x', '2024-04-20T00:00:00Z'),
    '2023-10-11T22:14:15.000Z',
  );
  assert.equal(
    at('<13>Feb 29 12:00:00 host app: x', '2024-03-01T00:00:00Z'),
    '2024-02-29T12:00:00.000Z',
  );
});

test('malformed input is rejected with the reason; blank lines are nothing', () => {
  assert.equal(reason(lines[5] ?? ''), 'PRI 999 is out of range (0-191)');
  assert.match(reason(variants[7] ?? ''), /^no syslog header/);
  assert.match(reason('just some text'), /^no syslog header/);
  assert.equal(reason('<1x>oops'), 'malformed PRI: expected <0-191> at the start');
  assert.equal(reason('<>oops'), 'malformed PRI: expected <0-191> at the start');
  assert.equal(reason('<1234>oops'), 'malformed PRI: expected <0-191> at the start');
  assert.equal(parseSyslogMessage('', received), undefined);
  assert.equal(parseSyslogMessage('\r\n', received), undefined);
  // A datagram's trailing newline and NUL are not part of the message.
  assert.equal(parse('<13>Apr 19 09:00:01 host app: hi\n\u0000').message, 'hi');
});

test('detection: syslog files and datagrams, not JSON, Zeek or application logs', () => {
  const detect = (...sample: string[]): number =>
    syslogFormat.detect({ fileName: '', lines: sample, head: new Uint8Array() });
  assert.equal(detect(...lines), 0.9);
  assert.equal(detect(lines[0] ?? '', lines[1] ?? '', lines[2] ?? ''), 0.9);
  assert.equal(detect(lines[3] ?? '', 'Apr 19 09:00:02 embassy-dc sshd[1]: x'), 0.8);
  assert.equal(detect(lines[4] ?? '', variants[6] ?? ''), 0.7);
  assert.equal(
    detect('2024-04-19T09:00:00Z INFO server started', '2024-04-19T09:00:01Z INFO ok'),
    0,
  );
  assert.equal(detect('{"ts":1}'), 0);
  assert.equal(detect('#separator \\x09', '1713484800.1\tCx\t10.0.0.1'), 0);
  assert.equal(detect('just some notes', 'not telemetry'), 0);
  assert.equal(detect(), 0);
});
