// Main-thread side of the event writer thread: sends batches of rows and resolves each write when
// the thread has committed it. The thread starts on the first write, so read-only commands
// (`chancery events`) never pay for it.
import { Worker } from 'node:worker_threads';
import type { EventBatch } from './event-row.ts';
import type { WriterReply, WriterRequest } from './event-writer.worker.ts';

const WORKER_URL = new URL('./event-writer.worker.ts', import.meta.url).href;
const TSX_URL = import.meta.resolve('tsx/esm/api');

export class EventWriter {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (inserted: number) => void; reject: (error: Error) => void }
  >();

  constructor(private readonly file: string) {}

  write(batch: EventBatch): Promise<number> {
    return this.request({ id: this.nextId++, batch });
  }

  async close(): Promise<void> {
    if (this.worker === undefined) return;
    await this.request({ id: this.nextId++, close: true });
    this.worker = undefined;
  }

  private request(request: WriterRequest): Promise<number> {
    const worker = (this.worker ??= this.start());
    return new Promise((resolve, reject) => {
      this.waiting.set(request.id, { resolve, reject });
      worker.postMessage(request);
    });
  }

  private start(): Worker {
    // The thread runs TypeScript like the rest of Chancery: register the loader, then import it.
    const source = `import(${JSON.stringify(TSX_URL)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL)}); })`;
    const worker = new Worker(source, { eval: true, workerData: { file: this.file } });
    worker.on('message', (reply: WriterReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if ('error' in reply) waiter?.reject(new Error(`storing events failed: ${reply.error}`));
      else waiter?.resolve(reply.inserted);
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => {
      if (this.waiting.size > 0)
        this.failAll(new Error(`the event writer thread exited (code ${code})`));
    });
    return worker;
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
    this.worker = undefined;
  }
}
