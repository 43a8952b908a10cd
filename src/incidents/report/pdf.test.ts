// The PDF report: a whole PDF file whose pages carry the sections, the TLP marking and a page
// number. Text is read back from the (inflated) content streams, as a PDF reader would.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inflateSync } from 'node:zlib';
import { reportContent, reportTitle } from './content.ts';
import { fixtureAlerts, fullIncident } from './incident-fixture.ts';
import { renderPdf } from './pdf.ts';

/** The text shown on each page: pdfkit writes one content stream per page, hex strings in TJ. */
function pageTexts(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const texts: string[] = [];
  for (const match of raw.matchAll(/(?<!end)stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const bytes = Buffer.from(match[1] ?? '', 'latin1');
    let content: string;
    try {
      content = inflateSync(bytes).toString('latin1');
    } catch {
      content = bytes.toString('latin1');
    }
    const shown = [...content.matchAll(/\[([^\]]*)\]\s*TJ/g)].map((array) =>
      [...(array[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)]
        .map((hex) => Buffer.from(hex[1] ?? '', 'hex').toString('latin1'))
        .join(''),
    );
    if (shown.length > 0) texts.push(shown.join('\n'));
  }
  return texts;
}

function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
}

describe('renderPdf', () => {
  it('produces a whole PDF file with the incident id and the section titles in its text', async () => {
    const incident = fullIncident();
    const pdf = await renderPdf(reportContent(incident, fixtureAlerts()), {
      title: reportTitle(incident),
    });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(pdf.subarray(-16).toString('latin1'), /%%EOF\s*$/);
    // Table cells wrap, so words are compared with line breaks read as spaces.
    const text = pageTexts(pdf).join('\n').replace(/\s+/g, ' ');
    assert.match(text, /INC-0123456789ab/);
    assert.match(text, /Functional impact/);
    assert.match(text, /MINIMAL IMPACT TO NON-CRITICAL SERVICES/);
    assert.match(text, /Regular beacon to rare destination/);
  });

  it('marks every page with the TLP label and its number of the total', async () => {
    const incident = fullIncident();
    incident.timeline = Array.from({ length: 150 }, (_, n) => ({
      at: new Date(Date.parse('2026-03-01T11:20:00Z') + n * 1000).toISOString(),
      by: 'chancery',
      kind: 'note',
      text: `entry ${String(n)}`,
    }));
    const pdf = await renderPdf(reportContent(incident), {
      title: reportTitle(incident),
      tlp: 'TLP:RED',
      compress: false,
    });
    const pages = pageTexts(pdf);
    assert.ok(pages.length >= 3, `expected several pages, got ${String(pages.length)}`);
    assert.equal(pages.length, pageCount(pdf));
    pages.forEach((page, index) => {
      // The badges are text runs of their own, at the top and the bottom.
      const badges = page.split('\n').filter((line) => line === 'TLP:RED');
      assert.equal(badges.length, 2, `page ${String(index + 1)} marking`);
      assert.match(page, new RegExp(`page ${String(index + 1)} of ${String(pages.length)}`));
    });
    assert.match(pages.join('\n'), /entry 149/);
  });

  it('shows symbols the standard fonts lack as look-alikes or ?, never as wrong letters', async () => {
    const incident = fullIncident();
    incident.title = 'new → triage 日本';
    const pdf = await renderPdf(reportContent(incident), { compress: false });
    assert.match(pageTexts(pdf).join('\n'), /Title: new -> triage \?\?/);
  });
});
