// The MailStore contract: verdicts replaced by event id, filters, newest-first cursor paging,
// campaign stamps, and the contact history. Run by describeStoresContract for every adapter.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MailVerdict } from '../../detect/mail/analysis.ts';
import type { WithStores } from './alert-store.contract.ts';

function verdict(day: number, overrides: Partial<MailVerdict> = {}): MailVerdict {
  return {
    event_id: `e${String(day).padStart(2, '0')}`,
    message_id: `m${day}@example.org`,
    verdict: 'clean',
    score: 0,
    reasons: [],
    findings: [],
    from: 'a@example.org',
    from_name: 'A',
    to: ['b@mofa.go.jp'],
    cc: [],
    subject: `day ${day}`,
    date: new Date(Date.UTC(2011, 6, day)).toISOString(),
    link_domains: [],
    urls: [],
    attachments: [],
    bulk: false,
    internal_recipients: ['b@mofa.go.jp'],
    lures: [],
    ...overrides,
  };
}

export function describeMailStoreContract(withStores: WithStores): void {
  describe('mail store', () => {
    it('keeps verdicts whole, replaces them by event id, and filters by date, verdict and site', () =>
      withStores(async (stores) => {
        const targeted = verdict(3, {
          verdict: 'targeted',
          score: 99,
          site: { id: 'beijing', name: 'Embassy in Beijing' },
          findings: [{ code: 'lookalike-sender', weight: 0.85, reason: 'x', kind: 'evasion' }],
        });
        assert.equal(await stores.mail.putVerdicts([verdict(1), verdict(2), targeted]), 3);
        assert.deepEqual(await stores.mail.getVerdict('e03'), targeted);
        await stores.mail.putVerdicts([{ ...verdict(1), verdict: 'spam', score: 60 }]);
        assert.equal((await stores.mail.getVerdict('e01'))?.verdict, 'spam');
        const all = await stores.mail.verdicts({ limit: 10 });
        assert.deepEqual(
          all.verdicts.map((v) => v.event_id),
          ['e03', 'e02', 'e01'],
        );
        const only = async (query: Parameters<typeof stores.mail.verdicts>[0]) =>
          (await stores.mail.verdicts(query)).verdicts.map((v) => v.event_id);
        assert.deepEqual(await only({ limit: 10, verdicts: ['targeted', 'spam'] }), ['e03', 'e01']);
        assert.deepEqual(await only({ limit: 10, site: 'beijing' }), ['e03']);
        assert.deepEqual(
          await only({ limit: 10, since: Date.UTC(2011, 6, 2), until: Date.UTC(2011, 6, 3) }),
          ['e02'],
        );
        assert.equal(await stores.mail.putVerdicts([verdict(4, { event_id: '' })]), 0);
      }));

    it('pages newest first with a cursor and refuses a forged one', () =>
      withStores(async (stores) => {
        await stores.mail.putVerdicts([1, 2, 3, 4, 5].map((day) => verdict(day)));
        const first = await stores.mail.verdicts({ limit: 2 });
        assert.deepEqual(
          first.verdicts.map((v) => v.event_id),
          ['e05', 'e04'],
        );
        assert.ok(first.nextCursor !== undefined);
        const second = await stores.mail.verdicts({ limit: 10, cursor: first.nextCursor });
        assert.deepEqual(
          second.verdicts.map((v) => v.event_id),
          ['e03', 'e02', 'e01'],
        );
        assert.equal(second.nextCursor, undefined);
        await assert.rejects(stores.mail.verdicts({ limit: 2, cursor: 'bm90IGEgY3Vyc29y' }));
      }));

    it('stamps and clears campaign ids', () =>
      withStores(async (stores) => {
        await stores.mail.putVerdicts([verdict(1), verdict(2)]);
        await stores.mail.setCampaigns(
          new Map([
            ['e01', 'mc-1'],
            ['e02', 'mc-1'],
            ['e99', 'mc-1'],
          ]),
        );
        assert.equal((await stores.mail.getVerdict('e02'))?.campaign_id, 'mc-1');
        await stores.mail.setCampaigns(new Map([['e02', undefined]]));
        assert.equal((await stores.mail.getVerdict('e02'))?.campaign_id, undefined);
        assert.equal((await stores.mail.getVerdict('e01'))?.campaign_id, 'mc-1');
      }));

    it('remembers who wrote to whom, case-insensitively', () =>
      withStores(async (stores) => {
        const history = stores.mail.contacts;
        assert.equal(history.seen('Partner@Example.org'), false);
        history.record('Partner@Example.org', 'B@mofa.go.jp', Date.UTC(2011, 6, 1));
        history.record('partner@example.org', 'b@mofa.go.jp', Date.UTC(2011, 6, 2));
        assert.equal(history.seen('partner@example.org'), true);
        assert.equal(history.seen('partner@example.org', 'b@mofa.go.jp'), true);
        assert.equal(history.seen('partner@example.org', 'c@mofa.go.jp'), false);
        history.record('', 'b@mofa.go.jp', 0);
        assert.equal(history.seen(''), false);
      }));
  });
}
