// Opens an input (a file, stdin, or bytes already in memory) as a stream of decompressed chunks.
// gzip is recognised by its magic bytes, not by the file name, so `.log.gz` and a gzip body
// posted over HTTP are handled alike.
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export interface ByteSource {
  /** What rejects and summaries call this input: a path, `stdin`, `http:<token>`, ... */
  name: string;
  /** Base name used for format detection (Zeek JSON takes its log type from it). */
  fileName: string;
  /** Compressed size when known, for progress. */
  size?: number;
  /** Compressed bytes read so far, for progress. */
  readonly bytesRead: number;
  /** Whether the input turned out to be gzip (known after the first chunk). */
  readonly compressed: boolean;
  chunks(): AsyncIterable<Buffer>;
}

const CHUNK_BYTES = 256 * 1024;

export function fileSource(path: string, fileName: string): ByteSource {
  return streamSource(
    path,
    fileName,
    () => createReadStream(path, { highWaterMark: CHUNK_BYTES }),
    statSync(path).size,
  );
}

export function stdinSource(): ByteSource {
  return streamSource('stdin', '', () => process.stdin);
}

export function memorySource(name: string, bytes: Buffer, fileName = ''): ByteSource {
  return streamSource(name, fileName, () => Readable.from([bytes]), bytes.length);
}

function streamSource(
  name: string,
  fileName: string,
  open: () => AsyncIterable<Buffer | string>,
  size?: number,
): ByteSource {
  const state = { bytesRead: 0, compressed: false };
  return {
    name,
    fileName,
    ...(size === undefined ? {} : { size }),
    get bytesRead() {
      return state.bytesRead;
    },
    get compressed() {
      return state.compressed;
    },
    async *chunks() {
      const counted = countBytes(open(), state);
      const iterator = counted[Symbol.asyncIterator]();
      const first = await iterator.next();
      if (first.done === true) return;
      const head = first.value;
      const rest: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => iterator };
      if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
        state.compressed = true;
        yield* gunzip(head, rest);
        return;
      }
      yield head;
      yield* rest;
    },
  };
}

async function* countBytes(
  input: AsyncIterable<Buffer | string>,
  state: { bytesRead: number },
): AsyncGenerator<Buffer> {
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    state.bytesRead += buffer.length;
    yield buffer;
  }
}

/** Thrown after the last good bytes of a gzip stream that is cut short or corrupt. */
export class CompressedInputError extends Error {
  constructor(
    message: string,
    readonly decompressedBytes: number,
  ) {
    super(message);
    this.name = 'CompressedInputError';
  }
}

async function* gunzip(head: Buffer, rest: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const inflater = createGunzip({ chunkSize: CHUNK_BYTES });
  const feed = Readable.from(
    (async function* () {
      yield head;
      yield* rest;
    })(),
  );
  feed.on('error', (error) => inflater.destroy(error));
  feed.pipe(inflater);
  let produced = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      produced += chunk.length;
      yield chunk;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'Z_BUF_ERROR'
        ? 'gzip stream is truncated (unexpected end of file)'
        : `gzip stream is corrupt (${(error as Error).message})`;
    throw new CompressedInputError(`${reason} after ${produced} decompressed bytes`, produced);
  }
}
