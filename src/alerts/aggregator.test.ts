// The aggregator: identical matches within the window fold into one alert, anything else stays
// apart, and the number of open alerts stays bounded.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Alert } from '../core/index.ts';
import { candidate, MINUTE } from '../../test/support/alerts.ts';
import { AlertAggregator } from './aggregator.ts';
import { alertId } from './alert-id.ts';

describe('AlertAggregator', () => {
  it('folds identical matches within the window into one alert with a count', () => {
    const aggregator = new AlertAggregator();
    const first = aggregator.add(candidate(0, 'e1'));
    const second = aggregator.add(candidate(4, 'e2'));
    const third = aggregator.add(candidate(9, 'e3'));
    assert.equal(first.isNew, true);
    assert.equal(second.isNew, false);
    assert.equal(third.isNew, false);
    assert.equal(third.alert.id, first.alert.id);
    assert.equal(third.alert.count, 3);
    assert.equal(third.alert['@timestamp'], candidate(0, 'e1')['@timestamp']);
    assert.equal(third.alert.last_seen, candidate(9, 'e3')['@timestamp']);
    assert.deepEqual(third.alert.event_ids, ['e1', 'e2', 'e3']);
    assert.deepEqual(aggregator.stats(), { open: 1, opened: 1, folded: 2, evicted: 0 });
  });

  it('opens a new alert once the window of the first match has passed', () => {
    const aggregator = new AlertAggregator({ windowMs: 10 * MINUTE });
    const first = aggregator.add(candidate(0, 'e1'));
    aggregator.add(candidate(9, 'e2'));
    const later = aggregator.add(candidate(10, 'e3'));
    assert.equal(later.isNew, true);
    assert.notEqual(later.alert.id, first.alert.id);
    assert.equal(later.alert.count, 1);
    assert.deepEqual(later.alert.event_ids, ['e3']);
  });

  it('keeps matches apart that differ in matched values, host, site, rule or mode', () => {
    const aggregator = new AlertAggregator();
    const variants = [
      candidate(0, 'e1'),
      candidate(0, 'e2', { matched: [{ field: 'process.command_line', value: 'other' }] }),
      candidate(0, 'e3', { host: 'ws-08' }),
      candidate(0, 'e4', { site: { id: 'tokyo' } }),
      candidate(0, 'e5', { rule: { id: 'r-2', name: 'Other' } }),
      candidate(0, 'e6', { detector: 'mail' }),
      candidate(0, 'e7', { retrospective: true }),
    ];
    const results = variants.map((c) => aggregator.add(c));
    assert.ok(results.every((r) => r.isNew));
    assert.equal(new Set(results.map((r) => r.alert.id)).size, variants.length);
  });

  it('ignores what is not part of the identity: title, level and order of matched fields', () => {
    const aggregator = new AlertAggregator();
    const matched = [
      { field: 'a', value: '1' },
      { field: 'b', value: '2' },
    ];
    aggregator.add(candidate(0, 'e1', { matched }));
    const folded = aggregator.add(
      candidate(1, 'e2', {
        matched: [...matched].reverse(),
        level: 'critical',
        rule: { id: 'r-1', name: 'Renamed' },
      }),
    );
    assert.equal(folded.isNew, false);
  });

  it('never folds with a window of 0', () => {
    const aggregator = new AlertAggregator({ windowMs: 0 });
    assert.equal(aggregator.add(candidate(0, 'e1')).isNew, true);
    assert.equal(aggregator.add(candidate(0, 'e2')).isNew, true);
  });

  it('folds a late event from before the first match and moves @timestamp back', () => {
    const aggregator = new AlertAggregator();
    const first = aggregator.add(candidate(5, 'e1'));
    const late = aggregator.add(candidate(2, 'e0'));
    assert.equal(late.isNew, false);
    assert.equal(late.alert.id, first.alert.id);
    assert.equal(late.alert['@timestamp'], candidate(2, 'e0')['@timestamp']);
    assert.equal(late.alert.last_seen, candidate(5, 'e1')['@timestamp']);
  });

  it('keeps the first event ids and distinct observables, counting every match', () => {
    const aggregator = new AlertAggregator({ maxEventIds: 3, maxObservables: 2 });
    let last: Alert | undefined;
    for (let i = 0; i < 10; i++) {
      last = aggregator.add(
        candidate(0, `e${i}`, { observables: [{ type: 'ip', value: `10.0.0.${i % 3}` }] }),
      ).alert;
    }
    assert.equal(last?.count, 10);
    assert.deepEqual(last?.event_ids, ['e0', 'e1', 'e2']);
    assert.deepEqual(
      last?.observables.map((o) => o.value),
      ['10.0.0.0', '10.0.0.1'],
    );
  });

  it('adds the counts and events of a candidate that is already an aggregate', () => {
    const aggregator = new AlertAggregator();
    aggregator.add(candidate(0, 'e1'));
    const folded = aggregator.add(candidate(1, 'e2', { count: 5, event_ids: ['e2', 'e3'] }));
    assert.equal(folded.alert.count, 6);
    assert.deepEqual(folded.alert.event_ids, ['e1', 'e2', 'e3']);
  });

  it('returns copies: later folds do not change an alert already handed out', () => {
    const aggregator = new AlertAggregator();
    const first = aggregator.add(candidate(0, 'e1')).alert;
    aggregator.add(candidate(1, 'e2'));
    assert.equal(first.count, 1);
    assert.deepEqual(first.event_ids, ['e1']);
  });

  it('gives a new alert its stable id, and keeps an id the detector already set', () => {
    const aggregator = new AlertAggregator();
    const opened = aggregator.add(candidate(0, 'e1')).alert;
    assert.equal(opened.id, alertId(candidate(0, 'e1')));
    const preset = aggregator.add(candidate(0, 'e9', { host: 'x', id: 'f'.repeat(32) })).alert;
    assert.equal(preset.id, 'f'.repeat(32));
  });

  it('bounds open alerts, closing the oldest first', () => {
    const aggregator = new AlertAggregator({ maxOpen: 3 });
    const ids = ['h1', 'h2', 'h3', 'h4'].map(
      (host) => aggregator.add(candidate(0, `e-${host}`, { host })).alert.id,
    );
    assert.deepEqual(aggregator.stats(), { open: 3, opened: 4, folded: 0, evicted: 1 });
    // h1 was closed: its next match opens a new alert; h4, still open, folds.
    assert.equal(aggregator.add(candidate(1, 'x1', { host: 'h4' })).alert.id, ids[3]);
    const reopened = aggregator.add(candidate(1, 'x2', { host: 'h1' }));
    assert.equal(reopened.isNew, true);
    assert.notEqual(reopened.alert.id, ids[0]);
    assert.equal(aggregator.stats().open, 3);
  });

  it('closes alerts whose window event time has left behind, keeping memory flat', () => {
    const aggregator = new AlertAggregator({ windowMs: 10 * MINUTE });
    for (let minute = 0; minute < 1000; minute++)
      aggregator.add(candidate(minute, `e${minute}`, { host: `h${minute}` }));
    assert.ok(aggregator.stats().open <= 11, JSON.stringify(aggregator.stats()));
    assert.equal(aggregator.stats().evicted, 0);
  });

  it('returns each touched alert once per batch, in its latest state', () => {
    const aggregator = new AlertAggregator();
    const touched = aggregator.addAll([
      candidate(0, 'e1'),
      candidate(0, 'e2', { host: 'other' }),
      candidate(1, 'e3'),
    ]);
    assert.deepEqual(
      touched.map((a) => [a.host, a.count]),
      [
        ['ws-07', 2],
        ['other', 1],
      ],
    );
  });

  it('flush closes everything, so a second run over the same events gets the same alerts', () => {
    const aggregator = new AlertAggregator();
    const run = (): Alert[] =>
      aggregator.addAll([candidate(0, 'e1'), candidate(1, 'e2'), candidate(30, 'e3')]);
    const first = run();
    assert.deepEqual(
      aggregator.flush().map((a) => [a.host, a.count]),
      [['ws-07', 1]],
    );
    assert.equal(aggregator.stats().open, 0);
    const second = run();
    assert.deepEqual(second, first);
    assert.deepEqual(
      first.map((a) => a.count),
      [2, 1],
    );
  });
});

describe('re-seen events', () => {
  it('the same event seen again folds into nothing: a re-ingest does not inflate the count', () => {
    const aggregator = new AlertAggregator();
    aggregator.add(candidate(0, 'e1'));
    const again = aggregator.add(candidate(0, 'e1'));
    assert.equal(again.isNew, false);
    assert.equal(again.alert.count, 1);
    assert.equal(aggregator.add(candidate(1, 'e2')).alert.count, 2);
  });
});
