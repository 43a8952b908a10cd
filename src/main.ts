// The composition root: the one place that picks adapters and wires the stages together.
// The CLI and the server ask it for an App and never construct stores themselves.
import { dirname, resolve } from 'node:path';
import { AlertAggregator } from './alerts/aggregator.ts';
import { AlertStream } from './alerts/alert-stream.ts';
import { loadConfig, type LoadedConfig, type LocateOptions } from './config/load.ts';
import type { Alert, Incident } from './core/index.ts';
import { MailService } from './detect/mail/service.ts';
import { loadYaraRules } from './detect/mail/yara-rules.ts';
import type { DestinationContext, ListMatch } from './detect/network/analyzer.ts';
import { NetworkService } from './detect/network/service.ts';
import { DEFAULT_DECAY } from './detect/indicators/decay.ts';
import { IntelService } from './detect/indicators/service.ts';
import { SigmaService } from './detect/sigma/service.ts';
import type { ReadOptions } from './enrich/intel/read.ts';
import { compilePattern } from './enrich/intel/stix/pattern/evaluate.ts';
import { loadStixSchemas } from './enrich/intel/stix/schema.ts';
import { warninglistsOfIndicator } from './enrich/intel/warninglisted.ts';
import { GeoEnricher } from './enrich/geo/index.ts';
import { Warninglists } from './enrich/warninglists/index.ts';
import { SiteMatcher } from './enrich/site/site-matcher.ts';
import { IncidentChannels } from './incidents/channels.ts';
import { gradeConfigFrom } from './incidents/grade/config.ts';
import { IncidentService } from './incidents/service.ts';
import { Ingestor } from './pipeline/ingestor.ts';
import type { Stores } from './storage/ports.ts';
import { openSqliteStores } from './storage/sqlite/index.ts';

export interface App {
  config: LoadedConfig;
  stores: Stores;
  ingestor: Ingestor;
  /** The common alert stream every detector publishes to; stored in `stores.alerts`. */
  alerts: AlertStream;
  /** Sigma rules: the active set, the live detector, hunts. */
  sigma: SigmaService;
  /** Mail analysis: verdicts, campaigns and mail alerts. */
  mail: MailService;
  /** Network analytics: beacons, tunnels, uploads, zone breaches; live and over history. */
  network: NetworkService;
  /** Threat intelligence: the indicator store, live matching, retro-hunts. */
  intel: IntelService;
  /** How `chancery intel import` and `POST /intel/import` read inputs (schemas, default TLP). */
  intelReadOptions(): ReadOptions;
  /** Incidents: alerts correlated, graded, driven through response and reporting. */
  incidents: IncidentService;
  /** The report for the authority (CISA required elements). */
  incidentReport(incident: Incident, format: 'html' | 'pdf'): Promise<string | Buffer>;
  /** Mails the report to the configured authority and marks the incident reported; says how it went. */
  sendIncidentReport(incident: Incident, by: string): Promise<string>;
  /**
   * A sink that folds detector output into alerts (identical matches aggregate) and publishes
   * them. Live detection has one for the life of the app; each hunt opens its own, so a second
   * hunt never folds into the first one's alerts.
   */
  openAlertSink(): AlertSink;
  /**
   * Runs the analyses that wait for more telemetry (the network window) on what has arrived;
   * the CLI calls it after an ingest, the server on a timer.
   */
  flushDetectors(): Promise<void>;
  /** Rebuilds the site matcher after the registry changed (sites import). */
  reloadSites(): Promise<SiteMatcher>;
  close(): Promise<void>;
}

export interface AlertSink {
  raise(alerts: readonly Alert[]): Promise<void>;
}

export async function openApp(options: LocateOptions = {}): Promise<App> {
  const config = loadConfig(options);
  const stores = openSqliteStores(config.dataDir);
  let matcher = new SiteMatcher(await stores.sites.list());
  const settings = config.config.sigma;
  const sigma = new SigmaService(
    {
      enabled: settings.enabled,
      // Rule paths in the config file are relative to it, as data_dir is.
      rulePaths: settings.rule_paths.map((path) => resolve(dirname(config.file), path)),
      placeholders: settings.placeholders,
      huntDays: settings.hunt_days,
    },
    config.dataDir,
  );
  const mailSettings = config.config.mail;
  const mail = new MailService(
    {
      enabled: mailSettings.enabled,
      name: config.config.name,
      domains: config.config.domains,
      partnerDomains: mailSettings.partner_domains,
      authservIds: mailSettings.authserv_ids,
      vips: mailSettings.vips,
      maxTargetedRecipients: mailSettings.max_targeted_recipients,
      campaignDays: mailSettings.campaign_days,
    },
    stores.mail,
    await stores.sites.list(),
    await loadYaraRules(
      mailSettings.yara_rule_paths.map((path) => resolve(dirname(config.file), path)),
    ),
  );
  const networkSettings = config.config.network;
  const fromConfig = (path: string): string => resolve(dirname(config.file), path);
  const networkLists = networkSettings.warninglist_paths.map((path) =>
    Warninglists.fromDirectory(fromConfig(path)),
  );
  const network = new NetworkService(
    {
      enabled: networkSettings.enabled,
      intervalSeconds: networkSettings.interval_seconds,
      alertThreshold: networkSettings.alert_threshold,
    },
    stores.network,
    {
      watchCountries: config.config.watch_countries,
      alertThreshold: networkSettings.alert_threshold,
      context: destinationContext(new GeoEnricher(), networkLists),
    },
  );
  const intelSettings = config.config.intel;
  const intelLists = [
    ...networkLists,
    ...intelSettings.warninglist_paths.map((path) => Warninglists.fromDirectory(fromConfig(path))),
  ];
  const intel = new IntelService(
    {
      enabled: intelSettings.enabled,
      huntDays: intelSettings.hunt_days,
      huntOnImport: intelSettings.hunt_on_import,
      decay: {
        ...DEFAULT_DECAY,
        halfLifeDays: { ...DEFAULT_DECAY.halfLifeDays, ...intelSettings.half_life_days },
        floor: intelSettings.expire_below,
        sourceConfidence: intelSettings.source_confidence,
      },
    },
    {
      store: stores.intel,
      values: stores.values,
      events: stores.events,
      compilePattern,
      warninglistsOf: (indicator) => warninglistsOfIndicator(intelLists, indicator),
    },
  );
  let intelReadOptions: ReadOptions | undefined;
  const alerts = new AlertStream(stores.alerts);
  const incidentSettings = config.config.incidents;
  const channels = new IncidentChannels(
    {
      organization: config.config.name,
      webhooks: incidentSettings.webhooks.map((hook) => ({
        url: hook.url,
        secret: process.env[hook.secret_env] ?? '',
        events: hook.events,
      })),
      ...(incidentSettings.smtp === undefined
        ? {}
        : {
            smtp: {
              host: incidentSettings.smtp.host,
              port: incidentSettings.smtp.port,
              secure: incidentSettings.smtp.secure,
              from: incidentSettings.smtp.from,
              ...(incidentSettings.smtp.user === undefined
                ? {}
                : { user: incidentSettings.smtp.user }),
              ...(incidentSettings.smtp.password_env === undefined
                ? {}
                : { password: process.env[incidentSettings.smtp.password_env] ?? '' }),
            },
          }),
      escalationEmails: incidentSettings.escalation_emails,
      authorityEmails: incidentSettings.authority_emails,
    },
    stores.alerts,
  );
  const incidents = new IncidentService(
    {
      enabled: incidentSettings.enabled,
      windowHours: incidentSettings.window_hours,
      campaignDays: incidentSettings.campaign_days,
      minLevel: incidentSettings.min_alert_level,
      ownDomains: config.config.domains,
      watchCountries: config.config.watch_countries,
      deadlines: {
        minutes: incidentSettings.report_deadline_minutes,
        warningMinutes: incidentSettings.escalation_warning_minutes,
      },
      // Weights and thresholds given in the config replace the defaults one key at a time.
      grade: gradeConfigFrom(incidentSettings.grade),
    },
    { store: stores.incidents, alerts: stores.alerts, notifier: channels },
  );
  // Every stored alert reaches its incident as it is published, live or from a hunt.
  if (incidentSettings.enabled)
    alerts.subscribe(async (batch) => {
      await incidents.correlate(batch);
    });
  const openAlertSink = (): AlertSink => {
    const aggregator = new AlertAggregator({
      windowMs: settings.aggregation_window_seconds * 1000,
    });
    return {
      async raise(candidates) {
        if (candidates.length > 0) await alerts.publish(aggregator.addAll(candidates));
      },
    };
  };
  const live = openAlertSink();
  const ingestor = new Ingestor({
    events: stores.events,
    rejects: stores.rejects,
    get matcher() {
      return matcher;
    },
    limits: config.config.ingest,
    // Detection runs on each stored batch: an alert never points at an event the store lacks.
    onBatch: async (events) => {
      const mode = { retrospective: false };
      if (sigma.settings.enabled) {
        const detector = sigma.detector();
        await live.raise([...detector.detect(events, mode), ...detector.closeWindows(mode)]);
      }
      if (mail.settings.enabled) await live.raise((await mail.analyzeEvents(events, mode)).alerts);
      const analysis = await network.observe(events);
      if (analysis !== undefined) await live.raise(analysis.alerts);
      if (intel.settings.enabled) await live.raise(await intel.detect(events, mode));
    },
  });
  return {
    config,
    stores,
    ingestor,
    alerts,
    sigma,
    mail,
    network,
    intel,
    intelReadOptions() {
      // Schemas are compiled on first use: most commands never import STIX.
      intelReadOptions ??= {
        defaultTlp: intelSettings.default_tlp,
        ...(intelSettings.stix_schema_path === undefined
          ? {}
          : { schemas: loadStixSchemas(fromConfig(intelSettings.stix_schema_path)) }),
      };
      return intelReadOptions;
    },
    incidents,
    incidentReport: (incident, format) => channels.report(incident, format),
    async sendIncidentReport(incident, by) {
      const sent = await channels.sendReport(incident);
      if (sent.ok) await incidents.update(incident.id, { reported: true, note: sent.detail }, by);
      return sent.detail;
    },
    openAlertSink,
    async flushDetectors() {
      const analysis = await network.flush();
      if (analysis !== undefined) await live.raise(analysis.alerts);
    },
    async reloadSites() {
      const sites = await stores.sites.list();
      matcher = new SiteMatcher(sites);
      mail.setSites(sites);
      return matcher;
    },
    close: () => stores.close(),
  };
}

/** The network analytics' view of offline enrichment: country and AS, and warninglists. */
function destinationContext(geo: GeoEnricher, lists: readonly Warninglists[]): DestinationContext {
  const toListMatch = (match: { name: string; class: ListMatch['effect'] }): ListMatch => ({
    name: match.name,
    effect: match.class,
  });
  return {
    geo: (ip) => geo.lookup(ip),
    listsForIp: (ip) => lists.flatMap((set) => set.matchIp(ip).map(toListMatch)),
    listsForName: (name) => lists.flatMap((set) => set.matchDomain(name).map(toListMatch)),
  };
}
