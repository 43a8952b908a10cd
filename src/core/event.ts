// The normalized event: ECS field names (Elastic Common Schema 8.x) plus Chancery's site and zone.
// Every parser produces this shape; every later stage reads only this shape. Field meanings are
// documented in docs/event-model.md.

/** Network zone of an address at a site: the open LAN, the closed (classified) network, or neither. */
export type Zone = 'open' | 'closed' | 'external';

export type EventKind = 'event' | 'alert' | 'metric' | 'state' | 'pipeline_error' | 'signal';

export interface EndpointFields {
  ip?: string;
  port?: number;
  domain?: string;
  bytes?: number;
  packets?: number;
  mac?: string;
  /** Chancery: site whose CIDRs contain `ip`, by longest-prefix match. */
  site?: string;
  /** Chancery: zone of `ip` at that site; `external` when no site claims it and it is public. */
  zone?: Zone;
}

export interface HashFields {
  md5?: string;
  sha1?: string;
  sha256?: string;
  sha512?: string;
  imphash?: string;
}

export interface FileFields {
  name?: string;
  path?: string;
  directory?: string;
  extension?: string;
  size?: number;
  mime_type?: string;
  hash?: HashFields;
}

export interface ProcessFields {
  executable?: string;
  name?: string;
  command_line?: string;
  pid?: number;
  entity_id?: string;
  working_directory?: string;
  hash?: HashFields;
  parent?: Omit<ProcessFields, 'parent'>;
}

export interface EmailAttachment {
  file: FileFields;
}

export interface EmailFields {
  from?: { address: string[] };
  sender?: { address: string };
  to?: { address: string[] };
  cc?: { address: string[] };
  bcc?: { address: string[] };
  reply_to?: { address: string[] };
  subject?: string;
  message_id?: string;
  origination_timestamp?: string;
  delivery_timestamp?: string;
  direction?: 'inbound' | 'outbound' | 'internal' | 'unknown';
  x_mailer?: string;
  content_type?: string;
  local_id?: string;
  attachments?: EmailAttachment[];
}

export interface EcsEvent {
  '@timestamp': string;
  message?: string;
  tags?: string[];
  labels?: Record<string, string>;
  event: {
    /** Stable id: the same record ingested twice gets the same id (see core/event-id.ts). */
    id: string;
    kind: EventKind;
    category?: string[];
    type?: string[];
    action?: string;
    outcome?: 'success' | 'failure' | 'unknown';
    code?: string;
    provider?: string;
    dataset: string;
    module: string;
    severity?: number;
    duration?: number;
    created?: string;
    ingested?: string;
    /** The record exactly as read (one line, or one whole message). */
    original: string;
  };
  /** Chancery: the site this event belongs to (an explicit --site, else the address match). */
  site?: { id: string; name?: string; country?: string };
  source?: EndpointFields;
  destination?: EndpointFields;
  client?: EndpointFields;
  server?: EndpointFields;
  network?: {
    transport?: string;
    protocol?: string;
    application?: string;
    bytes?: number;
    packets?: number;
    community_id?: string;
    direction?: string;
    iana_number?: string;
    /** Chancery: zone of the event's internal address at `site` (the source's, else the destination's). */
    zone?: Zone;
  };
  dns?: {
    id?: string;
    type?: 'query' | 'answer';
    op_code?: string;
    response_code?: string;
    header_flags?: string[];
    question?: { name?: string; type?: string; class?: string; registered_domain?: string };
    answers?: { name?: string; type?: string; data?: string; ttl?: number }[];
    resolved_ip?: string[];
  };
  url?: {
    original?: string;
    full?: string;
    scheme?: string;
    domain?: string;
    port?: number;
    path?: string;
    query?: string;
    fragment?: string;
  };
  http?: {
    version?: string;
    request?: {
      method?: string;
      referrer?: string;
      mime_type?: string;
      body?: { bytes?: number };
    };
    response?: {
      status_code?: number;
      mime_type?: string;
      body?: { bytes?: number };
    };
  };
  user_agent?: { original?: string };
  tls?: {
    version?: string;
    version_protocol?: string;
    cipher?: string;
    curve?: string;
    established?: boolean;
    resumed?: boolean;
    next_protocol?: string;
    client?: { server_name?: string; ja3?: string; ja4?: string };
    server?: {
      name?: string;
      ja3s?: string;
      subject?: string;
      issuer?: string;
      not_before?: string;
      not_after?: string;
      hash?: HashFields;
      x509?: Record<string, unknown>;
    };
  };
  file?: FileFields;
  process?: ProcessFields;
  registry?: {
    path?: string;
    hive?: string;
    key?: string;
    value?: string;
    data?: { strings?: string[]; type?: string };
  };
  user?: {
    name?: string;
    domain?: string;
    id?: string;
    target?: { name?: string; domain?: string };
  };
  host?: { name?: string; hostname?: string; ip?: string[]; os?: { family?: string } };
  email?: EmailFields;
  log?: {
    level?: string;
    file?: { path?: string; line?: number };
    logger?: string;
    syslog?: {
      priority?: number;
      facility?: { code: number; name: string };
      severity?: { code: number; name: string };
      hostname?: string;
      appname?: string;
      procid?: string;
      msgid?: string;
      version?: string;
      structured_data?: Record<string, Record<string, string>>;
    };
  };
  rule?: { id?: string; name?: string; category?: string; version?: string };
  observer?: { name?: string; hostname?: string; type?: string; vendor?: string; product?: string };
  /** Vendor sections keep what ECS has no field for, as Elastic's own integrations do. */
  zeek?: Record<string, unknown>;
  suricata?: { eve: Record<string, unknown> };
  winlog?: {
    channel?: string;
    event_id?: number;
    provider_name?: string;
    computer_name?: string;
    record_id?: number;
    task?: string;
    opcode?: string;
    level?: string;
    keywords?: string;
    event_data?: Record<string, unknown>;
    user_data?: Record<string, unknown>;
    user?: { identifier?: string };
    process?: { pid?: number; thread?: { id?: number } };
  };
}

/**
 * What a parser returns: the event without the fields the pipeline owns (`event.id`,
 * `event.ingested`, site and zone enrichment). Keeping these out of parsers keeps parsers pure.
 */
export type EventDraft = Omit<EcsEvent, 'event'> & {
  event: Omit<EcsEvent['event'], 'id' | 'ingested'>;
};
