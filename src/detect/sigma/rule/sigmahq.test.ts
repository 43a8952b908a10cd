// Conformance over the real SigmaHQ rule set (shared data, `sigma/rules*`: 3,780 valid v2 rule
// files): every file loads with zero issues. Prints one line of figures (files, documents, issues
// by reason, detection items and values) and the load time, which is informational only.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { needsShared, shared } from '../../../../test/support/data.ts';
import { loadRules } from './load.ts';
import type { SigmaDocument } from './model.ts';

function ruleDirs(): string[] {
  return readdirSync(shared('sigma'))
    .filter((name) => name.startsWith('rules'))
    .sort()
    .map((name) => shared('sigma', name));
}

function countItems(documents: readonly SigmaDocument[]): { items: number; values: number } {
  let items = 0;
  let values = 0;
  for (const document of documents) {
    if (document.kind === 'correlation') continue;
    for (const search of Object.values(document.detection.searches)) {
      const all = search.kind === 'maps' ? search.alternatives.flat() : [search.item];
      items += all.length;
      for (const item of all) values += item.values.length;
    }
  }
  return { items, values };
}

test('SigmaHQ rules*: every file loads with zero issues', { skip: needsShared('sigma') }, () => {
  const started = performance.now();
  const result = loadRules(ruleDirs());
  const ms = performance.now() - started;
  const byReason: Record<string, number> = {};
  for (const issue of result.issues) byReason[issue.reason] = (byReason[issue.reason] ?? 0) + 1;
  const { items, values } = countItems(result.documents);
  console.log(
    `SigmaHQ rules*: ${String(result.files)} files, ${String(result.documents.length)} documents, ` +
      `${String(result.issues.length)} issues ${JSON.stringify(byReason)}, ${String(items)} ` +
      `detection items, ${String(values)} values, loaded in ${ms.toFixed(0)} ms`,
  );
  const shown = result.issues
    .slice(0, 20)
    .map((issue) => `${issue.at.file}:${String(issue.at.line)} ${issue.reason}: ${issue.message}`);
  assert.deepEqual(shown, [], 'the first issues');
  assert.ok(result.files > 0);
  assert.equal(result.documents.length, result.files, 'one document per SigmaHQ file');
});
