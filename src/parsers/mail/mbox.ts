// Unix mbox on bytes: splitting a whole file at its `From ` separator lines, and undoing the
// `>From ` quoting of body lines. Bytes, not text, so 8-bit message content stays untouched.

const FROM = [0x46, 0x72, 0x6f, 0x6d, 0x20]; // "From "

/**
 * The messages of an mbox file, without their separator lines. A separator is a line starting
 * with `From ` at the start of the file or after an empty line (RFC 4155); the empty line that
 * ends each message belongs to the format and is dropped. Text before the first separator is a
 * message of its own, as a file saved without separators is one message.
 */
export function splitMbox(bytes: Uint8Array): Uint8Array[] {
  const messages: Uint8Array[] = [];
  let messageStart = -1;
  let previousBlank = true;
  let lineStart = 0;
  while (lineStart < bytes.length) {
    let lineEnd = bytes.indexOf(0x0a, lineStart);
    if (lineEnd === -1) lineEnd = bytes.length;
    if (previousBlank && startsWithFrom(bytes, lineStart)) {
      if (messageStart !== -1) push(messages, bytes, messageStart, lineStart);
      else if (lineStart > 0) push(messages, bytes, 0, lineStart);
      messageStart = Math.min(lineEnd + 1, bytes.length);
      previousBlank = false;
    } else {
      const contentEnd = lineEnd > lineStart && bytes[lineEnd - 1] === 0x0d ? lineEnd - 1 : lineEnd;
      previousBlank = contentEnd === lineStart;
    }
    lineStart = lineEnd + 1;
  }
  if (messageStart !== -1) push(messages, bytes, messageStart, bytes.length);
  else if (bytes.length > 0) push(messages, bytes, 0, bytes.length);
  return messages;
}

/** mboxrd: a body line `>From ` (with any number of `>`) was quoted once more on writing. */
export function unescapeMboxrd(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  if (!text.includes('>From ')) return bytes;
  return Buffer.from(text.replace(/^>(>*From )/gm, '$1'), 'latin1');
}

function startsWithFrom(bytes: Uint8Array, start: number): boolean {
  for (let index = 0; index < FROM.length; index++)
    if (bytes[start + index] !== FROM[index]) return false;
  return true;
}

/** A message without the blank line (LF or CRLF) that separates it from the next. */
function push(messages: Uint8Array[], bytes: Uint8Array, start: number, end: number): void {
  let stop = end;
  if (stop - start >= 2 && bytes[stop - 1] === 0x0a) {
    let before = stop - 2;
    if (bytes[before] === 0x0d) before--;
    if (before >= start && bytes[before] === 0x0a) stop = before + 1;
  }
  if (stop > start && !isBlank(bytes, start, stop)) messages.push(bytes.subarray(start, stop));
}

function isBlank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    const byte = bytes[index];
    if (byte !== 0x0a && byte !== 0x0d && byte !== 0x20 && byte !== 0x09) return false;
  }
  return true;
}
