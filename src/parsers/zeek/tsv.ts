// Zeek's ASCII (TSV) log writer format. Columns are bound by the `#fields` names, never by
// position (cluster logs prepend `_node_name`, policy scripts append columns); a new header
// block in the middle of a file (concatenated logs) replaces the schema.
import { ParseFailure, type InputFormat, type LineParser, type ParseOutcome } from '../parser.ts';
import { mapZeekRecord } from './mappings.ts';
import type { ZeekRecord } from './record.ts';
import { converterFor, DEFAULT_HEADER, headerValue, type Converter, type TsvHeader } from './tsv-values.ts';

interface Schema {
  names: string[];
  converters: Converter[];
}

export class ZeekTsvParser implements LineParser {
  private header: TsvHeader = { ...DEFAULT_HEADER };
  private path = 'unknown';
  private fieldNames: string[] | undefined;
  private schema: Schema | undefined;
  private openTime: string | undefined;

  constructor(fileName: string) {
    this.path = logTypeFromFileName(fileName) ?? 'unknown';
  }

  parseLine(line: string): ParseOutcome {
    if (line.charCodeAt(0) === 35 /* # */) {
      this.readHeader(line);
      return undefined;
    }
    if (line === '') return undefined;
    const schema = this.schema;
    if (schema === undefined) return new ParseFailure('data line before any #fields header');
    const columns = line.split(this.header.separator);
    if (columns.length !== schema.names.length) {
      return new ParseFailure(`expected ${schema.names.length} ${this.header.separator === '\t' ? 'tab-separated' : 'separated'} fields (from #fields), got ${columns.length}`);
    }
    const record: ZeekRecord = {};
    const unset = this.header.unsetField;
    for (let index = 0; index < columns.length; index++) {
      const text = columns[index] as string;
      if (text === unset) continue;
      record[schema.names[index] as string] = (schema.converters[index] as Converter)(text);
    }
    return mapZeekRecord(this.path, record, line, this.openTime) ?? new ParseFailure('no usable ts field and no #open header');
  }

  private readHeader(line: string): void {
    const space = line.search(/[ \t]/);
    const key = space === -1 ? line.slice(1) : line.slice(1, space);
    const rest = space === -1 ? '' : line.slice(space + 1);
    const values = (): string[] => rest.split(this.header.separator);
    switch (key) {
      case 'separator':
        // A new header block starts: forget the previous log's schema.
        this.header = { ...DEFAULT_HEADER, separator: headerValue(rest.trim()) };
        this.schema = undefined;
        this.fieldNames = undefined;
        break;
      case 'set_separator':
        this.header.setSeparator = headerValue(rest);
        break;
      case 'empty_field':
        this.header.emptyField = rest;
        break;
      case 'unset_field':
        this.header.unsetField = rest;
        break;
      case 'open': {
        // `2024-04-19-00-00-01`, written in the sensor's local time; taken as UTC like Zeek's ts.
        const match = /^(\d{4}-\d{2}-\d{2})-(\d{2})-(\d{2})-(\d{2})/.exec(rest.trim());
        this.openTime = match === null ? undefined : `${match[1]}T${match[2]}:${match[3]}:${match[4]}.000Z`;
        break;
      }
      case 'path':
        this.path = rest.trim();
        break;
      case 'fields':
        this.fieldNames = values();
        this.schema = { names: this.fieldNames, converters: this.fieldNames.map(() => converterFor('string', this.header)) };
        break;
      case 'types': {
        const types = values();
        if (this.fieldNames !== undefined && types.length === this.fieldNames.length) {
          this.schema = { names: this.fieldNames, converters: types.map((type) => converterFor(type, this.header)) };
        }
        break;
      }
      default: // #open, #close and unknown headers carry no schema
    }
  }
}

/** `conn.log`, `conn.15:00:00-16:00:00.log.gz`, `conn_20240101.log`, `dns.log` → the log type. */
export function logTypeFromFileName(fileName: string): string | undefined {
  const match = /^([a-z][a-z0-9_]*?)(?:[._-]\d|\.log|\.json|$)/i.exec(fileName);
  return match?.[1]?.toLowerCase();
}

export const zeekTsvFormat: InputFormat = {
  type: 'zeek-tsv',
  description: 'Zeek ASCII logs (#separator/#fields/#types headers), any log type',
  framing: 'lines',
  detect: (sample) => (sample.lines[0]?.startsWith('#separator') === true ? 1 : sample.lines.some((l) => l.startsWith('#fields\t')) ? 0.9 : 0),
  create: (context) => new ZeekTsvParser(context.fileName),
};
