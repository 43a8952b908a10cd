// The three JSON shapes Windows events are exported in, read into one record: NXLog/OTRF flat
// (EventData fields beside the System fields), evtx-rs nested (`Event.System`, `Event.EventData`),
// and Winlogbeat/ECS (`winlog.event_data`).
import { epochOfPlain, isoFromMillis, isoTime } from './time.ts';

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
  /** EventData (and the fields of UserData's element) with their original Windows names. */
  data: Record<string, unknown>;
  userData?: Record<string, unknown>;
}

type Json = Record<string, unknown>;

export type Shape = 'flat' | 'nested' | 'winlogbeat';

export function shapeOf(object: Json): Shape | undefined {
  const event = object.Event;
  if (typeof event === 'object' && event !== null && 'System' in event) return 'nested';
  const winlog = object.winlog;
  if (typeof winlog === 'object' && winlog !== null) return 'winlogbeat';
  if (
    object.EventID !== undefined &&
    (object.Channel !== undefined ||
      object.SourceName !== undefined ||
      object.Provider_Name !== undefined)
  )
    return 'flat';
  return undefined;
}

export function readRecord(object: Json, shape: Shape): WindowsRecord {
  if (shape === 'nested') return fromNested(object.Event as Json);
  if (shape === 'winlogbeat') return fromWinlogbeat(object);
  return fromFlat(object);
}

/**
 * The System/envelope keys written by NXLog (im_msvistalog), Logstash, and the flattening
 * exporters (`Provider_Name`, `Execution_ProcessID`, ...); every other key is EventData.
 * `ProcessID` is deliberately absent: it is EventData in Security 5156 (the connecting process),
 * while NXLog names the System one `ExecutionProcessID`.
 */
const FLAT_ENVELOPE = new Set([
  'EventID',
  'EventID_Qualifiers',
  'Channel',
  'Hostname',
  'Computer',
  'SourceName',
  'Provider_Name',
  'Provider_Guid',
  'Provider_EventSourceName',
  'ProviderGuid',
  'TimeCreated',
  'TimeCreated_SystemTime',
  'EventTime',
  'EventReceivedTime',
  '@timestamp',
  '@version',
  'Task',
  'Keywords',
  'Level',
  'Opcode',
  'OpcodeValue',
  'Version',
  'RecordNumber',
  'EventRecordID',
  'ThreadID',
  'ExecutionProcessID',
  'ExecutionThreadID',
  'Execution_ProcessID',
  'Execution_ThreadID',
  'Security_UserID',
  'Correlation_ActivityID',
  'Correlation_RelatedActivityID',
  'ActivityID',
  'RelatedActivityID',
  'Severity',
  'SeverityValue',
  'Category',
  'Message',
  'SourceModuleName',
  'SourceModuleType',
  'UserID',
  'AccountName',
  'AccountType',
  'Domain',
  'ERROR_EVT_UNRESOLVED',
  // Logstash beside NXLog: the shipper's address and tags, and its rename of NXLog's EventType.
  'host',
  'port',
  'tags',
  'EventTypeOrignal',
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

function fromFlat(object: Json): WindowsRecord {
  const data: Json = {};
  let userData: Json | undefined;
  for (const key in object) {
    if (FLAT_ENVELOPE.has(key) || key === '__proto__') continue;
    const value = object[key];
    if (typeof value === 'string') {
      if (key !== 'EventType' || !NXLOG_EVENT_TYPES.has(value)) data[key] = value;
    } else if (isObject(value) && key.startsWith('UserData_')) {
      // The flatteners keep UserData's one element as `UserData_<Element>`.
      userData = { [key.slice(9)]: value };
      copyFields(value, data);
    } else data[key] = value;
  }
  const record: WindowsRecord = { data };
  setString(record, 'channel', object.Channel);
  setNumber(record, 'eventId', object.EventID);
  setString(record, 'provider', object.Provider_Name ?? object.SourceName);
  setString(record, 'computer', object.Computer ?? object.Hostname);
  setNumber(record, 'recordId', object.EventRecordID ?? object.RecordNumber);
  const time =
    timeOf(object.TimeCreated) ??
    timeOf(object.TimeCreated_SystemTime) ??
    nxlogTime(object.EventTime, object.EventReceivedTime, object['@timestamp']) ??
    timeOf(object['@timestamp']) ??
    timeOf(object.EventTime) ??
    timeOf(object.UtcTime);
  if (time !== undefined) record.time = time;
  setString(record, 'task', object.Task);
  setString(record, 'opcode', object.Opcode);
  setString(record, 'level', object.Level);
  setKeywords(record, object.Keywords);
  setNumber(record, 'processId', object.Execution_ProcessID ?? object.ExecutionProcessID);
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
  const system = isObject(event.System) ? event.System : {};
  const record: WindowsRecord = { data: eventData(event.EventData) };
  const userData = event.UserData;
  if (isObject(userData)) {
    if (record.data === event.EventData) record.data = copyFields(record.data, {});
    record.userData = userData;
    // UserData holds one element named by the provider; its fields are what rules match on.
    for (const key in userData) copyFields(userData[key], record.data);
  }
  setString(record, 'channel', system.Channel);
  setNumber(record, 'eventId', textOf(system.EventID));
  setString(record, 'provider', attribute(system.Provider, 'Name'));
  setString(record, 'computer', system.Computer);
  setNumber(record, 'recordId', textOf(system.EventRecordID));
  const time = timeOf(attribute(system.TimeCreated, 'SystemTime') ?? textOf(system.TimeCreated));
  if (time !== undefined) record.time = time;
  setString(record, 'task', textOf(system.Task));
  setString(record, 'opcode', textOf(system.Opcode));
  setString(record, 'level', textOf(system.Level));
  setKeywords(record, textOf(system.Keywords));
  setNumber(record, 'processId', attribute(system.Execution, 'ProcessID'));
  setNumber(record, 'threadId', attribute(system.Execution, 'ThreadID'));
  setString(record, 'userSid', attribute(system.Security, 'UserID'));
  // wevtutil's and Get-WinEvent's XML carry the rendered text beside the event.
  const rendering = event.RenderingInfo;
  if (isObject(rendering)) setString(record, 'message', textOf(rendering.Message));
  return record;
}

function fromWinlogbeat(object: Json): WindowsRecord {
  const winlog = object.winlog as Json;
  const given = winlog.event_data;
  const userData = winlog.user_data;
  let data: Json = isObject(given) ? given : {};
  if (isObject(userData)) {
    if (data === given) data = copyFields(given, {});
    copyFields(userData, data);
  }
  const record: WindowsRecord = { data };
  if (isObject(userData)) record.userData = userData;
  const event = isObject(object.event) ? object.event : undefined;
  const host = isObject(object.host) ? object.host : undefined;
  setString(record, 'channel', winlog.channel);
  setNumber(record, 'eventId', winlog.event_id ?? event?.code);
  setString(record, 'provider', winlog.provider_name ?? event?.provider);
  setString(record, 'computer', winlog.computer_name ?? host?.name);
  setNumber(record, 'recordId', winlog.record_id);
  const time = timeOf(object['@timestamp']) ?? timeOf(event?.created);
  if (time !== undefined) record.time = time;
  setString(record, 'task', winlog.task);
  setString(record, 'opcode', winlog.opcode);
  setString(record, 'level', winlog.level);
  setKeywords(record, Array.isArray(winlog.keywords) ? winlog.keywords.join(',') : winlog.keywords);
  const process = isObject(winlog.process) ? winlog.process : undefined;
  setNumber(record, 'processId', process?.pid);
  setNumber(record, 'threadId', isObject(process?.thread) ? process.thread.id : undefined);
  setString(record, 'userSid', isObject(winlog.user) ? winlog.user.identifier : undefined);
  setString(record, 'message', object.message);
  return record;
}

/**
 * EventData as evtx-rs writes it (`{ Image: ..., CommandLine: ... }`), as some exporters write it
 * (`{ Data: [{ '#attributes': { Name }, '#text' }] }`), or null. Unnamed `<Data>` elements (classic
 * providers such as Windows PowerShell 400/800) are kept under `Data`, the name Sigma rules use.
 */
function eventData(value: unknown): Json {
  if (!isObject(value)) return {};
  const list = value.Data;
  if (list === undefined || !onlyDataKeys(value))
    return hasAttributes(value) ? copyFields(value, {}) : value;
  const out: Json = {};
  const unnamed: unknown[] = [];
  const items = Array.isArray(list) ? list : [list];
  for (const item of items) {
    const name = attribute(item, 'Name');
    // An empty `<Data Name="X"/>` is '' as evtx-rs writes it.
    const text = isObject(item) && !('#text' in item) ? '' : textOf(item);
    if (typeof name === 'string' && name !== '' && name !== '__proto__') out[name] = text;
    else if (Array.isArray(text)) unnamed.push(...(text as unknown[]));
    else if (text !== '' && text !== null && text !== undefined) unnamed.push(text);
  }
  if (unnamed.length > 0) out.Data = unnamed.length === 1 ? unnamed[0] : unnamed;
  return out;
}

function onlyDataKeys(object: Json): boolean {
  for (const key in object) if (key !== 'Data' && key.charCodeAt(0) !== 35 /* # */) return false;
  return true;
}

/** Whether an element has XML attributes (`#attributes`) beside its fields. */
function hasAttributes(object: Json): boolean {
  for (const key in object) if (key.charCodeAt(0) === 35 /* # */) return true;
  return false;
}

/** Copies an element's fields without its XML attributes (`#attributes`, xmlns). */
function copyFields(value: unknown, into: Json): Json {
  if (!isObject(value)) return into;
  for (const key in value)
    if (key.charCodeAt(0) !== 35 /* # */ && key !== '__proto__') into[key] = value[key];
  return into;
}

/**
 * NXLog's EventTime and EventReceivedTime are the collector's local time without a zone, and
 * Logstash's `@timestamp` is the receive time in UTC: their difference, rounded to a quarter
 * hour, is the zone offset that turns EventTime into UTC. (@timestamp alone is seconds late.)
 */
function nxlogTime(eventTime: unknown, received: unknown, stamp: unknown): string | undefined {
  if (typeof eventTime !== 'string' || typeof received !== 'string' || typeof stamp !== 'string')
    return undefined;
  const local = epochOfPlain(received);
  const event = epochOfPlain(eventTime);
  const utcText = isoTime(stamp);
  if (Number.isNaN(local) || Number.isNaN(event) || utcText === undefined) return undefined;
  const utc = Date.parse(utcText);
  const offset = Math.round((utc - local) / 900_000) * 900_000;
  // More than five minutes between receive and @timestamp means they are not the same moment.
  if (Math.abs(utc - local - offset) > 300_000 || Math.abs(offset) > 14 * 3_600_000)
    return undefined;
  return isoFromMillis(event + offset);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function attribute(value: unknown, name: string): unknown {
  if (!isObject(value)) return undefined;
  const attributes = value['#attributes'];
  return isObject(attributes) ? attributes[name] : undefined;
}

function textOf(value: unknown): unknown {
  return isObject(value) ? value['#text'] : value;
}

function timeOf(value: unknown): string | undefined {
  if (typeof value === 'string') return isoTime(value);
  if (typeof value === 'number') return isoTime(String(value));
  return undefined;
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
  if (typeof value === 'string') {
    if (value !== '') record[key] = value;
  } else if (typeof value === 'number') record[key] = String(value);
}

/** Keywords as the `0x8020000000000000` mask; NXLog writes it as a signed 64-bit decimal. */
function setKeywords(record: WindowsRecord, value: unknown): void {
  if (typeof value === 'number' && Number.isInteger(value))
    record.keywords = `0x${BigInt.asUintN(64, BigInt(value)).toString(16)}`;
  else setString(record, 'keywords', value);
}

function setNumber(record: WindowsRecord, key: NumberKeys, value: unknown): void {
  let number: number;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string' && value !== '')
    number =
      value.charCodeAt(0) === 48 && value.charCodeAt(1) === 120 // 0x
        ? Number.parseInt(value.slice(2), 16)
        : Number(value);
  else return;
  if (Number.isFinite(number)) record[key] = number;
}
