// Alert identity: the dedup key and the stable id depend on exactly what they document.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alertId, dedupKey } from './alert-id.ts';
import { candidate } from '../../test/support/alerts.ts';

describe('alert identity', () => {
  it('gives the same detection of the same first event the same id, every time', () => {
    const id = alertId(candidate(0, 'e1'));
    assert.match(id, /^[0-9a-f]{32}$/);
    assert.equal(alertId(candidate(0, 'e1', { created: '2030-01-01T00:00:00.000Z' })), id);
    // A run that folded more events into the alert still names it by its first event.
    assert.equal(alertId(candidate(0, 'e1', { count: 9, event_ids: ['e1', 'e2'] })), id);
    // Pinned: ids must survive upgrades, or re-running a hunt would duplicate every alert.
    assert.equal(id, '018ef55e9400821173319119853c5495');
    assert.equal(id.slice(0, 12), Date.UTC(2024, 3, 19, 8, 0, 0).toString(16).padStart(12, '0'));
  });

  it('leads with the time of the first event, so ids sort like event ids', () => {
    assert.ok(alertId(candidate(0, 'e1')) < alertId(candidate(1, 'e1')));
  });

  it('differs by detector, rule, dedup key, first event and retrospective flag', () => {
    const base = alertId(candidate(0, 'e1'));
    for (const other of [
      candidate(0, 'e1', { detector: 'network' }),
      candidate(0, 'e1', { rule: { id: 'r-2', name: 'Encoded PowerShell' } }),
      candidate(0, 'e1', { host: 'ws-08' }),
      candidate(0, 'e2'),
      candidate(0, 'e1', { retrospective: true }),
    ])
      assert.notEqual(alertId(other), base);
  });

  it('keys on detector, rule id, site, host and matched pairs, in any order', () => {
    const matched = [
      { field: 'a', value: '1' },
      { field: 'b', value: '2' },
    ];
    const key = dedupKey(candidate(0, 'e1', { matched }));
    assert.match(key, /^[0-9a-f]{40}$/);
    assert.equal(dedupKey(candidate(5, 'e9', { matched: [...matched].reverse() })), key);
    assert.equal(
      dedupKey(candidate(0, 'e1', { level: 'low', tags: [] })),
      dedupKey(candidate(0, 'e1')),
    );
    // Values cannot run into each other: a=1,b=2 is not a="1,b=2".
    assert.notEqual(
      dedupKey(candidate(0, 'e1', { matched: [{ field: 'a', value: '1,b=2' }] })),
      key,
    );
    assert.notEqual(dedupKey(candidate(0, 'e1', { matched, site: undefined })), key);
  });
});
