import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Alert } from '../../core/index.ts';
import type { GradeContext } from './factors.ts';
import { applyOverride, gradeIncident } from './grade.ts';
import { DEFAULT_GRADE_CONFIG, type GradeConfig } from './score.ts';
import { scenarios, spamWaveAlert, WATCH } from './test-alerts.ts';

type Scenario = keyof typeof scenarios;

function graded(name: Scenario, context: Partial<GradeContext> = {}) {
  return gradeIncident(scenarios[name](), { ...WATCH, ...context }).severity;
}

// Commodity malware is graded as the ministry sees it after Defender acted: contained.
const malware = () => graded('commodityMalware', { status: 'contained' });

test('spam is the lowest of all, at level 0 or 1', () => {
  const spam = graded('spam');
  assert.ok(spam.level <= 1, `spam level ${String(spam.level)}`);
  const others = (Object.keys(scenarios) as Scenario[]).filter((name) => name !== 'spam');
  for (const name of others) {
    const other = name === 'commodityMalware' ? malware() : graded(name);
    assert.ok(
      spam.score < other.score,
      `spam ${String(spam.score)} ≥ ${name} ${String(other.score)}`,
    );
  }
});

test('a spam wave reaching twenty missions still grades below one host with malware', () => {
  const sites = Array.from({ length: 20 }, (_, index) => `site-${String(index)}`);
  const { severity } = gradeIncident([spamWaveAlert(sites)], WATCH);
  // Its reach is not activity at a site: the sites factor stays 0, and the level baseline.
  assert.equal(severity.factors.sites, 0);
  assert.equal(severity.level, 0);
  assert.ok(
    severity.score < malware().score,
    `${String(severity.score)} vs ${String(malware().score)}`,
  );
});

test('bulk phishing that was only delivered is at most level 2, above spam to the same sites', () => {
  const phishing = graded('bulkPhishing');
  assert.ok(phishing.level <= 2);
  assert.ok(phishing.score > graded('spam').score);
});

test('commodity malware Defender removed grades below a targeted backdoor', () => {
  const backdoor = graded('targetedBackdoor');
  assert.ok(malware().score < backdoor.score);
  assert.ok(malware().level < backdoor.level);
  // Not yet contained, the same detection still stays below the backdoor.
  assert.ok(graded('commodityMalware').level < backdoor.level);
});

test('a backdoor that uploaded to a watch-listed country is at least severe, above the backdoor', () => {
  const exfiltration = graded('backdoorExfiltration');
  assert.ok(exfiltration.level >= 4, `level ${String(exfiltration.level)}`);
  assert.ok(exfiltration.score > graded('targetedBackdoor').score);
  // The same upload to a country nobody watches is graded lower.
  const unwatched = graded('backdoorExfiltration', { watchCountries: [] });
  assert.ok(unwatched.score < exfiltration.score);
});

test('a breach of the closed network is at least severe', () => {
  const closed = graded('closedBreach');
  assert.ok(closed.level >= 4, `level ${String(closed.level)}`);
  assert.ok(closed.score > graded('targetedBackdoor').score);
});

test('a campaign with command and control at five sites is an emergency, the highest here', () => {
  const campaign = graded('campaign');
  assert.equal(campaign.level, 5);
  for (const name of ['backdoorExfiltration', 'closedBreach', 'targetedBackdoor'] as const)
    assert.ok(campaign.score > graded(name).score, name);
});

test('the levels of the scenarios, pinned so a change to the defaults is a visible decision', () => {
  const levels = {
    spam: graded('spam').level,
    bulkPhishing: graded('bulkPhishing').level,
    commodityMalware: malware().level,
    targetedBackdoor: graded('targetedBackdoor').level,
    backdoorExfiltration: graded('backdoorExfiltration').level,
    closedBreach: graded('closedBreach').level,
    campaign: graded('campaign').level,
  };
  assert.deepEqual(levels, {
    spam: 0,
    bulkPhishing: 1,
    commodityMalware: 1,
    targetedBackdoor: 3,
    backdoorExfiltration: 4,
    closedBreach: 4,
    campaign: 5,
  });
});

test('the severity carries its label, factors, category and a closing score sentence', () => {
  const { severity, category } = gradeIncident(scenarios.backdoorExfiltration(), WATCH);
  assert.equal(category, 'exfiltration');
  assert.equal(severity.label, 'severe');
  assert.equal(severity.reasons.length, 8);
  assert.match(
    severity.reasons.at(-1) ?? '',
    new RegExp(
      `^score ${String(severity.score)} of 100 → level 4 \\(severe\\): thresholds 1 ≥ 15, 2 ≥ 30, 3 ≥ 45, 4 ≥ 65, 5 ≥ 80\\.$`,
    ),
  );
  assert.equal(severity.override, undefined);
  assert.equal(severity.computed, undefined);
});

test('an override sets the level and label and keeps the computed level and score', () => {
  const computed = graded('targetedBackdoor');
  const override = { level: 5 as const, reason: 'ambassador’s host', by: 'analyst', at: 'now' };
  const overridden = applyOverride(computed, override);
  assert.equal(overridden.level, 5);
  assert.equal(overridden.label, 'emergency');
  assert.deepEqual(overridden.override, override);
  assert.deepEqual(overridden.computed, { level: computed.level, score: computed.score });
  assert.equal(overridden.score, computed.score);
  // A second override keeps what was computed, not the first override.
  const again = applyOverride(overridden, { ...override, level: 2 });
  assert.equal(again.level, 2);
  assert.deepEqual(again.computed, { level: computed.level, score: computed.score });
});

test('configuration moves levels: weighting the actor more lifts a targeted backdoor', () => {
  const alerts: Alert[] = scenarios.targetedBackdoor();
  const before = gradeIncident(alerts, WATCH).severity;
  const config: GradeConfig = {
    ...DEFAULT_GRADE_CONFIG,
    weights: { ...DEFAULT_GRADE_CONFIG.weights, actor: 30 },
  };
  const after = gradeIncident(alerts, WATCH, config).severity;
  assert.ok(after.score > before.score);
  assert.ok(after.level > before.level, `${String(before.level)} → ${String(after.level)}`);
});

test('configuration moves levels: a lower threshold raises commodity malware to medium', () => {
  const config: GradeConfig = {
    ...DEFAULT_GRADE_CONFIG,
    thresholds: { ...DEFAULT_GRADE_CONFIG.thresholds, '2': 20 },
  };
  const { severity } = gradeIncident(
    scenarios.commodityMalware(),
    { ...WATCH, status: 'contained' },
    config,
  );
  assert.equal(malware().level, 1);
  assert.equal(severity.level, 2);
});
