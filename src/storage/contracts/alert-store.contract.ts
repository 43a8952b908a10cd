// The AlertStore contract: upsert by id (state only moves forward, `created` kept), every filter,
// cursor paging and the per-rule summary. Run by describeStoresContract for every adapter.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventId, type Alert } from '../../core/index.ts';
import type { AlertQuery, Stores } from '../ports.ts';

export type WithStores = (body: (stores: Stores) => Promise<void>) => Promise<void>;

/** An alert at second `seconds` of a fixed test day; its id is derived from time and `name`. */
export function makeAlert(seconds: number, overrides: Partial<Alert> = {}, name = ''): Alert {
  const timestamp = new Date(Date.UTC(2024, 3, 19, 0, 0, seconds)).toISOString();
  const eventIds = [eventId(Date.parse(timestamp), 'test.contract', `event ${seconds} ${name}`)];
  return {
    id: eventId(Date.parse(timestamp), 'test.alert', `${seconds} ${name}`),
    detector: 'sigma',
    rule: { id: 'rule-a', name: 'Rule A', author: 'Tester' },
    level: 'medium',
    tags: ['attack.t1059'],
    '@timestamp': timestamp,
    last_seen: timestamp,
    count: 1,
    site: { id: 'tokyo-hq' },
    host: 'ws-01',
    event_ids: eventIds,
    matched: [{ field: 'process.name', value: 'powershell.exe' }],
    observables: [{ type: 'host', value: 'ws-01' }],
    retrospective: false,
    created: '2024-04-19T01:00:00.000Z',
    ...overrides,
  };
}

const second = (alert: Alert): number => new Date(alert['@timestamp']).getUTCSeconds();

export function describeAlertStoreContract(withStores: WithStores): void {
  describe('alert store', () => {
    it('stores alerts whole and gets them by id', () =>
      withStores(async (stores) => {
        const alert = makeAlert(1, { details: { route: 'x', nested: { n: 1 } } });
        assert.deepEqual(await stores.alerts.upsert([alert]), {
          inserted: 1,
          updated: 0,
          unchanged: 0,
        });
        assert.deepEqual(await stores.alerts.get(alert.id), alert);
        assert.equal(await stores.alerts.get('0'.repeat(32)), undefined);
      }));

    it('updates a folded alert by id, keeping when it was first raised', () =>
      withStores(async (stores) => {
        const first = makeAlert(1);
        await stores.alerts.upsert([first]);
        const folded: Alert = {
          ...first,
          count: 3,
          last_seen: '2024-04-19T00:00:09.000Z',
          event_ids: [...first.event_ids, 'b'.repeat(32), 'c'.repeat(32)],
          created: '2024-04-20T00:00:00.000Z',
        };
        assert.deepEqual(await stores.alerts.upsert([folded]), {
          inserted: 0,
          updated: 1,
          unchanged: 0,
        });
        assert.deepEqual(await stores.alerts.get(first.id), { ...folded, created: first.created });
        assert.equal((await stores.alerts.query({ limit: 10 })).alerts.length, 1);
      }));

    it('ignores older snapshots and repeats, so a re-run adds nothing', () =>
      withStores(async (stores) => {
        const alert = makeAlert(1, { count: 5 });
        await stores.alerts.upsert([alert]);
        const result = await stores.alerts.upsert([
          { ...alert, count: 2, created: '2030-01-01T00:00:00.000Z' },
          { ...alert, created: '2030-01-01T00:00:00.000Z' },
        ]);
        assert.deepEqual(result, { inserted: 0, updated: 0, unchanged: 2 });
        assert.deepEqual(await stores.alerts.get(alert.id), alert);
      }));

    it('takes several states of one alert in one batch in order', () =>
      withStores(async (stores) => {
        const alert = makeAlert(1);
        const result = await stores.alerts.upsert([alert, { ...alert, count: 2 }]);
        assert.deepEqual(result, { inserted: 1, updated: 1, unchanged: 0 });
        assert.equal((await stores.alerts.get(alert.id))?.count, 2);
      }));

    it('filters by time, minimum level, detector, rule, site, host and mode', () =>
      withStores(async (stores) => {
        await stores.alerts.upsert([
          makeAlert(1, { level: 'low' }),
          makeAlert(2, { level: 'high', rule: { id: 'rule-b', name: 'Rule B' } }),
          makeAlert(3, { level: 'critical', detector: 'mail', site: { id: 'paris' } }),
          makeAlert(4, { host: 'ws-02', retrospective: true }),
        ]);
        const t = (s: number): number => Date.UTC(2024, 3, 19, 0, 0, s);
        const seconds = async (query: Omit<AlertQuery, 'limit'>): Promise<number[]> =>
          (await stores.alerts.query({ limit: 10, ...query })).alerts.map(second);
        assert.deepEqual(await seconds({}), [4, 3, 2, 1]);
        assert.deepEqual(await seconds({ since: t(2), until: t(4) }), [3, 2]);
        assert.deepEqual(await seconds({ level: 'high' }), [3, 2]);
        assert.deepEqual(await seconds({ level: 'medium' }), [4, 3, 2]);
        assert.deepEqual(await seconds({ detector: 'mail' }), [3]);
        assert.deepEqual(await seconds({ ruleId: 'rule-b' }), [2]);
        assert.deepEqual(await seconds({ site: 'paris' }), [3]);
        assert.deepEqual(await seconds({ host: 'ws-02' }), [4]);
        assert.deepEqual(await seconds({ retrospective: true }), [4]);
        assert.deepEqual(await seconds({ retrospective: false, order: 'asc' }), [1, 2, 3]);
        assert.deepEqual(await seconds({ site: 'tokyo-hq', level: 'high' }), [2]);
      }));

    it('pages with a cursor without skipping or repeating, also within one second', () =>
      withStores(async (stores) => {
        const alerts = Array.from({ length: 25 }, (_, i) => makeAlert(i % 5, {}, `n${i}`));
        await stores.alerts.upsert(alerts);
        for (const order of ['desc', 'asc'] as const) {
          const seen: string[] = [];
          let cursor: string | undefined;
          do {
            const page = await stores.alerts.query({
              limit: 7,
              order,
              ...(cursor === undefined ? {} : { cursor }),
            });
            seen.push(...page.alerts.map((a) => a.id));
            cursor = page.nextCursor;
          } while (cursor !== undefined);
          assert.equal(new Set(seen).size, 25, order);
        }
        await assert.rejects(
          async () => stores.alerts.query({ limit: 1, cursor: 'garbage' }),
          /cursor/,
        );
      }));

    it('counts alerts and events per rule, most alerts first', () =>
      withStores(async (stores) => {
        await stores.alerts.upsert([
          makeAlert(1, { count: 4 }),
          makeAlert(2, { level: 'high' }),
          makeAlert(3, { rule: { id: 'rule-b', name: 'Rule B' }, site: { id: 'paris' } }),
        ]);
        assert.deepEqual(await stores.alerts.countByRule(), [
          {
            detector: 'sigma',
            ruleId: 'rule-a',
            ruleName: 'Rule A',
            level: 'high',
            alerts: 2,
            events: 5,
            lastSeen: '2024-04-19T00:00:02.000Z',
          },
          {
            detector: 'sigma',
            ruleId: 'rule-b',
            ruleName: 'Rule B',
            level: 'medium',
            alerts: 1,
            events: 1,
            lastSeen: '2024-04-19T00:00:03.000Z',
          },
        ]);
        const paris = await stores.alerts.countByRule({ site: 'paris' });
        assert.deepEqual(
          paris.map((r) => r.ruleId),
          ['rule-b'],
        );
      }));
  });
}
