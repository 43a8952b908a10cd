// The report content: every element the CISA guidelines require is there, in their order, and
// says what the incident says; unknowns are stated rather than left out.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reportContent, type ReportSection } from './content.ts';
import { fixtureAlerts, fullIncident } from './incident-fixture.ts';

const REQUIRED_IN_ORDER = [
  'Functional impact',
  'Information impact',
  'Recoverability',
  'Time first detected',
  'Systems and users affected',
  'Location of observed activity',
  'Point of contact',
  'Attack vector',
  'Indicators',
  'Mitigation',
];

function section(sections: ReportSection[], title: string): ReportSection {
  const found = sections.find((candidate) => candidate.title === title);
  assert.ok(found, `no section ${title}`);
  return found;
}

function text(found: ReportSection): string {
  return [...found.lines, ...(found.table?.rows.flat() ?? [])].join('\n');
}

describe('reportContent', () => {
  const sections = reportContent(fullIncident(), fixtureAlerts(), {
    name: 'Ministry',
    contact: 'soc@ministry.example',
  });

  it('has the CISA required elements in the guidelines order', () => {
    const titles = sections.map((found) => found.title);
    const positions = REQUIRED_IN_ORDER.map((title) => titles.indexOf(title));
    assert.ok(!positions.includes(-1), `missing: ${titles.join(', ')}`);
    assert.deepEqual(
      positions,
      [...positions].sort((a, b) => a - b),
    );
  });

  it('names the impact and recoverability in the CISA category terms', () => {
    assert.equal(
      section(sections, 'Functional impact').lines[0],
      'MINIMAL IMPACT TO NON-CRITICAL SERVICES',
    );
    assert.equal(section(sections, 'Information impact').lines[0], 'SUSPECTED BUT NOT IDENTIFIED');
    assert.equal(section(sections, 'Recoverability').lines[0], 'SUPPLEMENTED');
    assert.equal(
      section(sections, 'Location of observed activity').lines[0],
      'LEVEL 2 BUSINESS NETWORK',
    );
  });

  it('gives first activity, first detection (earliest alert) and identification', () => {
    const found = text(section(sections, 'Time first detected'));
    assert.match(found, /Activity first seen: 2026-03-01 10:58 UTC/);
    assert.match(found, /First detected: 2026-03-01 11:00 UTC/);
    assert.match(found, /Identified as an incident: 2026-03-01 11:20 UTC/);
  });

  it('lists hosts, users from the alerts and the incident, and sites with their names', () => {
    const found = text(section(sections, 'Systems and users affected'));
    assert.match(found, /Systems \(3\): 10\.1\.2\.14, ws-osa-003, ws-tky-014/);
    assert.match(found, /Users \(2\): suzuki, tanaka/);
    assert.match(found, /Sites \(2\): osaka, tokyo \(Tokyo office\)/);
  });

  it('gives the attack vector with category, stage, sender and detectors', () => {
    const found = text(section(sections, 'Attack vector'));
    assert.equal(section(sections, 'Attack vector').lines[0], 'Email/Phishing');
    assert.match(found, /Category: targeted-mail/);
    assert.match(found, /Stage reached: command and control/);
    assert.match(found, /Delivered by mail from: director@rnofa-go\.example/);
    assert.match(found, /Seen by: mail \(1 alert\), network \(1 alert\)/);
  });

  it('lists indicators by type, marking mail senders, and leaves hosts and users out', () => {
    const rows = section(sections, 'Indicators').table?.rows ?? [];
    assert.deepEqual(
      rows.map((row) => row[0]),
      ['IP address', 'Domain', 'URL', 'SHA-256', 'MD5', 'Mail sender'],
    );
    assert.deepEqual(rows[0], ['IP address', '203.0.113.50', 'destination']);
    assert.ok(!rows.some((row) => row[1] === 'tanaka'));
  });

  it('credits rule authors among the detection measures', () => {
    const found = section(sections, 'Detection measures');
    assert.deepEqual(found.table?.rows[1]?.slice(0, 5), [
      'Regular beacon to rare destination',
      'network',
      'critical',
      'Chancery team',
      '31',
    ]);
  });

  it('reports actions taken and their results, pending ones as pending, and the status', () => {
    const found = section(sections, 'Mitigation');
    assert.match(found.lines.join('\n'), /Status: contained/);
    assert.deepEqual(
      found.table?.rows.map((row) => [row[0], row[3]]),
      [
        ['isolate-host', 'done 2026-03-01 11:45 UTC (HTTP 200): isolated'],
        ['block-domain', 'pending'],
      ],
    );
  });

  it('gives severity with override and reasons, response times and the timeline', () => {
    const severity = text(section(sections, 'Severity'));
    assert.match(severity, /Level 4 \(severe\), score 78/);
    assert.match(severity, /Set by analyst\.sato .*: confirmed C2/);
    assert.match(severity, /Computed: level 3/);
    assert.match(severity, /lookalike of the organization domain/);
    const times = text(section(sections, 'Response times'));
    assert.match(times, /Time to detect: 2 min/);
    assert.match(times, /Time to report: not yet/);
    assert.match(times, /Time to contain: 25 min/);
    assert.equal(section(sections, 'Timeline').table?.rows.length, 3);
    assert.deepEqual(section(sections, 'Timeline').table?.rows[1], [
      '2026-03-01 11:45:00',
      'analyst.sato',
      'status',
      'triage → contained',
    ]);
  });

  it('names the point of contact', () => {
    const found = text(section(sections, 'Point of contact'));
    assert.match(found, /Organization: Ministry/);
    assert.match(found, /Contact: soc@ministry\.example/);
    assert.match(found, /Incident handler: analyst\.sato/);
  });

  it('states unknowns instead of dropping elements when there are no alerts or actions', () => {
    const bare = fullIncident();
    bare.observables = [];
    bare.actions = [];
    bare.hosts = [];
    const found = reportContent(bare);
    assert.match(text(section(found, 'Indicators')), /No indicators identified/);
    assert.match(text(section(found, 'Mitigation')), /No response actions recorded/);
    assert.match(text(section(found, 'Systems and users affected')), /Systems: none identified/);
    assert.match(text(section(found, 'Point of contact')), /Incident handler: analyst\.sato/);
  });
});
