// The contract every input format implements. A format is data in the registry
// (`{ type, framing, detect, create }`); nothing outside parsers/ branches on a format's name.
import type { EventDraft } from '../core/event.ts';

/** Why one record could not become an event. Returned, never thrown: the stream goes on. */
export class ParseFailure {
  constructor(readonly reason: string) {}
}

/** One parsed record: an event, a failure, or `undefined` for lines that carry no event (headers, blanks). */
export type ParseOutcome = EventDraft | ParseFailure | undefined;

/** What a detector sees of a file: its name and the first lines of text (after gunzip). */
export interface DetectSample {
  /** Base name of the file, or '' for stdin and HTTP bodies. */
  fileName: string;
  /** Up to the first ~20 non-empty lines, each already cut to a few KiB. */
  lines: readonly string[];
  /** First bytes, decompressed, for formats that are not line-based (evtx, mail). */
  head: Uint8Array;
}

/** Parses a line-framed format. State (e.g. the Zeek `#fields` header) lives in the instance. */
export interface LineParser {
  parseLine(line: string, lineNumber: number): ParseOutcome;
}

/** Parses a format framed as whole documents: one `.eml`, one mbox message, one `.evtx` file. */
export interface DocumentParser {
  parseDocument(bytes: Uint8Array): Promise<ParseOutcome[]>;
}

export interface ParserContext {
  /** Base name of the file being read, or '' (Zeek JSON takes its log type from it). */
  fileName: string;
}

interface FormatCommon {
  /** Stable name used by `--format` and in summaries, e.g. `zeek-tsv`. */
  type: string;
  description: string;
  /**
   * Confidence 0..1 that the sample is this format; the highest wins, ties go to registry order.
   * Must be cheap and must not throw.
   */
  detect(sample: DetectSample): number;
}

export interface LineFormat extends FormatCommon {
  framing: 'lines';
  create(context: ParserContext): LineParser;
}

export interface DocumentFormat extends FormatCommon {
  /** `document`: the whole file is one unit; `mbox`: the file is split at `From ` separator lines. */
  framing: 'document' | 'mbox';
  create(context: ParserContext): DocumentParser;
}

export type InputFormat = LineFormat | DocumentFormat;
