// Native .evtx files, read with the pure-JS parser @ts-evtx/core. Each record's XML becomes the
// evtx-rs JSON shape, so it normalizes exactly like exported JSON; a damaged chunk or record is
// one failure and the rest of the file is still read.
import * as evtxLibrary from '@ts-evtx/core';
import {
  ParseFailure,
  type DocumentParser,
  type InputFormat,
  type ParseOutcome,
} from '../parser.ts';
import { toEcs } from './ecs.ts';
import { eventJsonFromXml } from './evtx-xml.ts';
import { readRecord } from './record.ts';

export class EvtxParser implements DocumentParser {
  async parseDocument(bytes: Uint8Array): Promise<ParseOutcome[]> {
    return parseEvtx(bytes);
  }
}

export const evtxFormat: InputFormat = {
  type: 'evtx',
  description: 'Native Windows .evtx event log files',
  framing: 'document',
  detect: (sample) => (hasMagic(sample.head, 0, FILE_MAGIC) ? 1 : 0),
  create: () => new EvtxParser(),
};

/** Every record of an .evtx file as an event or a failure, in file order. */
export function parseEvtx(bytes: Uint8Array): ParseOutcome[] {
  if (!hasMagic(bytes, 0, FILE_MAGIC))
    return [new ParseFailure('not an .evtx file: no ElfFile magic')];
  let file: EvtxFileView;
  try {
    file = new EvtxFile(bytes);
  } catch (error) {
    return [new ParseFailure(`evtx file header: ${messageOf(error)}`)];
  }
  const outcomes: ParseOutcome[] = [];
  let index = 0;
  try {
    // Inactive chunks too: a log copied while Windows was writing it (a "dirty" file) holds
    // records past the chunk count in its header. Preallocated, never-used chunks are all zero.
    for (const chunk of file.header.chunks(true)) {
      const offset = HEADER_BYTES + index * CHUNK_BYTES;
      if (chunk.checkMagic()) readChunk(chunk, index, outcomes);
      else if (!isZero(bytes, offset, FILE_MAGIC.length))
        outcomes.push(new ParseFailure(`evtx chunk ${index} at offset ${offset}: bad magic`));
      index++;
    }
  } catch (error) {
    outcomes.push(new ParseFailure(`evtx chunk ${index}: ${messageOf(error)}`));
  }
  return outcomes;
}

/**
 * One event's XML to its event; `event.original` is the evtx-rs JSON of the record. TimeCreated
 * is in every record's XML; the record header's time stands in if it is not.
 */
export function eventFromXml(xml: string, label: string, recordTime?: () => Date): ParseOutcome {
  const json = eventJsonFromXml(xml);
  if (typeof json === 'string') return new ParseFailure(`${label}: ${json}`);
  const system = json.Event.System as Record<string, unknown>;
  if (system.TimeCreated === undefined && recordTime !== undefined)
    system.TimeCreated = { '#attributes': { SystemTime: recordTime().toISOString() } };
  return (
    toEcs(readRecord(json, 'nested'), JSON.stringify(json)) ??
    new ParseFailure(`${label}: no usable TimeCreated`)
  );
}

/** The parts of @ts-evtx/core we use; its published types do not resolve under NodeNext. */
interface EvtxRecordView {
  recordNum(): bigint;
  timestampAsDate(): Date;
  renderXml(): string;
}
interface EvtxChunkView {
  checkMagic(): boolean;
  records(): Iterable<EvtxRecordView>;
}
interface EvtxFileView {
  header: { chunks(includeInactive: boolean): Iterable<EvtxChunkView> };
}

/**
 * The library reads a file from a path; its constructor takes the bytes (and is what `open`
 * calls), which spares writing events to a temporary file: input may come gzipped or over HTTP.
 */
const EvtxFile = (evtxLibrary as unknown as { EvtxFile: new (bytes: Uint8Array) => EvtxFileView })
  .EvtxFile;

const FILE_MAGIC = 'ElfFile\u0000';
const HEADER_BYTES = 0x1000;
const CHUNK_BYTES = 0x10000;

function readChunk(chunk: EvtxChunkView, index: number, outcomes: ParseOutcome[]): void {
  let read = 0;
  try {
    for (const record of chunk.records()) {
      outcomes.push(recordOutcome(record));
      read++;
    }
  } catch (error) {
    // A record's size field is the only way to the next one: the rest of the chunk is lost.
    outcomes.push(
      new ParseFailure(
        `evtx chunk ${index}: unreadable after ${read} records: ${messageOf(error)}`,
      ),
    );
  }
}

function recordOutcome(record: EvtxRecordView): ParseOutcome {
  let number = 'unknown';
  try {
    number = recordNumber(record);
    return eventFromXml(record.renderXml(), `evtx record ${number}`, () =>
      record.timestampAsDate(),
    );
  } catch (error) {
    return new ParseFailure(`evtx record ${number}: ${messageOf(error)}`);
  }
}

function recordNumber(record: EvtxRecordView): string {
  return String(record.recordNum());
}

function hasMagic(bytes: Uint8Array, offset: number, magic: string): boolean {
  if (bytes.length < offset + magic.length) return false;
  for (let index = 0; index < magic.length; index++)
    if (bytes[offset + index] !== magic.charCodeAt(index)) return false;
  return true;
}

function isZero(bytes: Uint8Array, offset: number, length: number): boolean {
  for (let index = offset; index < offset + length && index < bytes.length; index++)
    if (bytes[index] !== 0) return false;
  return true;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
