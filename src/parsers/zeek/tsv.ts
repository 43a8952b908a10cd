// Zeek's ASCII (TSV) log format. Columns are bound by the `#fields` names, never by position
// (cluster logs prepend `_node_name`, policy scripts append columns); a new header block in the
// middle of a file (concatenated logs) replaces the schema. All per-column work (converters, the
// record builder, which fields go to `zeek.<log>`) is compiled once per header.
import {
  ParseFailure,
  type DetectSample,
  type LineFormat,
  type LineParser,
  type ParseOutcome,
} from '../parser.ts';
import { logTypeFromFileName } from './log-type.ts';
import { LogMapper } from './mappings.ts';
import type { ZeekRecord } from './record.ts';
import {
  converterFor,
  DEFAULT_HEADER,
  unescape,
  type Converter,
  type TsvHeader,
} from './tsv-values.ts';
import type { VendorField } from './vendor.ts';

export { logTypeFromFileName } from './log-type.ts';

/** Turns the columns of one data line into a record; `undefined` for unset fields. */
type RecordBuilder = (columns: readonly string[], unset: string) => ZeekRecord;

interface Schema {
  width: number;
  build: RecordBuilder;
  mapper: LogMapper;
  plan: VendorField[];
}

export class ZeekTsvParser implements LineParser {
  private header: TsvHeader = { ...DEFAULT_HEADER };
  private path: string;
  private fieldNames: string[] | undefined;
  private types: string[] | undefined;
  private schema: Schema | undefined;
  private openTime: string | undefined;
  private readonly mappers = new Map<string, LogMapper>();

  constructor(private readonly fileName: string) {
    this.path = logTypeFromFileName(fileName) ?? 'unknown';
  }

  parseLine(raw: string): ParseOutcome {
    const line = raw.charCodeAt(raw.length - 1) === 13 /* \r */ ? raw.slice(0, -1) : raw;
    if (line.charCodeAt(0) === 35 /* # */) {
      this.readHeader(line);
      return undefined;
    }
    if (line === '') return undefined;
    const schema = this.schema;
    if (schema === undefined) return new ParseFailure('data line before any #fields header');
    const columns = line.split(this.header.separator);
    if (columns.length !== schema.width) {
      const kind = this.header.separator === '\t' ? 'tab-separated' : 'separated';
      return new ParseFailure(
        `expected ${schema.width} ${kind} fields (from #fields), got ${columns.length}`,
      );
    }
    const record = schema.build(columns, this.header.unsetField);
    return schema.mapper.map(record, raw, this.openTime, schema.plan);
  }

  private readHeader(line: string): void {
    const end = headerKeyEnd(line, this.header.separator);
    const key = line.slice(1, end);
    const rest = line.slice(end + 1);
    switch (key) {
      case 'separator':
        // A new header block starts: forget the previous log's schema and separators.
        this.header = { ...DEFAULT_HEADER, separator: unescape(rest.trim()) || '\t' };
        this.path = logTypeFromFileName(this.fileName) ?? 'unknown';
        this.fieldNames = undefined;
        this.types = undefined;
        this.schema = undefined;
        this.openTime = undefined;
        break;
      case 'set_separator':
        this.header.setSeparator = unescape(rest);
        break;
      case 'empty_field':
        this.header.emptyField = rest;
        break;
      case 'unset_field':
        this.header.unsetField = rest;
        break;
      case 'path':
        this.path = rest.trim() || this.path;
        if (this.fieldNames !== undefined) this.compile();
        break;
      case 'open':
        this.openTime = openTime(rest);
        break;
      case 'fields':
        this.fieldNames = rest.split(this.header.separator);
        this.types = undefined;
        this.compile();
        break;
      case 'types': {
        const types = rest.split(this.header.separator);
        if (this.fieldNames !== undefined && types.length === this.fieldNames.length) {
          this.types = types;
          this.compile();
        }
        break;
      }
      default: // #close and unknown headers carry no schema
    }
  }

  private compile(): void {
    const names = this.fieldNames;
    if (names === undefined) return;
    // Without #types every column is text (unescaped, with the empty-field marker read).
    const types = this.types ?? names.map(() => 'string');
    let mapper = this.mappers.get(this.path);
    if (mapper === undefined) {
      mapper = new LogMapper(this.path);
      this.mappers.set(this.path, mapper);
    }
    this.schema = {
      width: names.length,
      build: compileBuilder(names, types, this.header),
      mapper,
      plan: mapper.plan(names),
    };
  }
}

/**
 * Compiles the builder for one `#fields` header: a single object literal with the header's keys,
 * so that every record of the file has the same shape (V8 then creates it in one step and every
 * property read in the mappings stays monomorphic). Field names come from the file, so each is
 * embedded only through JSON.stringify, which yields an inert JS string literal for any input.
 */
function compileBuilder(
  names: readonly string[],
  types: readonly string[],
  header: Readonly<TsvHeader>,
): RecordBuilder {
  const converters: Converter[] = [];
  const members: string[] = [];
  for (const [index, name] of names.entries()) {
    // As a literal key, "__proto__" would set the record's prototype: such a column is dropped.
    if (name === '__proto__') continue;
    converters[index] = converterFor(types[index] ?? 'string', header);
    members.push(`${JSON.stringify(name)}: (v = c[${index}]) === u ? undefined : f[${index}](v)`);
  }
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated from escaped names only; see above
  const factory = new Function(
    'f',
    `return function build(c, u) { let v; return { ${members.join(', ')} }; };`,
  ) as (f: readonly Converter[]) => RecordBuilder;
  return factory(converters);
}

/** End of the key of a header line: `#separator \x09` uses a space, the others the separator. */
function headerKeyEnd(line: string, separator: string): number {
  const space = line.indexOf(' ');
  const tab = line.indexOf(separator);
  if (space === -1) return tab === -1 ? line.length : tab;
  return tab === -1 ? space : Math.min(space, tab);
}

/** `#open 2024-04-19-00-00-01` (the sensor's clock; taken as UTC like Zeek's ts) to ISO. */
function openTime(value: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})-(\d{2})-(\d{2})-(\d{2})/.exec(value.trim());
  return match === null ? undefined : `${match[1]}T${match[2]}:${match[3]}:${match[4]}.000Z`;
}

function detect(sample: DetectSample): number {
  const [head] = sample.lines;
  if (head?.startsWith('#separator') === true) return 1;
  // A header cut from the top (e.g. a tail of the file) still shows its #fields line.
  return sample.lines.some((line) => line.startsWith('#fields')) ? 0.9 : 0;
}

export const zeekTsvFormat: LineFormat = {
  type: 'zeek-tsv',
  description: 'Zeek ASCII logs (#separator/#fields/#types headers), any log type',
  framing: 'lines',
  detect,
  create: (context) => new ZeekTsvParser(context.fileName),
};
