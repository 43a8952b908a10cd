// Splits an mbox stream into messages at `From ` separator lines, working on bytes so that 8-bit
// message content reaches the mail parser untouched. A message larger than the limit is
// reported by size and skipped instead of being held in memory.

export interface MboxMessage {
  /** The message without its `From ` separator line; undefined when it was too large. */
  bytes?: Buffer;
  /** 1-based line of the separator (1 for a file that starts without one). */
  line: number;
  /** Size in bytes when the message exceeded the limit. */
  tooLarge?: number;
}

const FROM = Buffer.from('From ');

export class MboxSplitter {
  private parts: Buffer[] = [];
  private size = 0;
  private startLine = 1;
  private lineNumber = 0;
  private carry: Buffer | undefined;
  private started = false;

  constructor(
    private readonly maxMessageBytes: number,
    private readonly emit: (message: MboxMessage) => void,
  ) {}

  push(chunk: Buffer): void {
    let data = this.carry === undefined ? chunk : Buffer.concat([this.carry, chunk]);
    this.carry = undefined;
    let from = 0;
    for (
      let newline = data.indexOf(0x0a, from);
      newline !== -1;
      newline = data.indexOf(0x0a, from)
    ) {
      this.line(data.subarray(from, newline + 1));
      from = newline + 1;
    }
    data = data.subarray(from);
    if (data.length > 0) {
      // Keep at most what the limit needs; beyond it only the size matters.
      this.carry = Buffer.from(data.length > this.maxMessageBytes ? data.subarray(0, 0) : data);
      if (data.length > this.maxMessageBytes) this.size += data.length;
    }
  }

  end(): void {
    if (this.carry !== undefined) this.line(this.carry);
    this.carry = undefined;
    this.finish();
  }

  private line(bytes: Buffer): void {
    this.lineNumber++;
    if (bytes.length >= FROM.length && bytes.subarray(0, FROM.length).equals(FROM)) {
      if (this.started || this.size > 0) this.finish();
      this.started = true;
      this.startLine = this.lineNumber;
      return;
    }
    this.size += bytes.length;
    if (this.size <= this.maxMessageBytes) this.parts.push(Buffer.from(bytes));
  }

  private finish(): void {
    if (this.size > this.maxMessageBytes) {
      this.emit({ line: this.startLine, tooLarge: this.size });
    } else if (this.size > 0) {
      this.emit({ bytes: Buffer.concat(this.parts), line: this.startLine });
    }
    this.parts = [];
    this.size = 0;
  }
}
