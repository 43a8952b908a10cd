// The configuration file's schema: the organization profile plus server, ingest and listener
// settings. The schema is the single source of truth; the TypeScript type is derived from it.
import Type, { type Static } from 'typebox';

const Days = Type.Number({ minimum: 0 });

const CountryCode = Type.String({
  pattern: '^[A-Z]{2}$',
  description: 'ISO 3166-1 alpha-2 country code, upper case',
});

const DomainName = Type.String({
  pattern: '^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}$',
  description: 'A mail domain in lower case, e.g. mofa.go.jp',
});

// 0 asks the OS for a free port (useful for tests).
const Port = Type.Integer({ minimum: 0, maximum: 65535 });

const Listener = Type.Object(
  {
    host: Type.String({ default: '0.0.0.0' }),
    port: Port,
    site: Type.Optional(Type.String({ description: 'Site id given to every message received' })),
  },
  { additionalProperties: false },
);

export const OrganizationSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, description: 'Name of the organization' }),
    domains: Type.Array(DomainName, { description: "The organization's own mail domains" }),
    watch_countries: Type.Array(CountryCode, {
      description: 'Countries whose destinations raise a score',
    }),
  },
  { additionalProperties: false },
);

export const ConfigSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, description: 'Name of the organization' }),
    domains: Type.Array(DomainName, { default: [] }),
    watch_countries: Type.Array(CountryCode, { default: [] }),
    data_dir: Type.Optional(
      Type.String({ description: 'Where the embedded store lives; relative to this file' }),
    ),
    server: Type.Object(
      {
        host: Type.String({ default: '127.0.0.1' }),
        port: Type.Integer({ minimum: 0, maximum: 65535, default: 8470 }),
        body_limit_bytes: Type.Integer({ minimum: 1024, default: 16 * 1024 * 1024 }),
      },
      { additionalProperties: false, default: {} },
    ),
    ingest: Type.Object(
      {
        max_line_bytes: Type.Integer({ minimum: 1024, default: 1024 * 1024 }),
        max_document_bytes: Type.Integer({ minimum: 1024, default: 64 * 1024 * 1024 }),
        reject_keep_bytes: Type.Integer({ minimum: 64, default: 4096 }),
        batch_size: Type.Integer({ minimum: 1, maximum: 100000, default: 5000 }),
      },
      { additionalProperties: false, default: {} },
    ),
    syslog: Type.Object(
      {
        udp: Type.Optional(Listener),
        tcp: Type.Optional(Listener),
      },
      { additionalProperties: false, default: {} },
    ),
    sigma: Type.Object(
      {
        enabled: Type.Boolean({ default: true, description: 'Run Sigma rules on arriving events' }),
        rule_paths: Type.Array(Type.String(), {
          default: [],
          description: 'Rule files or directories loaded where they are; relative to this file',
        }),
        placeholders: Type.Record(
          Type.String({ pattern: '^[A-Za-z0-9_.-]+$' }),
          Type.Array(Type.String()),
          {
            default: {},
            description: 'Values for %name% placeholders used with the expand modifier',
          },
        ),
        aggregation_window_seconds: Type.Integer({
          minimum: 0,
          default: 600,
          description: 'Identical matches within this much event time fold into one alert',
        }),
        hunt_days: Type.Integer({
          minimum: 1,
          default: 90,
          description: 'Default look-back of a hunt',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    mail: Type.Object(
      {
        enabled: Type.Boolean({ default: true, description: 'Analyze mail as it is ingested' }),
        partner_domains: Type.Array(DomainName, {
          default: [],
          description: "Partners' mail domains, protected from look-alikes like our own",
        }),
        authserv_ids: Type.Array(Type.String({ minLength: 1, maxLength: 255 }), {
          default: [],
          description:
            "Our MTAs' authserv-ids: only Authentication-Results they wrote are fully believed",
        }),
        vips: Type.Array(
          Type.Object(
            {
              name: Type.String({ minLength: 1, maxLength: 200 }),
              addresses: Type.Array(Type.String({ maxLength: 320 }), { default: [] }),
            },
            { additionalProperties: false },
          ),
          { default: [], description: 'Officials whose names impersonators borrow' },
        ),
        yara_rule_paths: Type.Array(Type.String(), {
          default: [],
          description: 'YARA rule files or directories run over attachments; relative to this file',
        }),
        max_targeted_recipients: Type.Integer({
          minimum: 1,
          default: 10,
          description: 'Most recipients inside the organization a targeted message may have',
        }),
        campaign_days: Type.Integer({
          minimum: 1,
          default: 30,
          description: 'How far back messages are grouped into campaigns',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    network: Type.Object(
      {
        enabled: Type.Boolean({
          default: true,
          description: 'Score beacons, tunnels, uploads and zone breaches as telemetry arrives',
        }),
        interval_seconds: Type.Integer({
          minimum: 1,
          default: 60,
          description: 'Wall-clock seconds between live analyses of the last 24 hours',
        }),
        alert_threshold: Type.Number({
          minimum: 0,
          maximum: 1,
          default: 0.6,
          description: 'Final score (0..1) from which a pair or finding raises an alert',
        }),
        warninglist_paths: Type.Array(Type.String(), {
          default: [],
          description: 'MISP warninglist directories (list.json files); relative to this file',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    intel: Type.Object(
      {
        enabled: Type.Boolean({
          default: true,
          description: 'Match indicators on arriving events (docs/intel.md)',
        }),
        hunt_days: Type.Integer({
          minimum: 1,
          default: 90,
          description: 'How far back a retro-hunt looks by default',
        }),
        hunt_on_import: Type.Boolean({
          default: true,
          description: 'Search history for new and changed indicators as soon as they are imported',
        }),
        default_tlp: Type.Union(
          [
            Type.Literal('clear'),
            Type.Literal('green'),
            Type.Literal('amber'),
            Type.Literal('amber+strict'),
            Type.Literal('red'),
          ],
          { default: 'amber', description: 'TLP of indicators whose source marks none' },
        ),
        stix_schema_path: Type.Optional(
          Type.String({
            description:
              'OASIS STIX 2.1 JSON schemas (cti-stix2-json-schemas/schemas) to validate imports against; relative to this file',
          }),
        ),
        warninglist_paths: Type.Array(Type.String(), {
          default: [],
          description:
            'MISP warninglist directories; indicators they name are held back from alerting (network.warninglist_paths are used too)',
        }),
        half_life_days: Type.Object(
          {
            ipv4: Type.Optional(Days),
            ipv6: Type.Optional(Days),
            cidr: Type.Optional(Days),
            domain: Type.Optional(Days),
            url: Type.Optional(Days),
            md5: Type.Optional(Days),
            sha1: Type.Optional(Days),
            sha256: Type.Optional(Days),
            sha512: Type.Optional(Days),
            email: Type.Optional(Days),
            filename: Type.Optional(Days),
            pattern: Type.Optional(Days),
          },
          {
            additionalProperties: false,
            default: {},
            description: 'Days for confidence to halve, by indicator type (0: never decays)',
          },
        ),
        expire_below: Type.Number({
          minimum: 0,
          maximum: 100,
          default: 10,
          description: 'Decayed confidence (0..100) under which an indicator is expired',
        }),
        source_confidence: Type.Record(Type.String(), Type.Number({ minimum: 0, maximum: 100 }), {
          default: {},
          description: 'Confidence (0..100) given to a source by name, replacing its own',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    incidents: Type.Object(
      {
        enabled: Type.Boolean({
          default: true,
          description: 'Correlate alerts into incidents as they are raised (docs/incidents.md)',
        }),
        window_hours: Type.Integer({
          minimum: 1,
          default: 72,
          description:
            'An alert joins an incident of its host or observables active within this many hours',
        }),
        campaign_days: Type.Integer({
          minimum: 1,
          default: 30,
          description:
            'Incidents at several sites sharing observables within this many days form a campaign',
        }),
        min_alert_level: Type.Union(
          [
            Type.Literal('informational'),
            Type.Literal('low'),
            Type.Literal('medium'),
            Type.Literal('high'),
            Type.Literal('critical'),
          ],
          { default: 'low', description: 'Alerts below this level open no incident' },
        ),
        report_deadline_minutes: Type.Record(
          Type.String({ pattern: '^[0-5]$' }),
          Type.Integer({ minimum: 1 }),
          {
            default: { '3': 60, '4': 60, '5': 60 },
            description: 'Minutes from identification to notify the authority, by severity level',
          },
        ),
        escalation_warning_minutes: Type.Integer({
          minimum: 0,
          default: 15,
          description: 'Escalate this many minutes before a reporting deadline',
        }),
        grade: Type.Optional(
          Type.Record(Type.String(), Type.Unknown(), {
            description: 'Weights and thresholds of the severity grade (docs/incidents.md)',
          }),
        ),
        webhooks: Type.Array(
          Type.Object(
            {
              url: Type.String({ pattern: '^https?://', maxLength: 2000 }),
              secret_env: Type.String({
                minLength: 1,
                description: 'Environment variable holding the HMAC secret (never in this file)',
              }),
              events: Type.Array(
                Type.Union([
                  Type.Literal('escalation'),
                  Type.Literal('notification'),
                  Type.Literal('isolate-host'),
                  Type.Literal('block-domain'),
                  Type.Literal('block-ip'),
                  Type.Literal('reset-credentials'),
                  Type.Literal('disinfect-and-verify'),
                ]),
                { minItems: 1 },
              ),
            },
            { additionalProperties: false },
          ),
          {
            default: [],
            description: 'Signed webhooks for escalations, notifications and response actions',
          },
        ),
        smtp: Type.Optional(
          Type.Object(
            {
              host: Type.String({ minLength: 1 }),
              port: Type.Integer({ minimum: 1, maximum: 65535, default: 587 }),
              secure: Type.Boolean({ default: false }),
              user: Type.Optional(Type.String()),
              password_env: Type.Optional(
                Type.String({ description: 'Environment variable holding the SMTP password' }),
              ),
              from: Type.String({ minLength: 3 }),
            },
            { additionalProperties: false },
          ),
        ),
        escalation_emails: Type.Array(Type.String({ maxLength: 320 }), {
          default: [],
          description: 'Who is mailed when a reporting deadline nears or passes (the on-call)',
        }),
        authority_emails: Type.Array(Type.String({ maxLength: 320 }), {
          default: [],
          description: 'Where `chancery incidents report ID --send` mails the incident report',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
);

export type Config = Static<typeof ConfigSchema>;
export type Organization = Static<typeof OrganizationSchema>;
