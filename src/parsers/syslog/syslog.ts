// Syslog messages: RFC 5424 (`<165>1 2003-10-11T22:14:15.003Z host app procid msgid [sd] msg`)
// and RFC 3164 / BSD (`<34>Oct 11 22:14:15 host su[123]: msg`), with or without the PRI part
// as written to /var/log files, and with the ISO timestamps rsyslog writes in its precise mode.
import { isoFromText, type EventDraft } from '../../core/index.ts';
import {
  ParseFailure,
  type DetectSample,
  type InputFormat,
  type LineParser,
  type ParseOutcome,
} from '../parser.ts';

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
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const PRI = /^<(\d{1,3})>/;
const RFC5424 = /^(\d{1,2}) (\S+) (\S+) (\S+) (\S+) (\S+) ?(.*)$/s;
const BSD_TIME = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d+)? /;
const ISO_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?) /;
const TAG = /^([^\s:[\]]{1,128})(?:\[([^\]]{1,64})\])?: ?/;

/** Parse one message; `receivedAt` supplies the year RFC 3164 leaves out. */
export function parseSyslogMessage(text: string, receivedAt: Date): ParseOutcome {
  let rest = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (rest.trim() === '') return undefined;
  const draft: EventDraft = {
    '@timestamp': receivedAt.toISOString(),
    event: { kind: 'event', dataset: 'syslog.log', module: 'syslog', original: text },
  };
  const syslog: NonNullable<NonNullable<EventDraft['log']>['syslog']> = {};
  const pri = PRI.exec(rest);
  if (pri !== null) {
    const priority = Number(pri[1]);
    if (priority > 191) return new ParseFailure(`PRI ${priority} is out of range (0-191)`);
    syslog.priority = priority;
    syslog.facility = { code: priority >> 3, name: FACILITIES[priority >> 3] ?? 'unknown' };
    syslog.severity = { code: priority & 7, name: SEVERITIES[priority & 7] ?? 'unknown' };
    draft.log = { level: SEVERITIES[priority & 7] ?? 'unknown', syslog };
    rest = rest.slice(pri[0].length);
    const modern = RFC5424.exec(rest);
    if (modern !== null && /^\d{4}-|^-$/.test(modern[2] as string))
      return rfc5424(modern, draft, syslog, receivedAt);
  } else if (text.startsWith('<')) {
    return new ParseFailure('malformed PRI: expected <0-191> at the start');
  }
  return rfc3164(rest, draft, syslog, receivedAt);
}

function rfc5424(
  match: RegExpExecArray,
  draft: EventDraft,
  syslog: NonNullable<NonNullable<EventDraft['log']>['syslog']>,
  receivedAt: Date,
): ParseOutcome {
  const [, version, timestamp, hostname, appname, procid, msgid, tail] =
    match as unknown as string[];
  syslog.version = version;
  if (timestamp !== '-') {
    const iso = isoFromText(timestamp as string);
    if (iso === undefined)
      return new ParseFailure(`RFC 5424 timestamp '${timestamp}' is not a date`);
    draft['@timestamp'] = iso;
  } else {
    draft['@timestamp'] = receivedAt.toISOString();
  }
  if (hostname !== '-') {
    syslog.hostname = hostname;
    draft.host = { hostname: hostname as string };
  }
  if (appname !== '-') {
    syslog.appname = appname;
    draft.process = { name: appname as string };
  }
  if (procid !== '-') {
    syslog.procid = procid;
    const pid = Number(procid);
    if (Number.isSafeInteger(pid)) (draft.process ??= {}).pid = pid;
  }
  if (msgid !== '-') syslog.msgid = msgid;
  const structured = readStructuredData(tail ?? '');
  if (structured instanceof ParseFailure) return structured;
  if (Object.keys(structured.data).length > 0) syslog.structured_data = structured.data;
  let message = structured.rest.startsWith(' ') ? structured.rest.slice(1) : structured.rest;
  if (message.charCodeAt(0) === 0xfeff) message = message.slice(1);
  if (message !== '') draft.message = message;
  return draft;
}

/** `[id k="v" k2="v\"2"][id2 ...]` or `-`, then the rest of the line. */
function readStructuredData(
  text: string,
): { data: Record<string, Record<string, string>>; rest: string } | ParseFailure {
  const data: Record<string, Record<string, string>> = {};
  if (text.startsWith('-')) return { data, rest: text.slice(1) };
  let index = 0;
  while (text[index] === '[') {
    const close = scanElement(text, index);
    if (close === -1) return new ParseFailure('unterminated structured data element');
    const body = text.slice(index + 1, close);
    const space = body.indexOf(' ');
    const id = space === -1 ? body : body.slice(0, space);
    const params: Record<string, string> = {};
    const pattern = /([^\s=\]"]+)="((?:[^"\\]|\\.)*)"/g;
    for (let param = pattern.exec(body); param !== null; param = pattern.exec(body)) {
      params[param[1] as string] = (param[2] as string).replace(/\\(["\\\]])/g, '$1');
    }
    data[id] = params;
    index = close + 1;
  }
  return { data, rest: text.slice(index) };
}

function scanElement(text: string, start: number): number {
  let quoted = false;
  for (let index = start + 1; index < text.length; index++) {
    const char = text[index];
    if (char === '\\') index++;
    else if (char === '"') quoted = !quoted;
    else if (char === ']' && !quoted) return index;
  }
  return -1;
}

function rfc3164(
  text: string,
  draft: EventDraft,
  syslog: NonNullable<NonNullable<EventDraft['log']>['syslog']>,
  receivedAt: Date,
): ParseOutcome {
  let rest = text;
  const bsd = BSD_TIME.exec(rest);
  const iso = bsd === null ? ISO_TIME.exec(rest) : null;
  if (bsd !== null) {
    draft['@timestamp'] = bsdTime(bsd, receivedAt);
    rest = rest.slice(bsd[0].length);
  } else if (iso !== null) {
    const time = isoFromText(iso[1] as string);
    if (time === undefined) return new ParseFailure(`timestamp '${iso[1]}' is not a date`);
    draft['@timestamp'] = time;
    rest = rest.slice(iso[0].length);
  } else if (syslog.priority === undefined) {
    return new ParseFailure(
      'no syslog header: expected <PRI>, an RFC 3164 time (Mmm dd hh:mm:ss) or an ISO time',
    );
  }
  if (bsd !== null || iso !== null) {
    const space = rest.indexOf(' ');
    const candidate = space === -1 ? '' : rest.slice(0, space);
    // BSD syslog puts the host before the tag; a tag ends in ':' or ']:'.
    if (candidate !== '' && !candidate.endsWith(':') && !candidate.includes('[')) {
      syslog.hostname = candidate;
      draft.host = { hostname: candidate };
      rest = rest.slice(space + 1);
    }
  }
  const tag = TAG.exec(rest);
  if (tag !== null && tag[0].trimEnd().endsWith(':')) {
    syslog.appname = tag[1];
    draft.process = { name: tag[1] as string };
    if (tag[2] !== undefined) {
      syslog.procid = tag[2];
      const pid = Number(tag[2]);
      if (Number.isSafeInteger(pid)) draft.process.pid = pid;
    }
    rest = rest.slice(tag[0].length);
  }
  draft.log = { ...draft.log, syslog };
  if (rest !== '') draft.message = rest;
  return draft;
}

/** The year RFC 3164 leaves out: the receive year, or the one before when that would be in the future. */
function bsdTime(match: RegExpExecArray, receivedAt: Date): string {
  const month = MONTHS.indexOf(match[1] as string);
  const build = (year: number): Date =>
    new Date(
      Date.UTC(year, month, Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5])),
    );
  let date = build(receivedAt.getUTCFullYear());
  if (date.getTime() - receivedAt.getTime() > 7 * 86400e3)
    date = build(receivedAt.getUTCFullYear() - 1);
  return date.toISOString();
}

export class SyslogParser implements LineParser {
  private readonly receivedAt = new Date();

  parseLine(line: string): ParseOutcome {
    return parseSyslogMessage(line, this.receivedAt);
  }
}

function detect(sample: DetectSample): number {
  const lines = sample.lines.slice(0, 10);
  if (lines.length === 0) return 0;
  const matches = lines.filter(
    (line) =>
      PRI.test(line) || BSD_TIME.test(line) || (ISO_TIME.test(line) && !line.startsWith('{')),
  ).length;
  return matches / lines.length >= 0.8 ? 0.8 : 0;
}

export const syslogFormat: InputFormat = {
  type: 'syslog',
  description: 'Syslog RFC 5424 and RFC 3164 (with or without <PRI>, e.g. /var/log/messages)',
  framing: 'lines',
  detect,
  create: () => new SyslogParser(),
};
