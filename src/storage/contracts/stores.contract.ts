// The contract every storage adapter must pass. An adapter's test file calls
// `describeStoresContract('name', open)`; the suite defines what the ports promise.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventId, type EcsEvent, type Site } from '../../core/index.ts';
import type { Stores } from '../ports.ts';
import { describeAlertStoreContract } from './alert-store.contract.ts';
import { describeMailStoreContract } from './mail-store.contract.ts';

export type OpenStores = () => Stores | Promise<Stores>;

export function makeEvent(seconds: number, overrides: Partial<EcsEvent> = {}): EcsEvent {
  const timestamp = new Date(Date.UTC(2024, 3, 19, 0, 0, seconds)).toISOString();
  const original = `line ${seconds} ${JSON.stringify(overrides)}`;
  return {
    '@timestamp': timestamp,
    event: {
      id: eventId(Date.parse(timestamp), 'test.contract', original),
      kind: 'event',
      category: ['network'],
      dataset: 'test.contract',
      module: 'test',
      original,
    },
    source: { ip: '10.1.0.5', port: 40000 + seconds },
    destination: { ip: '203.0.113.7', port: 443 },
    ...overrides,
  };
}

const site: Site = {
  id: 'tokyo-hq',
  name: 'Tokyo HQ',
  country: 'JP',
  timezoneOffsetMinutes: 540,
  openCidrs: ['10.1.0.0/16'],
  closedCidrs: ['10.99.0.0/16'],
  attributes: { region: 'asia' },
};

export function describeStoresContract(name: string, open: OpenStores): void {
  describe(`storage contract: ${name}`, () => {
    const withStores = async (body: (stores: Stores) => Promise<void>): Promise<void> => {
      const stores = await open();
      try {
        await body(stores);
      } finally {
        await stores.close();
      }
    };

    it('stores events and returns them newest first with every field intact', () =>
      withStores(async (stores) => {
        const events = [1, 2, 3].map((s) => makeEvent(s));
        assert.deepEqual(await stores.events.append(events), { inserted: 3, duplicates: 0 });
        const page = await stores.events.query({ limit: 10 });
        assert.deepEqual(
          page.events.map((e) => e.event.id),
          [events[2], events[1], events[0]].map((e) => e?.event.id),
        );
        assert.deepEqual(page.events[0], events[2]);
        assert.equal(page.nextCursor, undefined);
      }));

    it('ignores events it already has, within a batch and across batches', () =>
      withStores(async (stores) => {
        const events = [1, 2].map((s) => makeEvent(s));
        await stores.events.append(events);
        const again = await stores.events.append([...events, makeEvent(3), makeEvent(3)]);
        assert.deepEqual(again, { inserted: 1, duplicates: 3 });
        assert.equal((await stores.events.query({ limit: 100 })).events.length, 3);
      }));

    it('pages with a cursor without skipping or repeating', () =>
      withStores(async (stores) => {
        await stores.events.append(Array.from({ length: 25 }, (_, i) => makeEvent(i)));
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await stores.events.query({
            limit: 10,
            order: 'asc',
            ...(cursor ? { cursor } : {}),
          });
          seen.push(...page.events.map((e) => e['@timestamp']));
          cursor = page.nextCursor;
        } while (cursor !== undefined);
        assert.equal(seen.length, 25);
        assert.deepEqual(seen, [...seen].sort());
        assert.equal(new Set(seen).size, 25);
      }));

    it('filters by time range, site, host and field values', () =>
      withStores(async (stores) => {
        await stores.events.append([
          makeEvent(1, { site: { id: 'tokyo-hq' }, host: { name: 'ws-01' } }),
          makeEvent(2, {
            site: { id: 'beijing' },
            source: { ip: '198.51.100.9', zone: 'external' },
            destination: { ip: '10.1.0.9', port: 53 },
          }),
          makeEvent(3, { site: { id: 'tokyo-hq' }, user: { name: 'tanaka' } }),
        ]);
        const t = (s: number): number => Date.UTC(2024, 3, 19, 0, 0, s);
        const ids = async (q: Parameters<Stores['events']['query']>[0]): Promise<number[]> =>
          (await stores.events.query(q)).events.map((e) =>
            new Date(e['@timestamp']).getUTCSeconds(),
          );
        assert.deepEqual(await ids({ limit: 10, since: t(2) }), [3, 2]);
        assert.deepEqual(await ids({ limit: 10, since: t(1), until: t(3) }), [2, 1]);
        assert.deepEqual(await ids({ limit: 10, site: 'tokyo-hq' }), [3, 1]);
        assert.deepEqual(await ids({ limit: 10, host: 'ws-01' }), [1]);
        // Without a host name the host is the internal address: the destination when the source is on the internet.
        assert.deepEqual(await ids({ limit: 10, host: '10.1.0.9' }), [2]);
        assert.deepEqual(await ids({ limit: 10, host: '10.1.0.5' }), [3]);
        assert.deepEqual(await ids({ limit: 10, host: '198.51.100.9' }), []);
        const where = (field: string, op: '=' | '!=', value: string) => ({
          limit: 10,
          where: [{ field, op, value }],
        });
        assert.deepEqual(await ids(where('destination.port', '=', '53')), [2]);
        assert.deepEqual(await ids(where('user.name', '=', 'tanaka')), [3]);
        assert.deepEqual(await ids(where('event.category', '=', 'network')), [3, 2, 1]);
        assert.deepEqual(await ids(where('source.ip', '=', '198.51.*')), [2]);
        assert.deepEqual(await ids(where('site.id', '!=', 'tokyo-hq')), [2]);
        assert.deepEqual(await ids(where('user.name', '!=', 'tanaka')), [2, 1]);
      }));

    it('rejects a malformed field name or cursor with a clear error', () =>
      withStores(async (stores) => {
        await assert.rejects(
          async () =>
            stores.events.query({
              limit: 1,
              where: [{ field: "x') OR 1=1 --", op: '=', value: '1' }],
            }),
          /CHN_ERR_QUERY_INVALID|not a field name/,
        );
        await assert.rejects(
          async () => stores.events.query({ limit: 1, cursor: 'garbage' }),
          /cursor/,
        );
      }));

    it('counts events by dataset and gets one by id', () =>
      withStores(async (stores) => {
        const event = makeEvent(5);
        await stores.events.append([event, makeEvent(6)]);
        assert.deepEqual(await stores.events.countByDataset(), [
          { dataset: 'test.contract', count: 2 },
        ]);
        assert.deepEqual(await stores.events.get(event.event.id), event);
        assert.equal(await stores.events.get('0'.repeat(32)), undefined);
      }));

    it('keeps rejects once per source, line and raw text, and pages them', () =>
      withStores(async (stores) => {
        const reject = {
          source: 'a.log',
          line: 3,
          reason: 'bad',
          raw: 'x',
          rawBytes: 1,
          receivedAt: new Date().toISOString(),
        };
        assert.equal(await stores.rejects.add([reject, { ...reject, line: 4 }]), 2);
        assert.equal(await stores.rejects.add([reject]), 0);
        assert.equal(await stores.rejects.count(), 2);
        const first = await stores.rejects.list({ limit: 1 });
        assert.equal(first.rejects[0]?.line, 3);
        assert.ok(first.nextCursor);
        const second = await stores.rejects.list({ limit: 1, cursor: first.nextCursor });
        assert.equal(second.rejects[0]?.line, 4);
        assert.equal(second.nextCursor, undefined);
      }));

    it('replaces the site registry as a whole', () =>
      withStores(async (stores) => {
        await stores.sites.replaceAll([site, { ...site, id: 'other' }]);
        await stores.sites.replaceAll([site]);
        assert.deepEqual(await stores.sites.list(), [site]);
      }));

    it('verifies token secrets and forgets revoked ones', () =>
      withStores(async (stores) => {
        const { token, secret } = await stores.tokens.create('ops', 'analyst');
        assert.equal((await stores.tokens.verify(secret))?.id, token.id);
        assert.equal(
          await stores.tokens.verify(secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A')),
          undefined,
        );
        assert.equal(await stores.tokens.verify('nonsense'), undefined);
        assert.equal(await stores.tokens.revoke(token.id), true);
        assert.equal(await stores.tokens.verify(secret), undefined);
        assert.equal(await stores.tokens.revoke(token.id), false);
        const listed = await stores.tokens.list();
        assert.equal(listed.length, 1);
        assert.ok(listed[0]?.revokedAt);
        assert.ok(!JSON.stringify(listed).includes(secret));
      }));

    describeAlertStoreContract(withStores);
    describeMailStoreContract(withStores);
  });
}
