// Finds, creates and loads the configuration file. Resolution: `--config`, else `CHANCERY_CONFIG`,
// else `chancery.yaml` in the data directory (`--data-dir`, `CHANCERY_DATA_DIR`, `./chancery-data`).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ChanceryError } from '../core/errors.ts';
import { ConfigSchema, OrganizationSchema, type Config, type Organization } from './schema.ts';
import { validateDocument } from './validate.ts';

export interface ConfigLocation {
  /** Absolute path of the configuration file. */
  file: string;
  /** Absolute path of the data directory. */
  dataDir: string;
}

export interface LoadedConfig extends ConfigLocation {
  config: Config;
}

export interface LocateOptions {
  configPath?: string;
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export function locateConfig(options: LocateOptions = {}): ConfigLocation {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const explicit = options.configPath ?? env.CHANCERY_CONFIG;
  const dataDir = resolve(cwd, options.dataDir ?? env.CHANCERY_DATA_DIR ?? 'chancery-data');
  if (explicit !== undefined && explicit !== '') return { file: resolve(cwd, explicit), dataDir };
  return { file: resolve(dataDir, 'chancery.yaml'), dataDir };
}

/**
 * Load and validate the configuration. The default file is created on first use so that a
 * newcomer can start without writing one; an explicitly named file must exist.
 */
export function loadConfig(options: LocateOptions = {}): LoadedConfig {
  const location = locateConfig(options);
  const explicit = options.configPath ?? (options.env ?? process.env).CHANCERY_CONFIG ?? '';
  if (!existsSync(location.file)) {
    if (explicit !== '') {
      throw new ChanceryError(
        'CHN_ERR_CONFIG_NOT_FOUND',
        `No configuration file at ${location.file}`,
      );
    }
    mkdirSync(dirname(location.file), { recursive: true });
    writeFileSync(location.file, DEFAULT_CONFIG_TEXT);
  }
  const text = readFileSync(location.file, 'utf8');
  const { value, problems } = validateDocument<Config>(ConfigSchema, text, location.file);
  if (value === undefined) {
    throw new ChanceryError(
      'CHN_ERR_CONFIG_INVALID',
      `${location.file} has ${problems.length} problem(s)`,
      problems,
    );
  }
  const dataDir =
    value.data_dir !== undefined && options.dataDir === undefined
      ? resolve(dirname(location.file), value.data_dir)
      : location.dataDir;
  return { file: location.file, dataDir, config: value };
}

/**
 * Merge an organization profile (JSON `{name, domains, watch_countries}`) into the config file,
 * keeping the file's comments and other settings.
 */
export function importOrganization(configFile: string, profileFile: string): Organization {
  const profileText = readFileSync(profileFile, 'utf8');
  const profile = validateDocument<Organization>(OrganizationSchema, profileText, profileFile);
  if (profile.value === undefined) {
    throw new ChanceryError(
      'CHN_ERR_ORG_INVALID',
      `${profileFile} is not a valid profile`,
      profile.problems,
    );
  }
  const current = validateDocument<Config>(
    ConfigSchema,
    readFileSync(configFile, 'utf8'),
    configFile,
  );
  const document = current.document;
  document.set('name', profile.value.name);
  document.set('domains', document.createNode(profile.value.domains, { flow: true }));
  document.set(
    'watch_countries',
    document.createNode(profile.value.watch_countries, { flow: true }),
  );
  const updated = document.toString();
  const check = validateDocument<Config>(ConfigSchema, updated, configFile);
  if (check.value === undefined) {
    throw new ChanceryError('CHN_ERR_CONFIG_INVALID', `${configFile} has problems`, check.problems);
  }
  writeFileSync(configFile, updated);
  return profile.value;
}

export const DEFAULT_CONFIG_TEXT = `# Chancery configuration. Every field is documented in docs/configuration.md.
# Organization profile: used to tell the organization's own mail and sites from the rest.
name: My Organization
# The organization's own mail domains, lower case.
domains: []
# ISO 3166-1 alpha-2 codes of countries whose destinations raise a score.
watch_countries: []

server:
  host: 127.0.0.1
  port: 8470
  body_limit_bytes: 16777216

ingest:
  max_line_bytes: 1048576      # longer lines are rejected (first reject_keep_bytes kept)
  max_document_bytes: 67108864 # largest single mail message or .evtx file
  reject_keep_bytes: 4096
  batch_size: 5000

# Syslog listeners started by \`chancery serve\`; uncomment to enable.
# syslog:
#   udp: { host: 0.0.0.0, port: 5514 }
#   tcp: { host: 0.0.0.0, port: 5514, site: hq }

# Sigma rules: those added with \`chancery rules add\` live in the data directory; rule_paths
# are loaded where they are (e.g. a checkout of SigmaHQ/sigma's rules).
sigma:
  enabled: true
  rule_paths: []
  # Values for %name% placeholders (the expand modifier); rules using an undefined one are rejected.
  placeholders: {}
  aggregation_window_seconds: 600
  hunt_days: 90

# Mail analysis: verdicts (clean, spam, suspicious, phishing, targeted), campaigns, mail alerts.
mail:
  enabled: true
  partner_domains: []   # protected from look-alikes like our own domains
  authserv_ids: []      # our MTAs' authserv-ids; their Authentication-Results are believed
  vips: []              # - { name: Taro Yamada, addresses: [taro.yamada@example.org] }
  yara_rule_paths: []   # YARA rule files or directories run over every attachment
  max_targeted_recipients: 10
  campaign_days: 30

# Network analytics: beacons (RITA's statistics), long connections, DNS tunnels, uploads, scans,
# zone breaches. Destinations are looked up offline (country, ASN) and in MISP warninglists.
network:
  enabled: true
  interval_seconds: 60   # live analyses of the last 24 hours at most this often
  alert_threshold: 0.6   # final score (0..1) from which a pair or finding is an alert
  warninglist_paths: []  # e.g. a checkout of MISP/misp-warninglists/lists

# Threat intelligence: STIX 2.1, MISP and plain-list indicators matched on every event, and
# searched for in history (retro-hunt) as soon as they arrive.
intel:
  enabled: true
  hunt_days: 90
  hunt_on_import: true
  default_tlp: amber     # for indicators whose source marks no TLP
  warninglist_paths: []  # indicators on these lists are kept but held back from alerting
  # stix_schema_path: ../cti-stix2-json-schemas/schemas   # validate STIX imports (OASIS schemas)
  half_life_days: {}     # e.g. { ipv4: 30, domain: 90 }; defaults in docs/intel.md
  expire_below: 10
  source_confidence: {}  # e.g. { "CIRCL OSINT Feed": 80 }

# Incidents: alerts correlated by host, site and shared observables; campaigns across sites;
# severity 0-5 (after CISA's NCISS) with reasons; reporting deadlines and escalations.
incidents:
  enabled: true
  window_hours: 72
  campaign_days: 30
  min_alert_level: low
  report_deadline_minutes: { "3": 60, "4": 60, "5": 60 }  # CISA: one hour for level 3 and above
  escalation_warning_minutes: 15
  webhooks: []           # - { url: https://soar.example/hook, secret_env: CHANCERY_HOOK_SECRET, events: [escalation, isolate-host] }
  # smtp: { host: mail.example.org, port: 587, from: chancery@example.org, user: chancery, password_env: CHANCERY_SMTP_PASSWORD }
  escalation_emails: []  # the on-call
  authority_emails: []   # where incident reports are sent
`;
