// Ingests one input: detects its format from the first bytes, then streams it through the
// format's parser into the sink. Whatever goes wrong with a record or with the input as a whole
// is recorded as a reject; nothing read before the problem is lost.
import { isUtf8 } from 'node:buffer';
import {
  ParseFailure,
  type DetectSample,
  type DocumentFormat,
  type InputFormat,
  type LineFormat,
  type ParseOutcome,
} from '../parsers/parser.ts';
import { detectFormat } from '../parsers/registry.ts';
import { CompressedInputError, type ByteSource } from '../sources/byte-source.ts';
import { LineSplitter } from '../sources/line-splitter.ts';
import { MboxSplitter } from '../sources/mbox-splitter.ts';
import { StorageError, type EventSink } from './event-sink.ts';
import type { FileOutcome } from './ingest-summary.ts';

export interface SourceOptions {
  /** Skip detection and use this format. */
  format?: InputFormat;
  maxLineBytes: number;
  maxDocumentBytes: number;
  keepBytes: number;
}

const SAMPLE_BYTES = 64 * 1024;
const SAMPLE_LINES = 20;
const SAMPLE_LINE_CHARS = 4096;

export async function ingestSource(
  source: ByteSource,
  sink: EventSink,
  options: SourceOptions,
): Promise<FileOutcome> {
  const outcome: FileOutcome = { source: source.name, events: 0, rejected: 0 };
  const counted = countingSink(sink, outcome);
  const iterator = source.chunks()[Symbol.asyncIterator]();
  try {
    const buffered: Buffer[] = [];
    let bufferedBytes = 0;
    let finished = false;
    while (bufferedBytes < SAMPLE_BYTES) {
      const next = await iterator.next();
      if (next.done === true) {
        finished = true;
        break;
      }
      buffered.push(next.value);
      bufferedBytes += next.value.length;
    }
    const head = Buffer.concat(buffered);
    const format =
      bufferedBytes === 0
        ? undefined
        : (options.format ?? detectFormat(makeSample(head, source.fileName)));
    if (bufferedBytes === 0) {
      outcome.problem = 'empty input: nothing to ingest';
    } else if (format === undefined) {
      outcome.problem = unrecognised(head);
      counted.reject(
        0,
        `${outcome.problem}; name the format with --format if it is one Chancery reads`,
        head.subarray(0, options.keepBytes).toString('utf8'),
        undefined,
        source.size ?? bufferedBytes,
      );
    } else {
      outcome.format = format.type;
      await readFormat(format, head, finished, iterator, source, counted, sink, options);
    }
  } catch (error) {
    if (error instanceof StorageError) throw error;
    outcome.problem =
      error instanceof CompressedInputError
        ? `${error.message}; every complete line before it was ingested`
        : `input could not be read to the end: ${(error as Error).message}`;
    counted.reject(0, outcome.problem, '', outcome.format);
  }
  await sink.flush();
  await sink.drain();
  return outcome;
}

/** Streams the input, its sampled head first, through the format's framing and parser. */
async function readFormat(
  format: InputFormat,
  head: Buffer,
  finished: boolean,
  iterator: AsyncIterator<Buffer>,
  source: ByteSource,
  counted: CountedSink,
  sink: EventSink,
  options: SourceOptions,
): Promise<void> {
  const rest = (async function* () {
    yield head;
    if (finished) return;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
      yield next.value;
    }
  })();
  if (format.framing === 'lines') await readLines(rest, format, source, counted, sink, options);
  else if (format.framing === 'mbox') await readMbox(rest, format, source, counted, sink, options);
  else await readDocument(rest, format, source, counted, options);
}

/** The sink plus per-input counts, and the source name filled in. */
interface CountedSink {
  event(outcome: ParseOutcome, line: number, raw: string, format: string): void;
  reject(line: number, reason: string, raw: string, format?: string, rawBytes?: number): void;
}

function countingSink(sink: EventSink, outcome: FileOutcome): CountedSink {
  const reject: CountedSink['reject'] = (line, reason, raw, format, rawBytes) => {
    outcome.rejected++;
    sink.reject(outcome.source, line, reason, raw, format, rawBytes);
  };
  return {
    reject,
    event(parsed, line, raw, format) {
      if (parsed === undefined) return;
      if (parsed instanceof ParseFailure) reject(line, parsed.reason, raw, format);
      else if (sink.add(parsed, outcome.source, line)) outcome.events++;
      else outcome.rejected++;
    },
  };
}

async function readLines(
  chunks: AsyncIterable<Buffer>,
  format: LineFormat,
  source: ByteSource,
  sink: CountedSink,
  flushable: EventSink,
  options: SourceOptions,
): Promise<void> {
  const parser = format.create({ fileName: source.fileName });
  const splitter = new LineSplitter(
    {
      line(text, lineNumber) {
        let parsed: ParseOutcome;
        try {
          parsed = parser.parseLine(text, lineNumber);
        } catch (error) {
          parsed = new ParseFailure(`parser error: ${(error as Error).message}`);
        }
        sink.event(parsed, lineNumber, text, format.type);
      },
      reject(lineNumber, reason, raw, rawBytes) {
        sink.reject(lineNumber, reason, raw, format.type, rawBytes);
      },
    },
    { maxLineBytes: options.maxLineBytes, keepBytes: options.keepBytes },
  );
  try {
    for await (const chunk of chunks) {
      splitter.push(chunk);
      if (flushable.full) await flushable.flush();
    }
  } finally {
    splitter.end();
  }
}

async function readMbox(
  chunks: AsyncIterable<Buffer>,
  format: DocumentFormat,
  source: ByteSource,
  sink: CountedSink,
  flushable: EventSink,
  options: SourceOptions,
): Promise<void> {
  const parser = format.create({ fileName: source.fileName });
  const pending: { bytes?: Buffer; line: number; tooLarge?: number }[] = [];
  const splitter = new MboxSplitter(options.maxDocumentBytes, (message) => pending.push(message));
  const drain = async (): Promise<void> => {
    for (const message of pending.splice(0)) {
      if (message.bytes === undefined) {
        sink.reject(
          message.line,
          `message of ${message.tooLarge} bytes exceeds ingest.max_document_bytes (${options.maxDocumentBytes})`,
          '',
          format.type,
          message.tooLarge,
        );
        continue;
      }
      await parseDocument(parser, message.bytes, message.line, sink, format.type, options);
    }
    if (flushable.full) await flushable.flush();
  };
  for await (const chunk of chunks) {
    splitter.push(chunk);
    await drain();
  }
  splitter.end();
  await drain();
}

async function readDocument(
  chunks: AsyncIterable<Buffer>,
  format: DocumentFormat,
  source: ByteSource,
  sink: CountedSink,
  options: SourceOptions,
): Promise<void> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size <= options.maxDocumentBytes) parts.push(chunk);
  }
  if (size > options.maxDocumentBytes) {
    sink.reject(
      0,
      `document of ${size} bytes exceeds ingest.max_document_bytes (${options.maxDocumentBytes})`,
      '',
      format.type,
      size,
    );
    return;
  }
  await parseDocument(
    format.create({ fileName: source.fileName }),
    Buffer.concat(parts),
    1,
    sink,
    format.type,
    options,
  );
}

async function parseDocument(
  parser: { parseDocument(bytes: Uint8Array): Promise<ParseOutcome[]> },
  bytes: Buffer,
  firstLine: number,
  sink: CountedSink,
  formatType: string,
  options: SourceOptions,
): Promise<void> {
  let outcomes: ParseOutcome[];
  try {
    outcomes = await parser.parseDocument(bytes);
  } catch (error) {
    outcomes = [new ParseFailure(`parser error: ${(error as Error).message}`)];
  }
  const raw = (): string => bytes.subarray(0, options.keepBytes).toString('utf8');
  for (const [index, parsed] of outcomes.entries()) {
    const line = outcomes.length === 1 ? firstLine : index + 1;
    sink.event(parsed, line, parsed instanceof ParseFailure ? raw() : '', formatType);
  }
}

export function makeSample(head: Buffer, fileName: string): DetectSample {
  const text = head.subarray(0, SAMPLE_BYTES).toString('utf8');
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (trimmed.trim() === '') continue;
    lines.push(trimmed.slice(0, SAMPLE_LINE_CHARS));
    if (lines.length >= SAMPLE_LINES) break;
  }
  return { fileName, lines, head: head.subarray(0, SAMPLE_BYTES) };
}

function unrecognised(head: Buffer): string {
  const probe = head.subarray(0, 4096);
  const binary = probe.includes(0) || !isUtf8(probe.subarray(0, lastCharBoundary(probe)));
  if (binary) return 'binary data that is not a format Chancery reads';
  const firstLine = probe.toString('utf8').split('\n')[0]?.slice(0, 80) ?? '';
  return `unrecognised format (first line: ${JSON.stringify(firstLine)})`;
}

/** Length of `bytes` without a multi-byte character cut off at its end. */
function lastCharBoundary(bytes: Buffer): number {
  const end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = bytes[end - back] as number;
    if ((byte & 0xc0) === 0xc0) return end - back; // a lead byte whose continuation was cut
    if ((byte & 0x80) === 0) break;
  }
  return end;
}
