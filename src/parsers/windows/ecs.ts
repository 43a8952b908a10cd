// Windows record → ECS. `winlog.*` keeps every field with its Windows name (Sigma rules match on
// those); the ECS fields are filled for the event types analysts query most: process creation,
// network connections, files, registry, DNS, image loads and logons.
import type { EventDraft, HashFields, ProcessFields } from '../../core/index.ts';
import type { WindowsRecord } from './record.ts';

const SYSMON_CHANNEL = 'Microsoft-Windows-Sysmon/Operational';

/** `Microsoft-Windows-Sysmon/Operational` → `sysmon_operational`, `Security` → `security`. */
export function channelSlug(channel: string): string {
  return channel
    .toLowerCase()
    .replace(/^microsoft-windows-/, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export function toEcs(record: WindowsRecord, original: string): EventDraft | undefined {
  if (record.time === undefined) return undefined;
  const channel = record.channel ?? 'unknown';
  const draft: EventDraft = {
    '@timestamp': record.time,
    event: {
      kind: 'event',
      dataset: `windows.${channelSlug(channel)}`,
      module: 'windows',
      original,
    },
    winlog: winlogSection(record),
  };
  if (record.eventId !== undefined) draft.event.code = String(record.eventId);
  if (record.provider !== undefined) draft.event.provider = record.provider;
  if (record.computer !== undefined) draft.host = { name: record.computer };
  if (record.message !== undefined) draft.message = record.message;
  const sysmon = channel === SYSMON_CHANNEL || record.provider === 'Microsoft-Windows-Sysmon';
  const mapper = sysmon
    ? SYSMON[record.eventId ?? -1]
    : channel === 'Security'
      ? SECURITY[record.eventId ?? -1]
      : undefined;
  mapper?.(record.data, draft);
  if (draft.user === undefined) setUser(draft, record.data);
  return draft;
}

function winlogSection(record: WindowsRecord): NonNullable<EventDraft['winlog']> {
  const winlog: NonNullable<EventDraft['winlog']> = { event_data: record.data };
  if (record.channel !== undefined) winlog.channel = record.channel;
  if (record.eventId !== undefined) winlog.event_id = record.eventId;
  if (record.provider !== undefined) winlog.provider_name = record.provider;
  if (record.computer !== undefined) winlog.computer_name = record.computer;
  if (record.recordId !== undefined) winlog.record_id = record.recordId;
  if (record.task !== undefined) winlog.task = record.task;
  if (record.opcode !== undefined) winlog.opcode = record.opcode;
  if (record.level !== undefined) winlog.level = record.level;
  if (record.keywords !== undefined) winlog.keywords = record.keywords;
  if (record.userSid !== undefined) winlog.user = { identifier: record.userSid };
  if (record.processId !== undefined)
    winlog.process =
      record.threadId === undefined
        ? { pid: record.processId }
        : { pid: record.processId, thread: { id: record.threadId } };
  if (record.userData !== undefined) winlog.user_data = record.userData;
  return winlog;
}

type Data = Record<string, unknown>;
type Mapper = (data: Data, draft: EventDraft) => void;

function text(data: Data, key: string): string | undefined {
  const value = data[key];
  if (typeof value === 'string') return value === '' || value === '-' ? undefined : value;
  return typeof value === 'number' ? String(value) : undefined;
}

/** Decimal or `0x` hexadecimal (Security events write process ids in hex). */
function integer(data: Data, key: string): number | undefined {
  const value = data[key];
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value === '') return undefined;
  const parsed = value.startsWith('0x') ? Number.parseInt(value, 16) : Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
}

/** Sysmon `Hashes`: `SHA1=...,MD5=...,SHA256=...,IMPHASH=...`. */
export function parseHashes(value: string | undefined): HashFields | undefined {
  if (value === undefined) return undefined;
  const hashes: HashFields = {};
  for (const part of value.split(',')) {
    const [name, digest] = part.split('=');
    if (name === undefined || digest === undefined) continue;
    const key = name.trim().toLowerCase();
    if (key === 'md5' || key === 'sha1' || key === 'sha256' || key === 'imphash')
      hashes[key] = digest.trim().toLowerCase();
  }
  return Object.keys(hashes).length > 0 ? hashes : undefined;
}

function process(
  data: Data,
  image: string,
  commandLine: string,
  pid: string,
  guid: string,
): ProcessFields | undefined {
  const fields: ProcessFields = {};
  const executable = text(data, image);
  if (executable !== undefined) {
    fields.executable = executable;
    fields.name = baseName(executable);
  }
  const command = text(data, commandLine);
  if (command !== undefined) fields.command_line = command;
  const id = integer(data, pid);
  if (id !== undefined) fields.pid = id;
  const entity = text(data, guid);
  if (entity !== undefined) fields.entity_id = entity;
  return Object.keys(fields).length > 0 ? fields : undefined;
}

function setUser(draft: EventDraft, data: Data): void {
  const qualified =
    text(data, 'User') ?? text(data, 'TargetUserName') ?? text(data, 'SubjectUserName');
  if (qualified === undefined) return;
  const slash = qualified.indexOf('\\');
  if (slash !== -1) {
    draft.user = { domain: qualified.slice(0, slash), name: qualified.slice(slash + 1) };
    return;
  }
  const domain =
    text(data, 'TargetUserName') === qualified
      ? text(data, 'TargetDomainName')
      : text(data, 'SubjectDomainName');
  draft.user = domain === undefined ? { name: qualified } : { name: qualified, domain };
}

function categorize(draft: EventDraft, category: string[], type: string[], action: string): void {
  draft.event.category = category;
  draft.event.type = type;
  draft.event.action = action;
}

const processCreation: Mapper = (data, draft) => {
  categorize(draft, ['process'], ['start'], 'process-created');
  const fields = process(data, 'Image', 'CommandLine', 'ProcessId', 'ProcessGuid') ?? {};
  const parent = process(
    data,
    'ParentImage',
    'ParentCommandLine',
    'ParentProcessId',
    'ParentProcessGuid',
  );
  if (parent !== undefined) fields.parent = parent;
  const workingDirectory = text(data, 'CurrentDirectory');
  if (workingDirectory !== undefined) fields.working_directory = workingDirectory;
  const hashes = parseHashes(text(data, 'Hashes'));
  if (hashes !== undefined) fields.hash = hashes;
  draft.process = fields;
};

const securityProcessCreation: Mapper = (data, draft) => {
  categorize(draft, ['process'], ['start'], 'process-created');
  const fields = process(data, 'NewProcessName', 'CommandLine', 'NewProcessId', '') ?? {};
  const parent = process(data, 'ParentProcessName', '', 'ProcessId', '');
  if (parent !== undefined) fields.parent = parent;
  draft.process = fields;
  const user = text(data, 'SubjectUserName');
  if (user !== undefined)
    draft.user = {
      name: user,
      ...(text(data, 'SubjectDomainName') === undefined
        ? {}
        : { domain: text(data, 'SubjectDomainName') }),
    };
};

const networkConnection: Mapper = (data, draft) => {
  categorize(draft, ['network'], ['connection', 'start'], 'network-connection');
  const source = text(data, 'SourceIp');
  if (source !== undefined)
    draft.source = {
      ip: source,
      ...(integer(data, 'SourcePort') === undefined ? {} : { port: integer(data, 'SourcePort') }),
    };
  const destination = text(data, 'DestinationIp');
  if (destination !== undefined) {
    draft.destination = {
      ip: destination,
      ...(integer(data, 'DestinationPort') === undefined
        ? {}
        : { port: integer(data, 'DestinationPort') }),
    };
    const name = text(data, 'DestinationHostname');
    if (name !== undefined) draft.destination.domain = name;
  }
  const transport = text(data, 'Protocol');
  if (transport !== undefined) draft.network = { transport };
  const fields = process(data, 'Image', '', 'ProcessId', 'ProcessGuid');
  if (fields !== undefined) draft.process = fields;
};

const fileEvent =
  (action: string, type: string[]): Mapper =>
  (data, draft) => {
    categorize(draft, ['file'], type, action);
    const path = text(data, 'TargetFilename');
    if (path !== undefined) draft.file = { path, name: baseName(path) };
    const hashes = parseHashes(text(data, 'Hashes'));
    if (hashes !== undefined) (draft.file ??= {}).hash = hashes;
    const fields = process(data, 'Image', '', 'ProcessId', 'ProcessGuid');
    if (fields !== undefined) draft.process = fields;
  };

const registryEvent: Mapper = (data, draft) => {
  const eventType = text(data, 'EventType') ?? 'registry';
  categorize(
    draft,
    ['registry'],
    [eventType === 'DeleteKey' || eventType === 'DeleteValue' ? 'deletion' : 'change'],
    eventType,
  );
  const path = text(data, 'TargetObject');
  if (path !== undefined) {
    const registry: NonNullable<EventDraft['registry']> = { path };
    const slash = path.lastIndexOf('\\');
    if (slash !== -1) {
      registry.key = path.slice(0, slash);
      registry.value = path.slice(slash + 1);
    }
    const details = text(data, 'Details');
    if (details !== undefined) registry.data = { strings: [details] };
    draft.registry = registry;
  }
  const fields = process(data, 'Image', '', 'ProcessId', 'ProcessGuid');
  if (fields !== undefined) draft.process = fields;
};

const dnsQuery: Mapper = (data, draft) => {
  categorize(draft, ['network'], ['protocol'], 'dns-query');
  const name = text(data, 'QueryName');
  const dns: NonNullable<EventDraft['dns']> = { type: 'query' };
  if (name !== undefined) dns.question = { name };
  const results = text(data, 'QueryResults');
  if (results !== undefined) {
    const answers = results
      .split(';')
      .map((answer) => answer.trim().replace(/^::ffff:/, ''))
      .filter((answer) => answer !== '');
    if (answers.length > 0) dns.answers = answers.map((answer) => ({ data: answer }));
  }
  draft.dns = dns;
  const fields = process(data, 'Image', '', 'ProcessId', 'ProcessGuid');
  if (fields !== undefined) draft.process = fields;
};

const imageLoad: Mapper = (data, draft) => {
  categorize(draft, ['process'], ['change'], 'image-loaded');
  const path = text(data, 'ImageLoaded');
  if (path !== undefined) draft.file = { path, name: baseName(path) };
  const hashes = parseHashes(text(data, 'Hashes'));
  if (hashes !== undefined) (draft.file ??= {}).hash = hashes;
  const fields = process(data, 'Image', '', 'ProcessId', 'ProcessGuid');
  if (fields !== undefined) draft.process = fields;
};

const logon =
  (outcome: 'success' | 'failure'): Mapper =>
  (data, draft) => {
    categorize(
      draft,
      ['authentication'],
      ['start'],
      outcome === 'success' ? 'logged-in' : 'logon-failed',
    );
    draft.event.outcome = outcome;
    const name = text(data, 'TargetUserName');
    if (name !== undefined)
      draft.user = {
        name,
        ...(text(data, 'TargetDomainName') === undefined
          ? {}
          : { domain: text(data, 'TargetDomainName') }),
      };
    const ip = text(data, 'IpAddress');
    if (ip !== undefined && ip !== '::1' && ip !== '127.0.0.1')
      draft.source = { ip, ...(integer(data, 'IpPort') ? { port: integer(data, 'IpPort') } : {}) };
  };

const SYSMON: Readonly<Record<number, Mapper>> = {
  1: processCreation,
  3: networkConnection,
  7: imageLoad,
  11: fileEvent('file-created', ['creation']),
  12: registryEvent,
  13: registryEvent,
  14: registryEvent,
  15: fileEvent('file-stream-created', ['creation']),
  22: dnsQuery,
  23: fileEvent('file-deleted', ['deletion']),
  26: fileEvent('file-deleted', ['deletion']),
};

const SECURITY: Readonly<Record<number, Mapper>> = {
  4688: securityProcessCreation,
  4624: logon('success'),
  4625: logon('failure'),
};
