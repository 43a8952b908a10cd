// Escalation and notification texts: the subject says what is due and when, the body carries the
// essentials, the payload has the documented shape, and attacker-chosen text cannot add lines.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fullIncident } from '../report/incident-fixture.ts';
import { escalationMessage, notificationMessage } from './messages.ts';

const DUE = Date.parse('2026-03-01T12:20:00Z');
const MINUTE = 60_000;

describe('escalationMessage', () => {
  it('says when the report is due and how long is left', () => {
    const message = escalationMessage(fullIncident(), 'warning', DUE - 15 * MINUTE);
    assert.equal(
      message.subject,
      '[Chancery] INC-0123456789ab level 4 (severe): report to the authority due 12:20 UTC (in 15 min)',
    );
  });

  it('says since when the report is overdue', () => {
    const message = escalationMessage(fullIncident(), 'overdue', DUE + 15 * MINUTE);
    assert.equal(
      message.subject,
      '[Chancery] INC-0123456789ab level 4 (severe): report to the authority overdue since 12:20 UTC (15 min ago)',
    );
    assert.match(message.text, /^The report to the authority is overdue/);
  });

  it('gives the date too when the deadline is on another day', () => {
    const message = escalationMessage(fullIncident(), 'warning', DUE - 13 * 60 * MINUTE);
    assert.match(message.subject, /due 2026-03-01 12:20 UTC \(in 13 h\)$/);
  });

  it('carries sites, hosts, category, reasons, deadline and the link in the body', () => {
    const { text } = escalationMessage(fullIncident(), 'warning', DUE - 15 * MINUTE, {
      consoleUrl: 'https://chancery.example/',
    });
    assert.match(text, /Sites \(2\): osaka, tokyo/);
    assert.match(text, /Hosts \(3\): 10\.1\.2\.14, ws-osa-003, ws-tky-014/);
    assert.match(text, /category targeted-mail/);
    assert.match(text, /- Targeted: the sender domain is a lookalike/);
    assert.match(text, /Report to the authority due: 2026-03-01 12:20 UTC/);
    assert.match(text, /Open: https:\/\/chancery\.example\/incidents\/INC-0123456789ab/);
  });

  it('builds the escalation payload in the documented shape', () => {
    const now = DUE - 15 * MINUTE;
    const { payload } = escalationMessage(fullIncident(), 'warning', now);
    assert.deepEqual(JSON.parse(JSON.stringify(payload)), {
      type: 'incident.escalation',
      sent_at: new Date(now).toISOString(),
      incident: {
        id: 'INC-0123456789ab',
        title: 'Targeted mail with macro document at two sites',
        status: 'contained',
        severity: 4,
        severity_label: 'severe',
        category: 'targeted-mail',
        sites: ['osaka', 'tokyo'],
        hosts: ['10.1.2.14', 'ws-osa-003', 'ws-tky-014'],
        observables: fullIncident().observables,
        first_seen: '2026-03-01T10:58:00Z',
        last_seen: '2026-03-01T11:40:00Z',
        deadline: '2026-03-01T12:20:00Z',
      },
      link: null,
      escalation: { kind: 'warning', due: '2026-03-01T12:20:00Z', reported_at: null },
    });
  });
});

describe('notificationMessage', () => {
  it('names level, category, sites and title in the subject', () => {
    const message = notificationMessage(fullIncident(), { now: DUE });
    assert.equal(
      message.subject,
      '[Chancery] INC-0123456789ab level 4 (severe) targeted-mail at 2 sites: Targeted mail with macro document at two sites',
    );
    assert.equal(message.payload.type, 'incident.notification');
    assert.match(message.text, /Open: <console URL>\/incidents\/INC-0123456789ab/);
  });

  it('keeps attacker-chosen line breaks out of the subject and the body lines', () => {
    const incident = fullIncident();
    incident.title = 'Invoice\r\nBcc: victim@example.org';
    incident.hosts = ['ws-1\nInjected: yes'];
    const message = notificationMessage(incident, { now: DUE });
    assert.ok(!/[\r\n]/.test(message.subject));
    assert.match(message.subject, /Invoice Bcc: victim@example\.org$/);
    assert.ok(!message.text.split('\n').some((line) => line.startsWith('Injected')));
  });

  it('cuts long host lists in the mail and says how many more there are', () => {
    const incident = fullIncident();
    incident.hosts = Array.from({ length: 25 }, (_, n) => `ws-${String(n).padStart(2, '0')}`);
    const { text, payload } = notificationMessage(incident, { now: DUE });
    assert.match(text, /Hosts \(25\): ws-00, .*ws-19 and 5 more/);
    assert.equal(payload.incident.hosts.length, 25);
  });
});
