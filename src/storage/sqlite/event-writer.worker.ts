// The event writer thread: owns a write connection and stores batches of prepared rows, so that
// SQLite's work overlaps with reading and parsing on the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './database.ts';
import { createEventInserter } from './event-inserter.ts';
import type { EventBatch } from './event-row.ts';

export type WriterRequest = { id: number; batch: EventBatch } | { id: number; close: true };
export type WriterReply = { id: number; inserted: number } | { id: number; error: string };

const port = parentPort;
if (port === null) throw new Error('event-writer.worker must run as a worker thread');
const db = openDatabase((workerData as { file: string }).file);
const writeBatch = createEventInserter(db);

port.on('message', (request: WriterRequest) => {
  if ('close' in request) {
    db.close();
    port.postMessage({ id: request.id, inserted: 0 } satisfies WriterReply);
    port.close();
    return;
  }
  try {
    port.postMessage({ id: request.id, inserted: writeBatch(request.batch) } satisfies WriterReply);
  } catch (error) {
    port.postMessage({ id: request.id, error: (error as Error).message } satisfies WriterReply);
  }
});
