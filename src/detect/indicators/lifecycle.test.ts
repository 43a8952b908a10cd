import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Indicator } from '../../core/index.ts';
import { DEFAULT_DECAY, indicatorState } from './decay.ts';
import { mergeIndicators } from './merge.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-23T00:00:00Z');

function indicator(extra: Partial<Indicator> = {}): Indicator {
  return {
    type: 'ipv4',
    value: '203.0.113.7',
    tlp: 'green',
    sources: [{ name: 'feed', ref: 'a', confidence: 80, reported: new Date(NOW).toISOString() }],
    ...extra,
  };
}

test('confidence halves every half-life of the type; hashes do not decay', () => {
  const at = (days: number): Partial<Indicator> => ({
    sources: [
      {
        name: 'feed',
        ref: 'a',
        confidence: 80,
        reported: new Date(NOW - days * DAY).toISOString(),
      },
    ],
  });
  assert.equal(indicatorState(indicator(at(0)), NOW).confidence, 80);
  assert.equal(indicatorState(indicator(at(30)), NOW).confidence, 40);
  assert.equal(indicatorState(indicator(at(60)), NOW).confidence, 20);
  const old = indicatorState(indicator(at(120)), NOW);
  assert.equal(old.expired, true);
  assert.match(old.reason ?? '', /decayed to 5 after 120 days/);
  const hash = indicatorState(indicator({ type: 'sha256', value: 'x', ...at(3650) }), NOW);
  assert.deepEqual(hash, { confidence: 80, expired: false });
});

test('valid_until ends an indicator; a sighting renews it; a trusted source overrides confidence', () => {
  assert.equal(
    indicatorState(indicator({ valid_until: new Date(NOW - 1).toISOString() }), NOW).expired,
    true,
  );
  const renewed = indicator({
    sources: [
      { name: 'feed', ref: 'a', confidence: 80, reported: new Date(NOW - 120 * DAY).toISOString() },
    ],
    last_seen: new Date(NOW - DAY).toISOString(),
  });
  assert.equal(indicatorState(renewed, NOW).expired, false);
  const policy = { ...DEFAULT_DECAY, sourceConfidence: { feed: 20 } };
  assert.equal(indicatorState(indicator(), NOW, policy).confidence, 20);
});

test('merging keeps every source once, the strictest TLP and the widest span', () => {
  const merged = mergeIndicators([
    indicator({
      tlp: 'green',
      first_seen: '2026-01-02T00:00:00Z',
      last_seen: '2026-02-01T00:00:00Z',
      valid_until: '2026-12-01T00:00:00Z',
    }),
    indicator({
      tlp: 'amber',
      sources: [{ name: 'partner', ref: 'p1', confidence: 60 }],
      first_seen: '2026-01-01T00:00:00Z',
      last_seen: '2026-01-15T00:00:00Z',
      valid_until: '2027-01-01T00:00:00Z',
    }),
    indicator({ sources: [{ name: 'feed', ref: 'a', confidence: 90 }] }),
  ]);
  assert.equal(merged.size, 1);
  const [only] = merged.values();
  assert.ok(only !== undefined);
  assert.equal(only.tlp, 'amber');
  assert.deepEqual(
    only.sources.map((s) => `${s.name}:${s.ref}:${s.confidence}`),
    ['feed:a:90', 'partner:p1:60'],
  );
  assert.equal(only.first_seen, '2026-01-01T00:00:00Z');
  assert.equal(only.last_seen, '2026-02-01T00:00:00Z');
  // The third statement has no end: the indicator no longer expires.
  assert.equal(only.valid_until, undefined);
});
