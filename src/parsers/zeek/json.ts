// Zeek's JSON log writer (`LogAscii::use_json=T`): one flat object per line with Zeek's dotted
// field names. The log type comes from `_path` when present, else from the file name.
import {
  ParseFailure,
  type DetectSample,
  type InputFormat,
  type LineParser,
  type ParseOutcome,
} from '../parser.ts';
import { mapZeekRecord } from './mappings.ts';
import type { ZeekRecord } from './record.ts';
import { logTypeFromFileName } from './tsv.ts';

export class ZeekJsonParser implements LineParser {
  private readonly fallbackPath: string;

  constructor(fileName: string) {
    this.fallbackPath = logTypeFromFileName(fileName) ?? 'unknown';
  }

  parseLine(line: string): ParseOutcome {
    if (line.trim() === '') return undefined;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      return new ParseFailure(`invalid JSON: ${(error as Error).message}`);
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      return new ParseFailure('expected a JSON object per line');
    }
    const fields = record as ZeekRecord;
    const path = typeof fields._path === 'string' ? fields._path : this.fallbackPath;
    return mapZeekRecord(path, fields, line) ?? new ParseFailure('no usable ts field');
  }
}

function looksLikeZeekJson(sample: DetectSample): boolean {
  const first = sample.lines[0];
  if (first?.startsWith('{') !== true) return false;
  return /"ts"\s*:/.test(first) && /"(uid|id\.orig_h|_path|fuid)"\s*:/.test(first);
}

export const zeekJsonFormat: InputFormat = {
  type: 'zeek-json',
  description: 'Zeek JSON logs (one object per line; log type from _path or the file name)',
  framing: 'lines',
  detect: (sample) => (looksLikeZeekJson(sample) ? 0.95 : 0),
  create: (context) => new ZeekJsonParser(context.fileName),
};
