// Conformance against SigmaHQ's own material: every rule file of the public set compiles or is
// reported with a specific reason, and every regression event (SigmaHQ's true positives) fires
// its rule, from the flat and from the nested (evtx-rs) JSON alike, through our Windows parser.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { needsShared, readLines, shared } from '../../../test/support/data.ts';
import { windowsEvent } from '../../../test/support/events.ts';
import { SigmaEngine } from './engine/engine.ts';
import { loadDefaultPipeline } from './pipelines/pipeline.ts';
import { loadRules } from './rule/load.ts';
import { buildRuleSet } from './rule-set.ts';

const SIGMA = 'sigma';
const skip = needsShared(SIGMA, 'rules');

/** The standard placeholder names of the specification, with plausible organization values. */
const PLACEHOLDERS = {
  Administrators: ['Administrator', 'adm_*'],
  DomainAdmins: ['Domain Admins'],
  JumpServers: ['JUMP*'],
  Workstations: ['WS-*'],
  Servers: ['SRV-*'],
  DomainControllers: ['DC*'],
};

function ruleDirs(): string[] {
  return readdirSync(shared(SIGMA))
    .filter((name) => name.startsWith('rules'))
    .map((name) => shared(SIGMA, name));
}

let cached: ReturnType<typeof loadRules> | undefined;
function corpus(): ReturnType<typeof loadRules> {
  cached ??= loadRules(ruleDirs());
  return cached;
}

test('every SigmaHQ rule compiles, or is rejected with a specific reason', { skip }, () => {
  const loaded = corpus();
  const plain = buildRuleSet(loaded);
  // Organization-specific placeholders (%dc_ip_addresses%, %internal_domains%, ...) get a value
  // too, so the expand machinery is exercised on every rule that uses it.
  const named = new Set(
    plain.issues.flatMap((issue) => /%([^%]+)%/.exec(issue.message)?.[1] ?? []),
  );
  const placeholders = {
    ...PLACEHOLDERS,
    ...Object.fromEntries([...named].map((n) => [n, [`org-${n}`]])),
  };
  const configured = buildRuleSet(loaded, { placeholders });
  const engine = new SigmaEngine(configured.rules, loadDefaultPipeline());
  console.log(
    `sigma corpus: ${loaded.files} files, ${plain.report.documents} documents; ` +
      `without placeholders: ${plain.report.compiled} compiled, rejected ${JSON.stringify(plain.report.rejectedByReason)}; ` +
      `with placeholders: ${configured.report.compiled} compiled, rejected ${JSON.stringify(configured.report.rejectedByReason)}; ` +
      `${engine.unrouted.length} compiled rules have a log source no Chancery event carries ` +
      JSON.stringify(unroutedByProduct(engine)),
  );
  assert.equal(loaded.files, 3780);
  for (const reason of Object.keys(plain.report.rejectedByReason))
    assert.equal(reason, 'unresolved-placeholder', 'only undefined placeholders may stop a rule');
  assert.equal(
    configured.report.rejected,
    0,
    configured.issues
      .slice(0, 5)
      .map((i) => i.message)
      .join('\n'),
  );
  assert.equal(configured.report.compiled, loaded.documents.length);
});

/** Rules no ingested event can reach, by product: what log sources are still to come. */
function unroutedByProduct(engine: SigmaEngine): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { rule } of engine.unrouted) {
    const product =
      rule.logsource.product ?? `(${rule.logsource.category ?? rule.logsource.service ?? '-'})`;
    counts[product] = (counts[product] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]));
}

interface RegressionCase {
  rule_id: string;
  rule_path: string;
  match_count_expected: number | null;
  event_flat: Record<string, unknown>;
  event_raw: Record<string, unknown>;
}

test('every SigmaHQ regression event fires its rule, flat and nested', { skip }, () => {
  const cases = readLines(shared(SIGMA, 'sigma-regression-events.jsonl')).map(
    (line) => JSON.parse(line) as RegressionCase,
  );
  const set = buildRuleSet(corpus(), { placeholders: PLACEHOLDERS });
  const engine = new SigmaEngine(set.rules, loadDefaultPipeline());
  const byRule = new Map<string, RegressionCase[]>();
  for (const c of cases) byRule.set(c.rule_id, [...(byRule.get(c.rule_id) ?? []), c]);
  const failures: string[] = [];
  for (const shape of ['event_flat', 'event_raw'] as const) {
    let passing = 0;
    for (const [ruleId, events] of byRule) {
      const expected = events[0]?.match_count_expected ?? 1;
      let count = 0;
      for (const regression of events) {
        const matches = engine.match(windowsEvent(regression[shape]));
        count += matches.filter((m) => m.rule.id === ruleId).length;
      }
      if (count >= expected) passing++;
      else failures.push(`${shape} ${ruleId} (${events[0]?.rule_path}): ${count} < ${expected}`);
    }
    console.log(`sigma regression ${shape}: ${passing}/${byRule.size} rules fire on their events`);
  }
  assert.equal(byRule.size, 202);
  assert.deepEqual(failures, []);
});
