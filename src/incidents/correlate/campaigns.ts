// Campaigns: incidents at different sites that share an observable (the same C2 address,
// attachment hash, sender) within `campaignDays` become members of one campaign incident that
// lists every site, host and observable of its members and is graded over all their alerts.
import type { Alert, Incident } from '../../core/index.ts';
import type { IncidentStore, IncidentWrite } from '../../storage/ports.ts';
import { blankIncident, foldAlerts, incidentId } from '../incident-builder.ts';
import { record } from '../lifecycle.ts';

export interface CampaignContext {
  store: IncidentStore;
  campaignDays: number;
  alertsByIds(ids: readonly string[]): Promise<Alert[]>;
  /** Grades the campaign over its alerts, as every incident is graded. */
  regrade(incident: Incident, at: string): Promise<void>;
}

const SYSTEM = 'chancery';
const DAY_MS = 86_400_000;

/**
 * Incidents at different sites that share an observable (within `campaignDays`) are members of
 * one campaign incident that lists every site, host and observable. Returns campaigns touched.
 */
export async function linkCampaigns(
  incidents: readonly Incident[],
  context: CampaignContext,
  at: string,
): Promise<number> {
  const touched = new Set<string>();
  for (const incident of incidents) {
    if (incident.members !== undefined || incident.status === 'closed') continue;
    const keys = incident.observables
      .filter((o) => o.type !== 'file' && o.type !== 'user' && o.type !== 'process')
      .map((o) => `obs|${o.type}:${o.value.toLowerCase()}`);
    if (keys.length === 0) continue;
    const since = Date.parse(incident.last_seen) - context.campaignDays * DAY_MS;
    const related = (await context.store.findByKeys(keys, since)).filter(
      (other) => other.members === undefined,
    );
    const sites = new Set(related.flatMap((other) => other.sites));
    if (related.length < 2 || sites.size < 2) continue;
    const campaign = await campaignFor(related, context, at);
    touched.add(campaign.id);
  }
  return touched.size;
}

async function campaignFor(
  members: readonly Incident[],
  context: CampaignContext,
  at: string,
): Promise<Incident> {
  const existingIds = [
    ...new Set(
      members.flatMap((member) => (member.campaign_id === undefined ? [] : [member.campaign_id])),
    ),
  ];
  const existing = (await Promise.all(existingIds.map((id) => context.store.get(id)))).filter(
    (campaign): campaign is Incident => campaign !== undefined,
  );
  existing.sort((a, b) => Date.parse(a.created) - Date.parse(b.created));
  const sorted = [...members].sort(
    (a, b) => Date.parse(a.first_seen) - Date.parse(b.first_seen) || (a.id < b.id ? -1 : 1),
  );
  const first = sorted[0] as Incident;
  let campaign = existing[0];
  if (campaign === undefined) {
    campaign = blankIncident(incidentId(first.id, 'CMP'), 'Campaign', first, at);
    campaign.members = [];
    record(campaign, SYSTEM, at, 'created', 'campaign: the same observables at several sites');
  }
  const memberIds = new Set(campaign.members ?? []);
  // Every member of another campaign joins this one (the oldest); the other is closed.
  for (const other of existing.slice(1)) {
    for (const id of other.members ?? []) memberIds.add(id);
    other.status = 'closed';
    record(other, SYSTEM, at, 'linked', `merged into campaign ${campaign.id}`);
    await context.store.put([{ incident: other }]);
  }
  const allMembers = new Map<string, Incident>();
  for (const id of memberIds) {
    const member = await context.store.get(id);
    if (member !== undefined) allMembers.set(id, member);
  }
  for (const member of members) allMembers.set(member.id, member);
  const writes: IncidentWrite[] = [];
  for (const member of allMembers.values()) {
    if (!memberIds.has(member.id))
      record(
        campaign,
        SYSTEM,
        at,
        'linked',
        `member ${member.id}: ${member.title} (${member.sites.join(', ')})`,
      );
    memberIds.add(member.id);
    if (member.campaign_id !== campaign.id) {
      member.campaign_id = campaign.id;
      record(member, SYSTEM, at, 'linked', `part of campaign ${campaign.id}`);
      writes.push({ incident: member });
    }
  }
  campaign.members = [...memberIds].sort();
  const alerts = [...allMembers.values()].flatMap((member) => member.alert_ids);
  campaign.alert_ids = [];
  foldAlerts(campaign, await context.alertsByIds(alerts));
  await context.regrade(campaign, at);
  writes.push({
    incident: campaign,
    keys: campaign.observables.map((o) => `campaign|${o.type}:${o.value.toLowerCase()}`),
  });
  await context.store.put(writes);
  return campaign;
}
