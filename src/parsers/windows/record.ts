// The three JSON shapes Windows events are exported in, read into one record: NXLog/OTRF flat
// (EventData fields beside the System fields), evtx-rs nested (`Event.System`, `Event.EventData`),
// and Winlogbeat/ECS (`winlog.event_data`).
import { isoFromText } from '../../core/index.ts';

export interface WindowsRecord {
  channel?: string;
  eventId?: number;
  provider?: string;
  computer?: string;
  recordId?: number;
  time?: string;
  task?: string;
  opcode?: string;
  level?: string;
  keywords?: string;
  processId?: number;
  threadId?: number;
  userSid?: string;
  message?: string;
  /** EventData (or the fields of UserData's element) with their original Windows names. */
  data: Record<string, unknown>;
  userData?: Record<string, unknown>;
}

type Json = Record<string, unknown>;

/** Envelope keys written by NXLog, Logstash and the flat exporters; everything else is event data. */
const FLAT_ENVELOPE = new Set([
  'EventID',
  'Channel',
  'Hostname',
  'Computer',
  'SourceName',
  'Provider_Name',
  'ProviderGuid',
  'Provider_Guid',
  'TimeCreated',
  'EventTime',
  'EventReceivedTime',
  '@timestamp',
  '@version',
  'Task',
  'Keywords',
  'Level',
  'Opcode',
  'OpcodeValue',
  'RecordNumber',
  'EventRecordID',
  'ProcessID',
  'ThreadID',
  'ExecutionProcessID',
  'ExecutionThreadID',
  'Execution_ProcessID',
  'Execution_ThreadID',
  'Security_UserID',
  'Severity',
  'SeverityValue',
  'Category',
  'Message',
  'SourceModuleName',
  'SourceModuleType',
  'host',
  'port',
  'tags',
  'Version',
  'UserID',
  'AccountName',
  'AccountType',
  'Domain',
  'Correlation_ActivityID',
  'Correlation_RelatedActivityID',
]);

/** NXLog's `EventType` is the audit/info level; Sysmon's EventData `EventType` (SetValue, ...) is data. */
const NXLOG_EVENT_TYPES = new Set([
  'AUDIT_SUCCESS',
  'AUDIT_FAILURE',
  'INFO',
  'WARNING',
  'ERROR',
  'CRITICAL',
  'VERBOSE',
]);

export type Shape = 'flat' | 'nested' | 'winlogbeat';

export function shapeOf(object: Json): Shape | undefined {
  if (typeof object.Event === 'object' && object.Event !== null && 'System' in object.Event)
    return 'nested';
  if (typeof object.winlog === 'object' && object.winlog !== null) return 'winlogbeat';
  if (
    'EventID' in object &&
    ('Channel' in object || 'SourceName' in object || 'Provider_Name' in object)
  )
    return 'flat';
  return undefined;
}

export function readRecord(object: Json, shape: Shape): WindowsRecord {
  if (shape === 'nested') return fromNested(object.Event as Json);
  if (shape === 'winlogbeat') return fromWinlogbeat(object);
  return fromFlat(object);
}

function fromFlat(object: Json): WindowsRecord {
  const data: Record<string, unknown> = {};
  let userData: Record<string, unknown> | undefined;
  for (const key in object) {
    const value = object[key];
    if (FLAT_ENVELOPE.has(key)) continue;
    if (key === 'EventType' && typeof value === 'string' && NXLOG_EVENT_TYPES.has(value)) continue;
    if (key.startsWith('UserData_') && isObject(value)) {
      userData = { [key.slice(9)]: value };
      Object.assign(data, withoutAttributes(value as Json));
      continue;
    }
    data[key] = value;
  }
  const record: WindowsRecord = { data };
  setString(record, 'channel', object.Channel);
  setNumber(record, 'eventId', object.EventID);
  setString(record, 'provider', object.Provider_Name ?? object.SourceName);
  setString(record, 'computer', object.Computer ?? object.Hostname);
  setNumber(record, 'recordId', object.EventRecordID ?? object.RecordNumber);
  record.time =
    timeOf(object.TimeCreated) ??
    timeOf(object['@timestamp']) ??
    timeOf(object.EventTime) ??
    timeOf(object.UtcTime);
  setString(record, 'task', object.Task);
  setString(record, 'opcode', object.Opcode);
  setString(record, 'level', object.Level);
  setString(record, 'keywords', object.Keywords);
  setNumber(
    record,
    'processId',
    object.Execution_ProcessID ?? object.ExecutionProcessID ?? object.ProcessID,
  );
  setNumber(
    record,
    'threadId',
    object.Execution_ThreadID ?? object.ExecutionThreadID ?? object.ThreadID,
  );
  setString(record, 'userSid', object.Security_UserID ?? object.UserID);
  setString(record, 'message', object.Message);
  if (userData !== undefined) record.userData = userData;
  return record;
}

function fromNested(event: Json): WindowsRecord {
  const system = (isObject(event.System) ? event.System : {}) as Json;
  const record: WindowsRecord = { data: eventData(event.EventData) };
  if (isObject(event.UserData)) {
    record.userData = event.UserData as Json;
    for (const element of Object.values(event.UserData as Json)) {
      if (isObject(element)) Object.assign(record.data, withoutAttributes(element as Json));
    }
  }
  setString(record, 'channel', system.Channel);
  setNumber(record, 'eventId', textOf(system.EventID));
  setString(record, 'provider', attribute(system.Provider, 'Name'));
  setString(record, 'computer', system.Computer);
  setNumber(record, 'recordId', system.EventRecordID);
  record.time = timeOf(attribute(system.TimeCreated, 'SystemTime') ?? textOf(system.TimeCreated));
  setString(record, 'task', textOf(system.Task));
  setString(record, 'opcode', textOf(system.Opcode));
  setString(record, 'level', textOf(system.Level));
  setString(record, 'keywords', textOf(system.Keywords));
  setNumber(record, 'processId', attribute(system.Execution, 'ProcessID'));
  setNumber(record, 'threadId', attribute(system.Execution, 'ThreadID'));
  setString(record, 'userSid', attribute(system.Security, 'UserID'));
  return record;
}

function fromWinlogbeat(object: Json): WindowsRecord {
  const winlog = object.winlog as Json;
  const data = isObject(winlog.event_data) ? { ...(winlog.event_data as Json) } : {};
  const record: WindowsRecord = { data };
  if (isObject(winlog.user_data)) {
    record.userData = winlog.user_data as Json;
    Object.assign(data, withoutAttributes(winlog.user_data as Json));
  }
  setString(record, 'channel', winlog.channel);
  setNumber(
    record,
    'eventId',
    winlog.event_id ?? (isObject(object.event) ? (object.event as Json).code : undefined),
  );
  setString(record, 'provider', winlog.provider_name);
  setString(
    record,
    'computer',
    winlog.computer_name ?? (isObject(object.host) ? (object.host as Json).name : undefined),
  );
  setNumber(record, 'recordId', winlog.record_id);
  record.time = timeOf(object['@timestamp']);
  setString(record, 'task', winlog.task);
  setString(record, 'opcode', winlog.opcode);
  setString(
    record,
    'keywords',
    Array.isArray(winlog.keywords) ? winlog.keywords.join(',') : winlog.keywords,
  );
  const process = isObject(winlog.process) ? (winlog.process as Json) : {};
  setNumber(record, 'processId', process.pid);
  setNumber(record, 'threadId', isObject(process.thread) ? (process.thread as Json).id : undefined);
  setString(
    record,
    'userSid',
    isObject(winlog.user) ? (winlog.user as Json).identifier : undefined,
  );
  setString(record, 'message', object.message);
  return record;
}

/** EventData as an object, as `{ Data: [{ '#attributes': { Name }, '#text' }] }`, or null. */
function eventData(value: unknown): Record<string, unknown> {
  if (!isObject(value)) return {};
  const object = value as Json;
  const list = object.Data;
  if (
    list !== undefined &&
    Object.keys(object).every((key) => key === 'Data' || key.startsWith('#'))
  ) {
    const out: Record<string, unknown> = {};
    const items = Array.isArray(list) ? list : [list];
    items.forEach((item, index) => {
      const name = attribute(item, 'Name');
      out[typeof name === 'string' ? name : `Data${index}`] = textOf(item);
    });
    return out;
  }
  return withoutAttributes(object);
}

function withoutAttributes(object: Json): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in object) if (!key.startsWith('#')) out[key] = object[key];
  return out;
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function attribute(value: unknown, name: string): unknown {
  if (!isObject(value)) return undefined;
  const attributes = (value as Json)['#attributes'];
  return isObject(attributes) ? (attributes as Json)[name] : undefined;
}

function textOf(value: unknown): unknown {
  return isObject(value) ? (value as Json)['#text'] : value;
}

function timeOf(value: unknown): string | undefined {
  return typeof value === 'string'
    ? isoFromText(value)
    : typeof value === 'number'
      ? isoFromText(String(value))
      : undefined;
}

type StringKeys =
  | 'channel'
  | 'provider'
  | 'computer'
  | 'task'
  | 'opcode'
  | 'level'
  | 'keywords'
  | 'userSid'
  | 'message';
type NumberKeys = 'eventId' | 'recordId' | 'processId' | 'threadId';

function setString(record: WindowsRecord, key: StringKeys, value: unknown): void {
  if (typeof value === 'string' && value !== '') record[key] = value;
  else if (typeof value === 'number') record[key] = String(value);
}

function setNumber(record: WindowsRecord, key: NumberKeys, value: unknown): void {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value !== ''
        ? Number(value.startsWith('0x') ? Number.parseInt(value, 16) : value)
        : Number.NaN;
  if (Number.isFinite(number)) record[key] = number;
}
