// Campaigns: messages linked by what they share (attachment hash, sender infrastructure, lure),
// connected transitively; clean mail never joins; waves are hours far above the usual volume.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AttachmentVerdict, MailVerdict } from './analysis.ts';
import { findCampaigns, findWaves, lureKey } from './campaigns.ts';

function verdict(id: string, overrides: Partial<MailVerdict>): MailVerdict {
  return {
    event_id: id,
    message_id: `${id}@x`,
    verdict: 'phishing',
    score: 80,
    reasons: [],
    findings: [],
    from: `${id}@sender${id}.example`,
    from_name: '',
    to: [`staff-${id}@mofa.example`],
    cc: [],
    subject: `subject ${id} unique words ${id}`,
    date: '2011-07-12T00:00:00.000Z',
    link_domains: [],
    urls: [],
    attachments: [],
    bulk: false,
    internal_recipients: [],
    lures: [],
    ...overrides,
  };
}

const file = (sha256: string): AttachmentVerdict => ({
  name: 'a.doc',
  path: 'a.doc',
  size: 10,
  md5: '',
  sha1: '',
  sha256,
  type: 'ole',
  findings: [],
});

test('shared attachment hash and sending IP chain three messages into one campaign across sites', () => {
  const messages = [
    verdict('a', { attachments: [file('h1')], site: { id: 'beijing' } }),
    verdict('b', { attachments: [file('h1')], sending_ip: '45.77.10.9', site: { id: 'seoul' } }),
    verdict('c', { sending_ip: '45.77.10.9', site: { id: 'hanoi' }, verdict: 'targeted' }),
    verdict('d', {}),
    verdict('e', { attachments: [file('h1')], verdict: 'clean' }),
  ];
  const campaigns = findCampaigns(messages);
  assert.equal(campaigns.length, 1);
  const [campaign] = campaigns;
  assert.deepEqual(campaign?.event_ids, ['a', 'b', 'c']);
  assert.deepEqual(campaign?.sites, ['beijing', 'seoul', 'hanoi']);
  assert.equal(campaign?.verdict, 'targeted');
  assert.deepEqual(campaign?.shared, [
    'attachment sha256 h1 (2 messages)',
    'sending IP 45.77.10.9 (2 messages)',
  ]);
  assert.match(campaign?.id ?? '', /^mc-[0-9a-f]{16}$/);
  assert.equal(findCampaigns([...messages].reverse())[0]?.id, campaign?.id, 'id is stable');
});

test('the same lure with per-recipient tokens links; free-mail domains and common links do not', () => {
  assert.equal(
    lureKey('RE: Invoice 4808-11142 for alice@x.example FnEj4oJmgo overdue'),
    'invoice for overdue',
  );
  assert.equal(lureKey('Hi'), undefined);
  const campaigns = findCampaigns([
    verdict('a', { subject: 'Agenda of the ASEAN meeting 2011-07-12', from: 'x1@gmail.com' }),
    verdict('b', { subject: 'Fwd: Agenda of the ASEAN meeting 2011-07-13', from: 'x2@gmail.com' }),
    verdict('c', { from: 'x3@gmail.com', link_domains: ['google.com'] }),
    verdict('d', { from: 'x4@gmail.com', link_domains: ['google.com'] }),
  ]);
  assert.deepEqual(
    campaigns.map((c) => c.event_ids),
    [['a', 'b']],
  );
});

test('waves: an hour at least four times the usual volume and at least the minimum', () => {
  const hour = (h: number, n: number): string[] =>
    Array.from({ length: n }, () => new Date(Date.UTC(2011, 6, 12, h)).toISOString());
  const dates = [...hour(1, 1), ...hour(2, 1), ...hour(3, 2), ...hour(10, 12), ...hour(11, 3)];
  assert.deepEqual(findWaves(dates, 5), [
    { start: '2011-07-12T10:00:00.000Z', messages: 12, baseline: 0 },
  ]);
  assert.deepEqual(findWaves(hour(5, 4), 5), [], 'below the minimum');
});
