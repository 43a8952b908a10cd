// Native .evtx files, read with the maintained pure-JS parser @ts-evtx/core. Each record is
// turned into the nested (evtx-rs) JSON shape, so it normalizes exactly like exported JSON.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as evtxLibrary from '@ts-evtx/core';
import {
  ParseFailure,
  type DocumentParser,
  type InputFormat,
  type ParseOutcome,
} from '../parser.ts';
import { toEcs } from './ecs.ts';
import { readRecord } from './record.ts';

const MAGIC = 'ElfFile\u0000';

/** The part of @ts-evtx/core's ResolvedEvent we read (its published types do not resolve under NodeNext). */
interface EvtxEvent {
  id: number;
  timestamp: string;
  provider: { name: string };
  eventId: number;
  level?: number;
  channel?: string;
  computer?: string;
  core?: {
    task?: number;
    opcode?: number;
    keywords?: string;
    execution?: { processId?: number; threadId?: number };
    security?: { userId?: string };
  };
  data: { source: 'EventData' | 'UserData'; items: { name?: string; value: string }[] };
}

const library = evtxLibrary as unknown as {
  readResolvedEvents(
    path: string,
    options: { includeDataItems: 'full'; messageStrategy: 'none' },
  ): AsyncIterable<EvtxEvent>;
};

export class EvtxParser implements DocumentParser {
  async parseDocument(bytes: Uint8Array): Promise<ParseOutcome[]> {
    // The library reads from a path; the pipeline hands us bytes (a file may also arrive gzipped
    // or over HTTP), so they go through a private temporary file.
    const dir = mkdtempSync(join(tmpdir(), 'chancery-evtx-'));
    const path = join(dir, 'input.evtx');
    const outcomes: ParseOutcome[] = [];
    try {
      writeFileSync(path, bytes);
      for await (const event of library.readResolvedEvents(path, {
        includeDataItems: 'full',
        messageStrategy: 'none',
      })) {
        outcomes.push(toOutcome(event));
      }
    } catch (error) {
      outcomes.push(
        new ParseFailure(
          `evtx: ${(error as Error).message}; ${outcomes.length} records read before it`,
        ),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return outcomes;
  }
}

function toOutcome(event: EvtxEvent): ParseOutcome {
  const eventData: Record<string, string> = {};
  event.data.items.forEach((item, index) => {
    eventData[item.name ?? `Data${index}`] = item.value;
  });
  const nested = {
    Event: {
      System: {
        Provider: { '#attributes': { Name: event.provider.name } },
        EventID: event.eventId,
        Level: event.level,
        Task: event.core?.task,
        Opcode: event.core?.opcode,
        Keywords: event.core?.keywords,
        TimeCreated: { '#attributes': { SystemTime: event.timestamp } },
        EventRecordID: event.id,
        Execution: {
          '#attributes': {
            ProcessID: event.core?.execution?.processId,
            ThreadID: event.core?.execution?.threadId,
          },
        },
        Channel: event.channel,
        Computer: event.computer,
        Security: { '#attributes': { UserID: event.core?.security?.userId } },
      },
      [event.data.source]: event.data.source === 'UserData' ? { Data: eventData } : eventData,
    },
  };
  const original = JSON.stringify(nested);
  return (
    toEcs(readRecord(nested, 'nested'), original) ??
    new ParseFailure(`evtx record ${event.id} has no usable time`)
  );
}

export const evtxFormat: InputFormat = {
  type: 'evtx',
  description: 'Native Windows .evtx files',
  framing: 'document',
  detect: (sample) =>
    Buffer.from(sample.head.subarray(0, 8)).toString('latin1') === MAGIC ? 1 : 0,
  create: () => new EvtxParser(),
};
