// The HTML report: standalone, marked with TLP at top and bottom, and every value escaped.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reportContent, reportTitle } from './content.ts';
import { renderHtml } from './html.ts';
import { fixtureAlerts, fullIncident } from './incident-fixture.ts';

describe('renderHtml', () => {
  it('escapes markup from the incident wherever it appears', () => {
    const incident = fullIncident();
    incident.title = '<script>alert(1)</script> & "quoted"';
    incident.hosts = ['<img src=x onerror=alert(2)>'];
    const html = renderHtml(reportContent(incident), { title: incident.title });
    assert.ok(!html.includes('<script>'), 'a script element got through');
    assert.ok(!html.includes('<img'), 'an img element got through');
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;quoted&quot;/);
    assert.match(html, /&lt;img src=x onerror=alert\(2\)&gt;/);
  });

  it('marks the header and the footer with TLP:AMBER unless told otherwise', () => {
    const sections = reportContent(fullIncident());
    const amber = renderHtml(sections);
    assert.match(amber, /<header class="marking"><span class="tlp">TLP:AMBER<\/span><\/header>/);
    assert.match(amber, /<footer class="marking"><span class="tlp">TLP:AMBER<\/span><\/footer>/);
    const red = renderHtml(sections, { tlp: 'TLP:RED' });
    assert.match(red, /<header class="marking"><span class="tlp">TLP:RED<\/span>/);
    assert.match(red, /<footer class="marking"><span class="tlp">TLP:RED<\/span>/);
    assert.ok(!red.includes('TLP:AMBER'));
  });

  it('is a standalone document that loads nothing from elsewhere', () => {
    const incident = fullIncident();
    const html = renderHtml(reportContent(incident, fixtureAlerts()), {
      title: reportTitle(incident),
      generatedAt: '2026-03-01T12:30:00Z',
    });
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<title>Incident report INC-0123456789ab<\/title>/);
    assert.match(html, /Generated 2026-03-01 12:30 UTC/);
    assert.match(html, /<h2>Functional impact<\/h2>/);
    assert.match(html, /<th>Rule<\/th>/);
    assert.ok(!/<(script|link|img|iframe)\b/i.test(html));
    assert.ok(!/\b(src|href)=/i.test(html));
  });
});
