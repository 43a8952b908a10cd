// Zeek's ASCII (TSV) log writer format. Columns are bound by the `#fields` names, never by
// position (cluster logs prepend `_node_name`, policy scripts append columns); a new header
// block in the middle of a file (concatenated logs) replaces the schema.
import { ParseFailure, type InputFormat, type LineParser, type ParseOutcome } from '../parser.ts';
import { mapZeekRecord } from './mappings.ts';
import type { ZeekRecord } from './record.ts';
import {
  converterFor,
  DEFAULT_HEADER,
  headerValue,
  type Converter,
  type TsvHeader,
} from './tsv-values.ts';

interface Schema {
  names: string[];
  build: RecordBuilder;
}

/** Turns the columns of one data line into a record; undefined for unset fields. */
type RecordBuilder = (columns: readonly string[], unset: string) => ZeekRecord;

/**
 * Compiles a builder for one `#fields` header: an object literal with the header's keys, so every
 * record of the file has the same shape (V8 then creates it in one step instead of growing a
 * dictionary key by key). Field names come from the file, so each is embedded only through
 * JSON.stringify, which yields a valid, inert JS string literal for any input.
 */
function compileBuilder(names: readonly string[], converters: readonly Converter[]): RecordBuilder {
  const members = names.map(
    (name, index) =>
      `${JSON.stringify(name)}: (v = c[${index}]) === u ? undefined : f[${index}](v)`,
  );
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated from escaped names only; see above
  const factory = new Function(
    'f',
    `return function build(c, u) { let v; return { ${members.join(', ')} }; };`,
  ) as (f: readonly Converter[]) => RecordBuilder;
  return factory(converters);
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
      return new ParseFailure(
        `expected ${schema.names.length} ${this.header.separator === '\t' ? 'tab-separated' : 'separated'} fields (from #fields), got ${columns.length}`,
      );
    }
    const record = schema.build(columns, this.header.unsetField);
    return (
      mapZeekRecord(this.path, record, line, this.openTime) ??
      new ParseFailure('no usable ts field and no #open header')
    );
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
        this.openTime =
          match === null ? undefined : `${match[1]}T${match[2]}:${match[3]}:${match[4]}.000Z`;
        break;
      }
      case 'path':
        this.path = rest.trim();
        break;
      case 'fields':
        this.fieldNames = values();
        this.schema = {
          names: this.fieldNames,
          build: compileBuilder(
            this.fieldNames,
            this.fieldNames.map(() => converterFor('string', this.header)),
          ),
        };
        break;
      case 'types': {
        const types = values();
        if (this.fieldNames !== undefined && types.length === this.fieldNames.length) {
          this.schema = {
            names: this.fieldNames,
            build: compileBuilder(
              this.fieldNames,
              types.map((type) => converterFor(type, this.header)),
            ),
          };
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
  detect: (sample) =>
    sample.lines[0]?.startsWith('#separator') === true
      ? 1
      : sample.lines.some((l) => l.startsWith('#fields\t'))
        ? 0.9
        : 0,
  create: (context) => new ZeekTsvParser(context.fileName),
};
