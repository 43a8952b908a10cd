// The alert stream: alerts are stored before anyone hears of them, and a failing subscriber
// never stops the others or the publisher.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Alert } from '../core/index.ts';
import type { AlertStore } from '../storage/ports.ts';
import { AlertAggregator } from './aggregator.ts';
import { AlertStream } from './alert-stream.ts';
import { candidate } from '../../test/support/alerts.ts';

/** A store in a Map, enough for the stream: the real adapters are tested by the store contract. */
function memoryStores(): { alerts: AlertStore; close: () => Promise<void> } {
  const stored = new Map<string, Alert>();
  const alerts: AlertStore = {
    upsert: async (batch) => {
      let inserted = 0;
      for (const a of batch) {
        if (!stored.has(a.id)) inserted++;
        stored.set(a.id, structuredClone(a));
      }
      return { inserted, updated: batch.length - inserted, unchanged: 0 };
    },
    query: async ({ limit }) => ({ alerts: [...stored.values()].slice(0, limit) }),
    get: async (id) => stored.get(id),
    countByRule: async () => [],
  };
  return { alerts, close: async () => undefined };
}

const alert = (minutes: number, eventId: string): Alert =>
  new AlertAggregator().add(candidate(minutes, eventId)).alert;

describe('AlertStream', () => {
  it('stores alerts, then tells subscribers, who can already read them back', async () => {
    const stores = memoryStores();
    const stream = new AlertStream(stores.alerts);
    const seen: (Alert | undefined)[] = [];
    stream.subscribe(async (alerts) => {
      for (const a of alerts) seen.push(await stores.alerts.get(a.id));
    });
    const published = alert(0, 'e1');
    assert.deepEqual(await stream.publish([published]), { inserted: 1, updated: 0, unchanged: 0 });
    assert.deepEqual(seen, [published]);
    assert.deepEqual(stream.stats(), { published: 1, listeners: 1, listenerFailures: 0 });
    await stores.close();
  });

  it('tells no one when storing fails', async () => {
    const failing: AlertStore = {
      upsert: () => Promise.reject(new Error('disk full')),
      query: () => Promise.resolve({ alerts: [] }),
      get: () => Promise.resolve(undefined),
      countByRule: () => Promise.resolve([]),
    };
    const stream = new AlertStream(failing);
    let called = false;
    stream.subscribe(() => {
      called = true;
    });
    await assert.rejects(stream.publish([alert(0, 'e1')]), /disk full/);
    assert.equal(called, false);
  });

  it('isolates a failing subscriber: the others still hear, the publisher never fails', async () => {
    const stores = memoryStores();
    const errors: unknown[] = [];
    const stream = new AlertStream(stores.alerts, { onListenerError: (e) => errors.push(e) });
    const heard: string[] = [];
    stream.subscribe(() => {
      throw new Error('sync boom');
    });
    stream.subscribe(async () => Promise.reject(new Error('async boom')));
    stream.subscribe((alerts) => {
      heard.push(...alerts.map((a) => a.id));
    });
    const published = alert(0, 'e1');
    await stream.publish([published]);
    assert.deepEqual(heard, [published.id]);
    assert.deepEqual(errors.map((e) => (e as Error).message).sort(), ['async boom', 'sync boom']);
    assert.equal(stream.stats().listenerFailures, 2);
    await stores.close();
  });

  it('stops telling a subscriber once it unsubscribes', async () => {
    const stores = memoryStores();
    const stream = new AlertStream(stores.alerts);
    let calls = 0;
    const unsubscribe = stream.subscribe(() => {
      calls++;
    });
    await stream.publish([alert(0, 'e1')]);
    unsubscribe();
    unsubscribe();
    await stream.publish([alert(1, 'e2')]);
    assert.equal(calls, 1);
    assert.equal(stream.stats().listeners, 0);
    await stores.close();
  });

  it('updates a folded alert in place as the aggregator reports it', async () => {
    const stores = memoryStores();
    const stream = new AlertStream(stores.alerts);
    const aggregator = new AlertAggregator();
    await stream.publish(aggregator.addAll([candidate(0, 'e1')]));
    await stream.publish(aggregator.addAll([candidate(1, 'e2'), candidate(2, 'e3')]));
    const page = await stores.alerts.query({ limit: 10 });
    assert.deepEqual(
      page.alerts.map((a) => [a.count, a.event_ids]),
      [[3, ['e1', 'e2', 'e3']]],
    );
    await stores.close();
  });
});
