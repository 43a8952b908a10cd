// Windows record → ECS. `winlog.*` keeps every field with its Windows name (Sigma rules match on
// those); the ECS fields are filled for the event types analysts query most (sysmon.ts, security.ts).
import type { EventDraft } from '../../core/index.ts';
import { setUser, type Mappings } from './event-data.ts';
import { POWERSHELL, SECURITY, SYSTEM } from './security.ts';
import { SYSMON } from './sysmon.ts';
import type { WindowsRecord } from './record.ts';

/** `Microsoft-Windows-Sysmon/Operational` → `sysmon_operational`, `Security` → `security`. */
export function channelSlug(channel: string): string {
  return channel
    .toLowerCase()
    .replace(/^microsoft-windows-/, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Datasets per channel: a log holds a handful of channels, so the slug is computed once each. */
const datasets = new Map<string, string>();
const MAX_CACHED_CHANNELS = 1024;

function datasetOf(channel: string): string {
  let dataset = datasets.get(channel);
  if (dataset === undefined) {
    dataset = `windows.${channelSlug(channel) || 'unknown'}`;
    if (datasets.size < MAX_CACHED_CHANNELS) datasets.set(channel, dataset);
  }
  return dataset;
}

/** The event for a record, or undefined when it has no usable time. */
export function toEcs(record: WindowsRecord, original: string): EventDraft | undefined {
  if (record.time === undefined) return undefined;
  const channel = record.channel ?? 'unknown';
  const draft: EventDraft = {
    '@timestamp': record.time,
    event: { kind: 'event', dataset: datasetOf(channel), module: 'windows', original },
    winlog: winlogSection(record),
  };
  if (record.eventId !== undefined) draft.event.code = String(record.eventId);
  if (record.provider !== undefined) draft.event.provider = record.provider;
  if (record.computer !== undefined) draft.host = { name: record.computer };
  if (record.message !== undefined) draft.message = record.message;
  const id = record.eventId;
  if (id !== undefined) {
    const mapper = mappingsFor(channel, record.provider)?.[id];
    if (mapper !== undefined) mapper(record.data, draft);
  }
  if (draft.user === undefined) setUser(draft, record.data);
  return draft;
}

function mappingsFor(channel: string, provider: string | undefined): Mappings | undefined {
  if (provider === 'Microsoft-Windows-Sysmon') return SYSMON;
  // Channel names are case-insensitive in Windows, and some shippers lower-case them.
  switch (channel.toLowerCase()) {
    case 'security':
      return SECURITY;
    case 'microsoft-windows-sysmon/operational':
      return SYSMON;
    case 'system':
      return SYSTEM;
    case 'microsoft-windows-powershell/operational':
      return POWERSHELL;
    default:
      return undefined;
  }
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
