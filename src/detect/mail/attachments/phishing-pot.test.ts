// Every attachment of the 200 real phishing messages through the whole inspection (and each
// inspector directly, whatever the true type), without a throw. Counts are printed, not judged:
// the corpus is what it is, and the per-type and per-code numbers are for reading.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import PostalMime from 'postal-mime';
import { needsShared, shared } from '../../../../test/support/data.ts';
import { inspectHtml } from './html-smuggling.ts';
import { inspectAttachment, messageBudget } from './inspect.ts';
import { inspectIso } from './iso.ts';
import { inspectLnk } from './lnk.ts';
import { nameFindings } from './names.ts';
import { passwordsInBody } from './password.ts';
import type { AttachmentReport } from './report.ts';
import { trueType } from './sniff.ts';
import { YaraScanner } from './yara.ts';
import { inspectZip } from './zip.ts';

const RULES = fileURLToPath(new URL('../../../../test/fixtures/yara/', import.meta.url));

test(
  'every attachment of the real phishing messages is inspected without throwing',
  { skip: needsShared('mail', 'phishing_pot') },
  async () => {
    const dir = shared('mail', 'phishing_pot');
    const files = readdirSync(dir).filter((name) => name.endsWith('.eml'));
    const yara = await YaraScanner.fromPaths([RULES]);
    const types: Record<string, number> = {};
    const codes: Record<string, number> = {};
    let attachments = 0;
    let reports = 0;
    let inspectMs = 0;
    for (const file of files) {
      const email = await PostalMime.parse(readFileSync(`${dir}/${file}`), {
        attachmentEncoding: 'arraybuffer',
      });
      const bodyText = email.text ?? email.html ?? '';
      const budget = messageBudget();
      for (const attachment of email.attachments) {
        if (typeof attachment.content === 'string') continue;
        const bytes = new Uint8Array(attachment.content);
        const name = attachment.filename ?? '';
        attachments++;
        // Each inspector straight on the bytes: they may throw on what is not theirs, but
        // only with an Error, and never hang or crash.
        const options = { maxEntries: 2000, maxBytes: 32 * 1024 * 1024, passwords: [] };
        for (const run of [
          () => inspectZip(bytes, options),
          async () => inspectIso(bytes, options),
          async () => inspectLnk(bytes),
          async () => inspectHtml(bytes, options),
        ]) {
          await run().catch((error: unknown) => assert.ok(error instanceof Error));
        }
        nameFindings(name, trueType(bytes, name));
        passwordsInBody(bodyText);
        const started = performance.now();
        const report = await inspectAttachment(
          { name, mime: attachment.mimeType, bytes },
          { bodyText, yara, budget },
        );
        inspectMs += performance.now() - started;
        walk(report, (node) => {
          reports++;
          types[node.type] = (types[node.type] ?? 0) + 1;
          for (const finding of node.findings) codes[finding.code] = (codes[finding.code] ?? 0) + 1;
        });
      }
    }
    console.log(
      `phishing_pot attachments: ${attachments} in ${files.length} messages, ${reports} files ` +
        `inspected in ${inspectMs.toFixed(0)} ms`,
    );
    console.log(`phishing_pot files per true type: ${JSON.stringify(sorted(types))}`);
    console.log(`phishing_pot findings per code: ${JSON.stringify(sorted(codes))}`);
    assert.ok(files.length > 0);
  },
);

function walk(report: AttachmentReport, visit: (node: AttachmentReport) => void): void {
  visit(report);
  for (const child of report.children) walk(child, visit);
}

function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]));
}
