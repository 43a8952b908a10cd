// The mail stage as the app runs it: one analyzer built from the organization profile, verdicts
// kept in the mail store, alerts for targeted and phishing mail, and campaigns regrouped over the
// recent verdicts whenever new mail arrives.
import type { Alert, EcsEvent, Site } from '../../core/index.ts';
import type { MailStore } from '../../storage/ports.ts';
import type { MailVerdict } from './analysis.ts';
import { MailAnalyzer, type MailAnalyzerOptions } from './analyzer.ts';
import type { YaraScanner } from './attachments/index.ts';
import { findCampaigns, findWaves, type MailCampaign, type Wave } from './campaigns.ts';
import { mailAlert, spamWaveAlerts } from './mail-alerts.ts';
import { UnreadableMessage } from './message/read-message.ts';
import { RecipientSites } from './recipient-sites.ts';
import type { Vip } from './sender/index.ts';
import { DEFAULT_THRESHOLDS } from './verdict/grade.ts';

export interface MailSettings {
  enabled: boolean;
  name: string;
  domains: readonly string[];
  partnerDomains: readonly string[];
  authservIds: readonly string[];
  vips: readonly Vip[];
  maxTargetedRecipients: number;
  campaignDays: number;
}

export interface MailBatchResult {
  verdicts: MailVerdict[];
  alerts: Alert[];
  /** Messages that could not be read again from the store, with the reason. */
  unreadable: { eventId: string; reason: string }[];
}

export interface CampaignReport {
  campaigns: MailCampaign[];
  /** Surges of all non-clean mail, whatever campaign it belongs to. */
  waves: Wave[];
}

const EMAIL_DATASET = 'email.message';
const CAMPAIGN_SCAN_LIMIT = 50_000;
const DAY_MS = 86_400_000;

export class MailService {
  readonly #options: MailAnalyzerOptions;
  readonly #analyzer: MailAnalyzer;
  #recipientSites: RecipientSites;

  constructor(
    readonly settings: MailSettings,
    private readonly store: MailStore,
    sites: readonly Site[],
    yara?: YaraScanner,
  ) {
    this.#options = {
      profile: {
        name: settings.name,
        domains: settings.domains,
        partnerDomains: settings.partnerDomains,
        authservIds: settings.authservIds,
        vips: settings.vips,
      },
      history: store.contacts,
      thresholds: { ...DEFAULT_THRESHOLDS, maxTargetedRecipients: settings.maxTargetedRecipients },
      ...(yara === undefined ? {} : { yara }),
    };
    this.#analyzer = new MailAnalyzer(this.#options);
    this.#recipientSites = new RecipientSites(sites);
  }

  get analyzer(): MailAnalyzer {
    return this.#analyzer;
  }

  /** An analyzer that reads the contact history but never adds to it: for one-off checks. */
  checker(): MailAnalyzer {
    const history = this.store.contacts;
    return new MailAnalyzer({
      ...this.#options,
      history: {
        seen: (sender, recipient) => history.seen(sender, recipient),
        record: () => undefined,
      },
    });
  }

  /** After a sites import: recipients map to the new registry. */
  setSites(sites: readonly Site[]): void {
    this.#recipientSites = new RecipientSites(sites);
  }

  /** Analyzes the email events of a stored batch, keeps their verdicts, returns their alerts. */
  async analyzeEvents(
    events: readonly EcsEvent[],
    options: { retrospective: boolean; now?: Date },
  ): Promise<MailBatchResult> {
    const result: MailBatchResult = { verdicts: [], alerts: [], unreadable: [] };
    const now = options.now ?? new Date();
    for (const event of events) {
      if (event.event.dataset !== EMAIL_DATASET) continue;
      let verdict: MailVerdict;
      try {
        verdict = await this.#analyzer.analyze(
          Buffer.from(event.event.original, 'utf8'),
          event.event.id,
        );
      } catch (error) {
        if (!(error instanceof UnreadableMessage)) throw error;
        result.unreadable.push({ eventId: event.event.id, reason: error.message });
        continue;
      }
      if (event.site !== undefined) {
        verdict.site = {
          id: event.site.id,
          ...(event.site.name === undefined ? {} : { name: event.site.name }),
        };
      }
      result.verdicts.push(verdict);
      const alert = mailAlert(verdict, event, {
        retrospective: options.retrospective,
        now,
        siteOf: (address) => this.#recipientSites.siteOf(address),
      });
      if (alert !== undefined) result.alerts.push(alert);
    }
    if (result.verdicts.length > 0) {
      await this.store.putVerdicts(result.verdicts);
      // Group around the batch's own time: history re-analysed today still groups as it was.
      const newest = Math.max(...result.verdicts.map((verdict) => Date.parse(verdict.date) || 0));
      const grouped = await this.regroup(newest > 0 ? new Date(newest) : now);
      result.alerts.push(
        ...spamWaveAlerts(grouped.campaigns, {
          retrospective: options.retrospective,
          now,
          siteOf: (address) => this.#recipientSites.siteOf(address),
        }),
      );
    }
    return result;
  }

  /**
   * Campaigns among the last `campaignDays` of verdicts before `until`, with each member's
   * verdict stamped with its campaign id.
   */
  async regroup(until: Date = new Date()): Promise<CampaignReport> {
    const verdicts = await this.#recent(until);
    const campaigns = findCampaigns(verdicts, { ignoreDomains: this.settings.domains });
    const assignments = new Map<string, string | undefined>();
    for (const verdict of verdicts)
      if (verdict.campaign_id !== undefined) assignments.set(verdict.event_id, undefined);
    for (const campaign of campaigns)
      for (const id of campaign.event_ids) assignments.set(id, campaign.id);
    await this.store.setCampaigns(assignments);
    const waves = findWaves(
      verdicts.filter((verdict) => verdict.verdict !== 'clean').map((verdict) => verdict.date),
      10,
    );
    return { campaigns, waves };
  }

  async #recent(until: Date): Promise<MailVerdict[]> {
    const out: MailVerdict[] = [];
    let cursor: string | undefined;
    // Message dates come from the sender's clock; allow a day of skew past `until`.
    const query = {
      since: until.getTime() - this.settings.campaignDays * DAY_MS,
      until: until.getTime() + DAY_MS,
    };
    do {
      const page = await this.store.verdicts({
        ...query,
        limit: 5000,
        ...(cursor === undefined ? {} : { cursor }),
      });
      out.push(...page.verdicts);
      cursor = page.nextCursor;
    } while (cursor !== undefined && out.length < CAMPAIGN_SCAN_LIMIT);
    return out;
  }
}
