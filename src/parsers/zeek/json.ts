// Zeek's JSON log writer (`LogAscii::use_json=T`): one flat object per line with Zeek's dotted
// field names, no header. The log type comes from `_path` when present (json-streaming-logs),
// else from the file name, else from fields only that log has.
import { ParseFailure, type LineFormat, type LineParser, type ParseOutcome } from '../parser.ts';
import { detectJsonLines, readJsonObject } from '../fields.ts';
import { logTypeFromFields, logTypeFromFileName } from './log-type.ts';
import { LogMapper } from './mappings.ts';
import type { ZeekRecord } from './record.ts';

export class ZeekJsonParser implements LineParser {
  private readonly fileLogType: string | undefined;
  private readonly mappers = new Map<string, LogMapper>();

  constructor(fileName: string) {
    this.fileLogType = logTypeFromFileName(fileName);
  }

  parseLine(line: string): ParseOutcome {
    const json = readJsonObject(line);
    if (json === undefined || json instanceof ParseFailure) return json;
    const record = json as ZeekRecord;
    const id = record.id;
    if (typeof id === 'object' && id !== null && !Array.isArray(id)) flattenId(record, id);
    const path =
      typeof record._path === 'string' && record._path !== ''
        ? record._path
        : (this.fileLogType ?? logTypeFromFields(record) ?? 'unknown');
    let mapper = this.mappers.get(path);
    if (mapper === undefined) {
      mapper = new LogMapper(path);
      this.mappers.set(path, mapper);
    }
    return mapper.map(record, line, undefined);
  }
}

/** Some shippers nest the connection id (`"id": {"orig_h": ...}`): make it Zeek's dotted names. */
function flattenId(record: ZeekRecord, id: object): void {
  delete record.id;
  for (const [key, value] of Object.entries(id)) record[`id.${key}`] = value;
}

const KEY_FIELDS = ['uid', 'id.orig_h', '_path', 'fuid', 'fingerprint'];

function isZeekJson(line: string): boolean {
  if (line.charCodeAt(0) !== 123) return false;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    // Detection samples are cut to a few KiB: judge a cut line by its text.
    return /"ts"\s*:/.test(line) && /"(uid|id\.orig_h|_path|fuid)"\s*:/.test(line);
  }
  if (typeof value !== 'object' || value === null || !('ts' in value)) return false;
  const id = (value as ZeekRecord).id;
  if (typeof id === 'object' && id !== null && 'orig_h' in id) return true;
  return KEY_FIELDS.some((key) => key in value);
}

export const zeekJsonFormat: LineFormat = {
  type: 'zeek-json',
  description: 'Zeek JSON logs (one object per line; log type from _path or the file name)',
  framing: 'lines',
  detect: (sample) => detectJsonLines(sample, isZeekJson),
  create: (context) => new ZeekJsonParser(context.fileName),
};
