// Splits a byte stream into text lines without ever holding more than one over-long line's
// allowance in memory. Chunks that are valid UTF-8 (nearly all) are decoded and split in one go;
// a chunk with invalid bytes is split line by line so only the bad lines are rejected.
import { isUtf8 } from 'node:buffer';

export interface LineSink {
  line(text: string, lineNumber: number): void;
  reject(lineNumber: number, reason: string, raw: string, rawBytes: number): void;
}

export interface LineLimits {
  /** Longest accepted line in bytes; longer lines are rejected. */
  maxLineBytes: number;
  /** How much of a rejected line is kept. */
  keepBytes: number;
}

const NEWLINE = 0x0a;

export class LineSplitter {
  private carry: Buffer | undefined;
  /** While > 0 we are inside an over-long line: bytes seen of it so far. */
  private oversizeBytes = 0;
  private oversizeHead: Buffer | undefined;
  private lineNumber = 0;

  constructor(
    private readonly sink: LineSink,
    private readonly limits: LineLimits,
  ) {}

  /** Number of lines emitted or rejected so far. */
  get lines(): number {
    return this.lineNumber;
  }

  push(chunk: Buffer): void {
    let start = 0;
    if (this.oversizeBytes > 0 || this.carry !== undefined) {
      const newline = chunk.indexOf(NEWLINE);
      const end = newline === -1 ? chunk.length : newline;
      this.extendPartial(chunk.subarray(0, end));
      if (newline === -1) return;
      this.finishPartial();
      start = newline + 1;
    }
    const last = chunk.lastIndexOf(NEWLINE);
    if (last < start) {
      if (start < chunk.length) this.extendPartial(chunk.subarray(start));
      return;
    }
    this.splitComplete(chunk.subarray(start, last));
    if (last + 1 < chunk.length) this.extendPartial(chunk.subarray(last + 1));
  }

  /** Flush the last line when the input does not end with a newline. */
  end(): void {
    if (this.oversizeBytes > 0 || this.carry !== undefined) this.finishPartial();
  }

  /** `body` holds whole lines separated by '\n' (no trailing newline). */
  private splitComplete(body: Buffer): void {
    if (isUtf8(body)) {
      const lines = body.toString('utf8').split('\n');
      for (const text of lines) this.emit(text, -1);
      return;
    }
    let from = 0;
    while (from <= body.length) {
      let to = body.indexOf(NEWLINE, from);
      if (to === -1) to = body.length;
      this.emitBytes(body.subarray(from, to));
      from = to + 1;
    }
  }

  private emitBytes(bytes: Buffer): void {
    if (isUtf8(bytes)) {
      this.emit(bytes.toString('utf8'), bytes.length);
      return;
    }
    this.lineNumber++;
    const offset = firstInvalidUtf8Offset(bytes);
    this.sink.reject(
      this.lineNumber,
      `invalid UTF-8 at byte ${offset} of the line`,
      bytes.subarray(0, this.limits.keepBytes).toString('utf8'),
      bytes.length,
    );
  }

  /** `byteLength` is -1 when unknown (computed only when the text might exceed the limit). */
  private emit(raw: string, byteLength: number): void {
    this.lineNumber++;
    const text = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    // A UTF-8 character is at most 3 bytes per UTF-16 unit, so short strings need no byte count.
    if (text.length * 3 > this.limits.maxLineBytes) {
      const bytes = byteLength >= 0 ? byteLength : Buffer.byteLength(text);
      if (bytes > this.limits.maxLineBytes) {
        this.rejectOversize(bytes, Buffer.from(text.slice(0, this.limits.keepBytes)));
        return;
      }
    }
    this.sink.line(text, this.lineNumber);
  }

  private extendPartial(bytes: Buffer): void {
    if (this.oversizeBytes > 0) {
      this.oversizeBytes += bytes.length;
      return;
    }
    const size = (this.carry?.length ?? 0) + bytes.length;
    if (size > this.limits.maxLineBytes) {
      const joined = this.carry === undefined ? bytes : Buffer.concat([this.carry, bytes]);
      this.oversizeHead = Buffer.from(joined.subarray(0, this.limits.keepBytes));
      this.oversizeBytes = size;
      this.carry = undefined;
      return;
    }
    // Copy: the stream may reuse the chunk's memory, and a slice would pin the whole chunk.
    this.carry = this.carry === undefined ? Buffer.from(bytes) : Buffer.concat([this.carry, bytes]);
  }

  private finishPartial(): void {
    if (this.oversizeBytes > 0) {
      this.lineNumber++;
      this.rejectOversize(this.oversizeBytes, this.oversizeHead ?? Buffer.alloc(0));
      this.oversizeBytes = 0;
      this.oversizeHead = undefined;
      return;
    }
    const carry = this.carry ?? Buffer.alloc(0);
    this.carry = undefined;
    this.emitBytes(carry);
  }

  private rejectOversize(bytes: number, head: Buffer): void {
    this.sink.reject(
      this.lineNumber,
      `line of ${bytes} bytes exceeds the limit of ${this.limits.maxLineBytes} bytes (ingest.max_line_bytes)`,
      head.toString('utf8'),
      bytes,
    );
  }
}

/** Byte offset of the first byte that breaks UTF-8 (a lead without its continuations, or a stray one). */
function firstInvalidUtf8Offset(bytes: Buffer): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] as number;
    const length =
      lead < 0x80
        ? 1
        : lead >= 0xc2 && lead <= 0xdf
          ? 2
          : lead >= 0xe0 && lead <= 0xef
            ? 3
            : lead >= 0xf0 && lead <= 0xf4
              ? 4
              : 0;
    if (length === 0 || !isUtf8(bytes.subarray(index, index + length))) return index;
    index += length;
  }
  return index;
}
