// Syslog messages: RFC 5424 (`<165>1 2003-10-11T22:14:15.003Z host app procid msgid [sd] msg`)
// and RFC 3164 / BSD (`<34>Oct 11 22:14:15 host su[123]: msg`), with or without the PRI part as
// written to /var/log files, and with the ISO timestamps of rsyslog's precise file format.
import { isoFromEpochSeconds, type EventDraft } from '../../core/index.ts';
import {
  ParseFailure,
  type DetectSample,
  type InputFormat,
  type LineParser,
  type ParseOutcome,
} from '../parser.ts';
import { readStructuredData } from './structured-data.ts';
import { readBsdTime, readIsoTime } from './time.ts';

/**
 * One syslog message (a file line, a UDP datagram or a TCP frame) as an event. `receivedAt`
 * supplies what the message may lack: RFC 3164's year, and the time of a NILVALUE timestamp.
 * A line of plain text with no syslog header is a ParseFailure ('no syslog header'): in a file
 * detected as syslog it is most often a wrapped continuation of the previous message.
 */
export function parseSyslogMessage(text: string, receivedAt: Date): ParseOutcome {
  return parseMessage(text, receivedAt.getTime());
}

export class SyslogParser implements LineParser {
  /** Files carry no receive time: the year of undated lines is inferred from now. */
  private readonly receivedAt = Date.now();

  parseLine(line: string): ParseOutcome {
    return parseMessage(line, this.receivedAt);
  }
}

export const syslogFormat: InputFormat = {
  type: 'syslog',
  description: 'Syslog RFC 5424 and RFC 3164 (with or without <PRI>, e.g. /var/log/messages)',
  framing: 'lines',
  detect,
  create: () => new SyslogParser(),
};

type Syslog = NonNullable<NonNullable<EventDraft['log']>['syslog']>;

/** Linux's facility names (RFC 5424 table 1; 13-15 as glibc and rsyslog name them). */
const FACILITIES = [
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'syslog',
  'lpr',
  'news',
  'uucp',
  'cron',
  'authpriv',
  'ftp',
  'ntp',
  'security',
  'console',
  'solaris-cron',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7',
];
const SEVERITIES = [
  'emergency',
  'alert',
  'critical',
  'error',
  'warning',
  'notice',
  'informational',
  'debug',
];
// Shared by every event (they are never written to): frozen, so a stage that tried would fail loudly.
const FACILITY_OBJECTS = FACILITIES.map((name, code) => Object.freeze({ code, name }));
const SEVERITY_OBJECTS = SEVERITIES.map((name, code) => Object.freeze({ code, name }));

const MAX_TAG = 128;

function parseMessage(text: string, received: number): ParseOutcome {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let end = text.length;
  // Datagrams often end in a newline or a NUL; file lines may keep a CR.
  while (end > start && isTrailing(text.charCodeAt(end - 1))) end--;
  while (start < end && text.charCodeAt(start) === 32) start++;
  if (start === end) return undefined;
  let priority: number | undefined;
  if (text.charCodeAt(start) === 60 /* < */) {
    let index = start + 1;
    let value = 0;
    while (index < start + 4 && isDigit(text.charCodeAt(index)))
      value = value * 10 + text.charCodeAt(index++) - 48;
    if (index === start + 1 || text.charCodeAt(index) !== 62 /* > */)
      return new ParseFailure('malformed PRI: expected <0-191> at the start');
    if (value > 191) return new ParseFailure(`PRI ${value} is out of range (0-191)`);
    priority = value;
    start = index + 1;
  }
  if (priority !== undefined && isVersion(text, start))
    return rfc5424(text, start, end, priority, received);
  return rfc3164(text, start, end, priority, received);
}

/** RFC 5424's `VERSION SP` followed by a full-date or the NILVALUE. */
function isVersion(text: string, start: number): boolean {
  const first = text.charCodeAt(start);
  if (first < 49 || first > 57) return false;
  const space = isDigit(text.charCodeAt(start + 1)) ? start + 2 : start + 1;
  if (text.charCodeAt(space) !== 32) return false;
  const next = text.charCodeAt(space + 1);
  return next === 45 /* - */
    ? text.charCodeAt(space + 2) === 32
    : text.charCodeAt(space + 5) === 45;
}

function rfc5424(
  text: string,
  start: number,
  end: number,
  priority: number,
  received: number,
): ParseOutcome {
  const syslog = prioritySection(priority);
  let index = text.indexOf(' ', start);
  syslog.version = text.slice(start, index);
  const fields: string[] = [];
  for (let field = 0; field < 5; field++) {
    const from = index + 1;
    index = text.indexOf(' ', from);
    if (index === -1 || index > end) index = end;
    if (from >= index) return new ParseFailure(RFC5424_INCOMPLETE);
    fields.push(text.slice(from, index));
  }
  const [timestamp, hostname, appname, procid, msgid] = fields as [
    string,
    string,
    string,
    string,
    string,
  ];
  let iso: string | undefined;
  if (timestamp === '-') iso = isoFromEpochSeconds(received / 1000);
  else {
    const time = readIsoTime(timestamp, 0);
    if (time?.iso === undefined || time.end !== timestamp.length)
      return new ParseFailure(`RFC 5424 timestamp '${timestamp}' is not a date`);
    iso = time.iso;
  }
  if (iso === undefined) return new ParseFailure(`RFC 5424 timestamp '${timestamp}' is not a date`);
  if (hostname !== '-') syslog.hostname = hostname;
  if (appname !== '-') syslog.appname = appname;
  if (procid !== '-') syslog.procid = procid;
  if (msgid !== '-') syslog.msgid = msgid;
  if (index >= end) return new ParseFailure('RFC 5424 header has no structured data (or "-")');
  index++;
  if (text.charCodeAt(index) === 45 /* - */) index++;
  else if (text.charCodeAt(index) === 91 /* [ */) {
    const structured = readStructuredData(text, index, end);
    if (typeof structured === 'string') return new ParseFailure(structured);
    syslog.structured_data = structured.data;
    index = structured.end;
  } else return new ParseFailure('RFC 5424: expected structured data or "-" after MSGID');
  let message = '';
  if (index < end) {
    if (text.charCodeAt(index) !== 32)
      return new ParseFailure('RFC 5424: expected a space between structured data and message');
    index++;
    if (text.charCodeAt(index) === 0xfeff) index++;
    message = text.slice(index, end);
  }
  return draftOf(text, iso, message, syslog, appname === '-' ? undefined : appname, procid);
}

const RFC5424_INCOMPLETE =
  'RFC 5424 header incomplete: expected TIMESTAMP HOSTNAME APP-NAME PROCID MSGID';

function rfc3164(
  text: string,
  start: number,
  end: number,
  priority: number | undefined,
  received: number,
): ParseOutcome {
  const syslog: Syslog = priority === undefined ? {} : prioritySection(priority);
  let index = start;
  let iso: string | undefined;
  const first = text.charCodeAt(start);
  const time =
    first >= 65 && first <= 90 /* A-Z */
      ? readBsdTime(text, start, received)
      : isDigit(first)
        ? readIsoTime(text, start)
        : undefined;
  // Cisco devices end the time with a colon: `Apr 19 2024 09:00:06: %ASA-6-302013: ...`.
  const after = time === undefined ? -1 : text.charCodeAt(time.end);
  const colon = after === 58 && text.charCodeAt((time?.end ?? 0) + 1) === 32 ? 1 : 0;
  if (time !== undefined && (time.end === end || after === 32 || colon === 1)) {
    if (time.iso === undefined)
      return new ParseFailure(`timestamp '${text.slice(start, time.end)}' is not a date`);
    iso = time.iso;
    index = time.end + colon;
    while (text.charCodeAt(index) === 32) index++;
    // The host comes before the tag; a tag ends in ':' (`su:`, `sshd[22]:`), a host does not.
    const space = text.indexOf(' ', index);
    const tokenEnd = space === -1 || space > end ? end : space;
    if (tokenEnd > index && !looksLikeTag(text, index, tokenEnd)) {
      syslog.hostname = text.slice(index, tokenEnd);
      index = tokenEnd;
      while (text.charCodeAt(index) === 32) index++;
    }
  } else if (priority === undefined) {
    return new ParseFailure(
      'no syslog header: expected <PRI>, an RFC 3164 time (Mmm dd hh:mm:ss) or an ISO 8601 time',
    );
  } else {
    iso = isoFromEpochSeconds(received / 1000);
    if (iso === undefined) return new ParseFailure('receive time is out of range');
  }
  let appname: string | undefined;
  let procid: string | undefined;
  const tag = readTag(text, index, end);
  if (tag !== undefined) {
    appname = text.slice(index, tag.nameEnd);
    syslog.appname = appname;
    if (tag.pidStart !== -1) {
      procid = text.slice(tag.pidStart, tag.pidEnd);
      syslog.procid = procid;
    }
    index = tag.end;
  }
  return draftOf(text, iso, text.slice(index, end), syslog, appname, procid);
}

function looksLikeTag(text: string, start: number, end: number): boolean {
  const last = text.charCodeAt(end - 1);
  return last === 58 /* : */ || text.lastIndexOf('[', end) >= start;
}

/** `name:` or `name[pid]:` (then one optional space); undefined when the text has no tag. */
function readTag(
  text: string,
  start: number,
  end: number,
): { nameEnd: number; pidStart: number; pidEnd: number; end: number } | undefined {
  let index = start;
  const limit = Math.min(end, start + MAX_TAG);
  while (index < limit) {
    const code = text.charCodeAt(index);
    if (code === 58 /* : */ || code === 91 /* [ */ || code === 32 || code === 93 /* ] */) break;
    index++;
  }
  if (index === start || index === limit) return undefined;
  const nameEnd = index;
  let pidStart = -1;
  let pidEnd = -1;
  if (text.charCodeAt(index) === 91) {
    pidStart = index + 1;
    pidEnd = text.indexOf(']', pidStart);
    if (pidEnd === -1 || pidEnd >= end || pidEnd - pidStart > 64 || pidEnd === pidStart)
      return undefined;
    index = pidEnd + 1;
  }
  if (text.charCodeAt(index) !== 58) return undefined;
  index++;
  if (text.charCodeAt(index) === 32) index++;
  return { nameEnd, pidStart, pidEnd, end: index };
}

function prioritySection(priority: number): Syslog {
  return {
    priority,
    facility: FACILITY_OBJECTS[priority >> 3],
    severity: SEVERITY_OBJECTS[priority & 7],
  };
}

function draftOf(
  original: string,
  iso: string,
  message: string,
  syslog: Syslog,
  appname: string | undefined,
  procid: string | undefined,
): EventDraft {
  const draft: EventDraft = {
    '@timestamp': iso,
    event: { kind: 'event', dataset: 'syslog.log', module: 'syslog', original },
  };
  if (message !== '') draft.message = message;
  if (syslog.hostname !== undefined) draft.host = { hostname: syslog.hostname };
  if (appname !== undefined) {
    const pid = procid === undefined ? Number.NaN : Number(procid);
    draft.process =
      Number.isSafeInteger(pid) && pid >= 0 ? { name: appname, pid } : { name: appname };
  }
  const severity = syslog.severity;
  if (severity !== undefined) draft.log = { level: severity.name, syslog };
  else {
    for (const key in syslog) {
      if (Object.hasOwn(syslog, key)) {
        draft.log = { syslog };
        break;
      }
    }
  }
  return draft;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isTrailing(code: number): boolean {
  return code === 10 || code === 13 || code === 0;
}

/**
 * 0.9 when most of the first lines carry a PRI, 0.8 for RFC 3164 times, 0.7 for ISO times
 * (those also need a `tag:`, as many application logs start with an ISO time), else 0.
 */
function detect(sample: DetectSample): number {
  let seen = 0;
  let withPriority = 0;
  let bsd = 0;
  let iso = 0;
  const now = Date.now();
  for (const line of sample.lines) {
    const first = line.charCodeAt(0);
    if (first === 123 /* { */ || first === 91 /* [ */) return 0;
    seen++;
    const outcome = parseMessage(line, now);
    if (outcome !== undefined && !(outcome instanceof ParseFailure)) {
      if (outcome.log?.syslog?.priority !== undefined) withPriority++;
      else if (!isDigit(first)) bsd++;
      else if (outcome.process?.name !== undefined) iso++;
    }
    if (seen === 10) break;
  }
  const matched = withPriority + bsd + iso;
  if (seen === 0 || matched / seen < 0.8) return 0;
  return withPriority * 2 >= matched ? 0.9 : bsd >= iso ? 0.8 : 0.7;
}
