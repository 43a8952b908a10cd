// The report as PDF, for mail attachments and the authority's archive: the same sections as the
// HTML, with the TLP marking and page numbers on every page. Only the standard Helvetica fonts are
// used, so nothing is fetched or embedded and no file is written; text is folded to what those
// fonts can show (see win-ansi.ts).
import PDFDocument from 'pdfkit';
import type { ReportSection, ReportTable } from './section.ts';
import { resolveRenderOptions, type RenderOptions } from './render-options.ts';
import { utcMinute } from './format.ts';
import { TLP_STYLES, type Tlp } from './tlp.ts';
import { toWinAnsi } from './win-ansi.ts';

export interface PdfOptions extends RenderOptions {
  /** Compress content streams (default true); tests turn it off to read the text. */
  compress?: boolean;
}

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const MARGIN = 50;
/** Room above and below the text for the marking and the page number. */
const BAND = 36;

export async function renderPdf(
  sections: readonly ReportSection[],
  options: PdfOptions = {},
): Promise<Buffer> {
  const { title, tlp, generatedAt } = resolveRenderOptions(options);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN + BAND / 2, bottom: MARGIN + BAND / 2, left: MARGIN, right: MARGIN },
    // Pages stay in memory until the end so the total page count can go into every footer.
    bufferPages: true,
    compress: options.compress ?? true,
    info: { Title: toWinAnsi(title), Creator: 'Chancery' },
  });
  const done = collect(doc);
  doc.font(BOLD).fontSize(16).text(toWinAnsi(title));
  doc
    .font(REGULAR)
    .fontSize(9)
    .fillColor('#444444')
    .text(toWinAnsi(`Generated ${utcMinute(generatedAt)}. ${tlp}: ${TLP_STYLES[tlp].meaning}`))
    .fillColor('black');
  for (const section of sections) writeSection(doc, section);
  markPages(doc, tlp, title);
  doc.end();
  return done;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function writeSection(doc: PDFKit.PDFDocument, { title, lines, table }: ReportSection): void {
  doc.moveDown(0.8);
  // Keep a heading with at least a few lines of its section.
  if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
  doc.font(BOLD).fontSize(12).text(toWinAnsi(title));
  doc.moveDown(0.2);
  doc.font(REGULAR).fontSize(9.5);
  for (const line of lines) doc.text(toWinAnsi(line));
  if (table !== undefined) writeTable(doc, table);
}

function writeTable(doc: PDFKit.PDFDocument, { columns, rows }: ReportTable): void {
  doc.moveDown(0.3);
  doc.fontSize(8.5);
  const head = columns.map((column) => ({
    text: toWinAnsi(column),
    type: 'TH' as const,
    font: { src: BOLD },
    backgroundColor: '#eeeeee',
  }));
  doc.table({
    data: [head, ...rows.map((row) => row.map(toWinAnsi))],
    defaultStyle: { border: 0.5, borderColor: '#bbbbbb', padding: 3 },
  });
  doc.x = doc.page.margins.left;
}

/** TLP top and bottom, page numbers bottom, written into the bands outside the text area. */
function markPages(doc: PDFKit.PDFDocument, tlp: Tlp, title: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    // Writing below the bottom margin would start a new page; lift it while marking.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const footerY = doc.page.height - MARGIN;
    badge(doc, tlp, MARGIN - 8);
    badge(doc, tlp, footerY);
    // Cut so a long title cannot run under the badge on the same line.
    const label = title.length > 70 ? `${title.slice(0, 69)}…` : title;
    const footer = toWinAnsi(`${label} - page ${String(index + 1)} of ${String(count)}`);
    doc.font(REGULAR).fontSize(8).fillColor('#444444');
    doc.text(footer, MARGIN, footerY + 2, { lineBreak: false }).fillColor('black');
    doc.page.margins.bottom = bottom;
  }
}

function badge(doc: PDFKit.PDFDocument, tlp: Tlp, y: number): void {
  doc.font(BOLD).fontSize(9);
  const width = doc.widthOfString(tlp) + 8;
  const x = doc.page.width - MARGIN - width;
  doc.rect(x, y, width, 13).fill('black');
  doc.fillColor(TLP_STYLES[tlp].colour).text(tlp, x + 4, y + 3, { lineBreak: false });
  doc.fillColor('black');
}
