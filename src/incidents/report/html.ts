// The report as one standalone, printable HTML file: inline CSS, no scripts, no external
// resources, so it opens the same offline, in a mail client or archived years later. Every value
// is escaped: titles, hosts and indicators come from attacker-controlled mail and traffic.
import type { ReportSection, ReportTable } from './section.ts';
import { resolveRenderOptions, type RenderOptions } from './render-options.ts';
import { utcMinute } from './format.ts';
import { TLP_STYLES, type Tlp } from './tlp.ts';

export function renderHtml(sections: readonly ReportSection[], options?: RenderOptions): string {
  const { title, tlp, generatedAt } = resolveRenderOptions(options);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style(tlp)}</style>
</head>
<body>
<header class="marking">${marking(tlp)}</header>
<main>
<h1>${escapeHtml(title)}</h1>
<p class="meta">Generated ${escapeHtml(utcMinute(generatedAt))}. ${marking(tlp)} ${escapeHtml(TLP_STYLES[tlp].meaning)}</p>
${sections.map(section).join('\n')}
</main>
<footer class="marking">${marking(tlp)}</footer>
</body>
</html>
`;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function marking(tlp: Tlp): string {
  return `<span class="tlp">${escapeHtml(tlp)}</span>`;
}

function section({ title, lines, table }: ReportSection): string {
  const paragraphs = lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n');
  return `<section>
<h2>${escapeHtml(title)}</h2>
${paragraphs}${table === undefined ? '' : `\n${renderTable(table)}`}
</section>`;
}

function renderTable({ columns, rows }: ReportTable): string {
  const head = columns.map((column) => `<th>${escapeHtml(column)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

// Header and footer are fixed in print so the marking repeats on every printed page; the page
// margins leave room for them.
function style(tlp: Tlp): string {
  return `
body { font: 10.5pt/1.4 Helvetica, Arial, sans-serif; color: #111; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 2.5rem 1.5rem; }
h1 { font-size: 18pt; margin: 0 0 .25rem; }
h2 { font-size: 12.5pt; margin: 1.4rem 0 .4rem; border-bottom: 1px solid #999; padding-bottom: .15rem; }
p { margin: .15rem 0; overflow-wrap: anywhere; }
.meta { color: #444; }
.marking { text-align: right; padding: .3rem 1.5rem; }
.tlp { background: #000; color: ${TLP_STYLES[tlp].colour}; font-weight: bold; padding: .1rem .4rem; }
table { border-collapse: collapse; width: 100%; margin-top: .4rem; font-size: 9.5pt; }
th, td { border: 1px solid #bbb; padding: .2rem .35rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eee; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
section { break-inside: auto; }
@page { margin: 18mm 14mm; }
@media print {
  main { padding: 0; max-width: none; }
  .marking { position: fixed; left: 0; right: 0; padding: 0; }
  header.marking { top: -12mm; }
  footer.marking { bottom: -12mm; }
  .tlp { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
}
