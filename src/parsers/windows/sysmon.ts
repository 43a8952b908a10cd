// ECS fields for Sysmon events: process creation and end, network connections, image and driver
// loads, file, registry, pipe and DNS events. Everything else stays in winlog.event_data.
import type { EventDraft } from '../../core/index.ts';
import { isAddress } from '../fields.ts';
import {
  categorize,
  endpoint,
  parseHashes,
  processOf,
  setFile,
  setImage,
  text,
  type Data,
  type Mapper,
  type Mappings,
} from './event-data.ts';

export const SYSMON: Mappings = {
  1: processCreated,
  2: fileTimeChanged,
  3: networkConnection,
  5: processEnded,
  6: driverLoaded,
  7: imageLoaded,
  8: sourceProcess('remote-thread-created'),
  10: sourceProcess('process-accessed'),
  11: fileEvent('creation', 'file-created'),
  12: registryEvent('CreateKey'),
  13: registryEvent('SetValue'),
  14: registryEvent('RenameKey'),
  15: fileEvent('creation', 'file-stream-created'),
  17: pipeEvent('creation', 'pipe-created'),
  18: pipeEvent('access', 'pipe-connected'),
  22: dnsQuery,
  23: fileEvent('deletion', 'file-deleted'),
  25: processTampering,
  26: fileEvent('deletion', 'file-deleted'),
};

function processCreated(data: Data, draft: EventDraft): void {
  categorize(draft, 'process', ['start'], 'process-created');
  const fields = processOf(data, 'Image', 'ProcessId', 'ProcessGuid', 'CommandLine') ?? {};
  const parent = processOf(
    data,
    'ParentImage',
    'ParentProcessId',
    'ParentProcessGuid',
    'ParentCommandLine',
  );
  if (parent !== undefined) fields.parent = parent;
  const directory = text(data, 'CurrentDirectory');
  if (directory !== undefined) fields.working_directory = directory;
  const hashes = parseHashes(text(data, 'Hashes'));
  if (hashes !== undefined) fields.hash = hashes;
  draft.process = fields;
}

function processEnded(data: Data, draft: EventDraft): void {
  categorize(draft, 'process', ['end'], 'process-terminated');
  setImage(data, draft);
}

function fileTimeChanged(data: Data, draft: EventDraft): void {
  categorize(draft, 'file', ['change'], 'file-creation-time-changed');
  setFile(draft, text(data, 'TargetFilename'));
  setImage(data, draft);
}

function networkConnection(data: Data, draft: EventDraft): void {
  categorize(draft, 'network', ['connection', 'start'], 'network-connection');
  const source = endpoint(data, 'SourceIp', 'SourcePort');
  const sourceName = text(data, 'SourceHostname');
  if (source !== undefined) {
    if (sourceName !== undefined) source.domain = sourceName;
    draft.source = source;
  }
  const destination = endpoint(data, 'DestinationIp', 'DestinationPort');
  const destinationName = text(data, 'DestinationHostname');
  if (destination !== undefined) {
    if (destinationName !== undefined) destination.domain = destinationName;
    draft.destination = destination;
  }
  const transport = text(data, 'Protocol');
  const initiated = text(data, 'Initiated');
  if (transport !== undefined || initiated !== undefined) {
    const network: NonNullable<EventDraft['network']> = {};
    if (transport !== undefined) network.transport = transport.toLowerCase();
    if (initiated !== undefined) network.direction = initiated === 'true' ? 'egress' : 'ingress';
    draft.network = network;
  }
  setImage(data, draft);
}

function driverLoaded(data: Data, draft: EventDraft): void {
  categorize(draft, 'driver', ['start'], 'driver-loaded');
  setFile(draft, text(data, 'ImageLoaded'), text(data, 'Hashes'));
}

function imageLoaded(data: Data, draft: EventDraft): void {
  categorize(draft, 'process', ['change'], 'image-loaded');
  setFile(draft, text(data, 'ImageLoaded'), text(data, 'Hashes'));
  setImage(data, draft);
}

/** Sysmon 8 and 10: the acting process is the source; the target stays in event_data. */
function sourceProcess(action: string): Mapper {
  return (data, draft) => {
    categorize(draft, 'process', [action === 'process-accessed' ? 'access' : 'change'], action);
    const fields = processOf(data, 'SourceImage', 'SourceProcessId', 'SourceProcessGuid');
    if (fields !== undefined) draft.process = fields;
  };
}

function fileEvent(type: string, action: string): Mapper {
  return (data, draft) => {
    categorize(draft, 'file', [type], action);
    setFile(draft, text(data, 'TargetFilename'), text(data, 'Hashes'));
    setImage(data, draft);
  };
}

const REGISTRY_ACTIONS: Readonly<Record<string, string>> = {
  CreateKey: 'registry-key-created',
  DeleteKey: 'registry-key-deleted',
  RenameKey: 'registry-key-renamed',
  SetValue: 'registry-value-set',
  DeleteValue: 'registry-value-deleted',
  CreateValue: 'registry-value-created',
};

/** Sysmon 12/13/14. TargetObject names a value for value events, a key otherwise. */
function registryEvent(defaultType: string): Mapper {
  return (data, draft) => {
    const eventType = text(data, 'EventType') ?? defaultType;
    const action = REGISTRY_ACTIONS[eventType] ?? 'registry-changed';
    const type = action.endsWith('created')
      ? 'creation'
      : action.endsWith('deleted')
        ? 'deletion'
        : 'change';
    categorize(draft, 'registry', [type], action);
    const path = text(data, 'TargetObject');
    if (path !== undefined) {
      const registry: NonNullable<EventDraft['registry']> = { path };
      const first = path.indexOf('\\');
      if (first > 0 && path.startsWith('HK')) registry.hive = path.slice(0, first);
      const keyStart = registry.hive === undefined ? 0 : first + 1;
      if (eventType.endsWith('Value')) {
        const last = path.lastIndexOf('\\');
        if (last >= keyStart) {
          registry.value = path.slice(last + 1);
          if (last > keyStart) registry.key = path.slice(keyStart, last);
        }
      } else if (keyStart < path.length) registry.key = path.slice(keyStart);
      const details = text(data, 'Details');
      if (details !== undefined) registry.data = registryData(details);
      draft.registry = registry;
    }
    setImage(data, draft);
  };
}

/** Sysmon writes `DWORD (0x00000001)`, `QWORD (0x00000000-0x00000001)`, `Binary Data` or the string. */
function registryData(details: string): NonNullable<NonNullable<EventDraft['registry']>['data']> {
  if (details === 'Binary Data') return { type: 'REG_BINARY' };
  if (details.startsWith('DWORD (')) return { strings: [details], type: 'REG_DWORD' };
  if (details.startsWith('QWORD (')) return { strings: [details], type: 'REG_QWORD' };
  return { strings: [details] };
}

function pipeEvent(type: string, action: string): Mapper {
  return (data, draft) => {
    categorize(draft, 'file', [type], action);
    const pipe = text(data, 'PipeName');
    if (pipe !== undefined) draft.file = { name: pipe };
    setImage(data, draft);
  };
}

const DNS_TYPES: Readonly<Record<string, string>> = {
  '1': 'A',
  '2': 'NS',
  '5': 'CNAME',
  '6': 'SOA',
  '12': 'PTR',
  '15': 'MX',
  '16': 'TXT',
  '28': 'AAAA',
  '33': 'SRV',
  '65': 'HTTPS',
};

/** Sysmon's QueryStatus is a Win32 DNS status code; the common ones are DNS response codes. */
const DNS_STATUS: Readonly<Record<string, string>> = {
  '0': 'NOERROR',
  '9002': 'SERVFAIL',
  '9003': 'NXDOMAIN',
  '9005': 'REFUSED',
};

/** Sysmon 22. QueryResults: `type:  5 edge.example.net;::ffff:151.101.1.1;` (CNAMEs, then addresses). */
function dnsQuery(data: Data, draft: EventDraft): void {
  categorize(draft, 'network', ['connection', 'protocol', 'info'], 'dns-query');
  const dns: NonNullable<EventDraft['dns']> = { type: 'answer' };
  const name = text(data, 'QueryName');
  if (name !== undefined) dns.question = { name };
  const status = text(data, 'QueryStatus');
  const code = status === undefined ? undefined : DNS_STATUS[status];
  if (code !== undefined) dns.response_code = code;
  const results = text(data, 'QueryResults');
  if (results !== undefined) {
    const answers: NonNullable<NonNullable<EventDraft['dns']>['answers']> = [];
    const resolved: string[] = [];
    for (const raw of results.split(';')) {
      const entry = raw.trim();
      if (entry === '') continue;
      if (entry.startsWith('type:')) {
        const rest = entry.slice(5).trim();
        const space = rest.indexOf(' ');
        const number = space === -1 ? rest : rest.slice(0, space);
        const answer: { type?: string; data?: string } = { type: DNS_TYPES[number] ?? number };
        if (space !== -1) answer.data = rest.slice(space + 1).trim();
        answers.push(answer);
        continue;
      }
      const ip = entry.startsWith('::ffff:') ? entry.slice(7) : entry;
      if (!isAddress(ip)) continue;
      answers.push({ type: ip.includes(':') ? 'AAAA' : 'A', data: ip });
      resolved.push(ip);
    }
    if (answers.length > 0) dns.answers = answers;
    if (resolved.length > 0) dns.resolved_ip = resolved;
  }
  draft.dns = dns;
  setImage(data, draft);
}

function processTampering(data: Data, draft: EventDraft): void {
  categorize(draft, 'process', ['change'], 'process-tampering');
  setImage(data, draft);
}
