// MS-OVBA §2.4.1 decompression: VBA keeps its `dir` stream and every module's source in a
// "CompressedContainer" — a signature byte, then chunks of at most 4096 decompressed bytes, each
// either stored raw or as LZ77-style literal and copy tokens. Implemented from the specification.

/** The container cannot be decompressed (wrong signature or a corrupt chunk header). */
export class OvbaError extends Error {
  override name = 'OvbaError';
}

const CHUNK = 4096;

/** Decompressed bytes produced unless the caller says otherwise: VBA sources are small. */
export const DEFAULT_MAX_OUTPUT = 16 * 1024 * 1024;

/**
 * Decompresses the CompressedContainer that starts at `offset` of `bytes` (MS-OVBA §2.4.1.3.1).
 * Output stops at `maxOutput` bytes. A truncated last chunk yields what it holds (Office itself
 * tolerates it); a bad signature byte or chunk header signature throws `OvbaError`.
 */
export function decompressContainer(
  bytes: Uint8Array,
  offset = 0,
  maxOutput = DEFAULT_MAX_OUTPUT,
): Uint8Array {
  if (offset >= bytes.length || bytes[offset] !== 0x01) {
    throw new OvbaError(`no compressed container at offset ${offset} (signature byte ≠ 0x01)`);
  }
  // Output grows by whole chunks; a chunk never decompresses to more than 4096 bytes.
  let out = new Uint8Array(Math.min(maxOutput, Math.max(CHUNK, (bytes.length - offset) * 4)));
  let length = 0;
  let position = offset + 1;
  while (position + 2 <= bytes.length && length < maxOutput) {
    const header = (bytes[position] ?? 0) | ((bytes[position + 1] ?? 0) << 8);
    const size = (header & 0x0fff) + 3; // CompressedChunkSize, header included
    if (((header >> 12) & 0x07) !== 0b011) {
      // Some writers pad the stream after the last chunk; past the first chunk that is the end.
      if (length > 0) break;
      throw new OvbaError(`bad chunk signature at offset ${position}`);
    }
    const compressed = (header & 0x8000) !== 0;
    const end = Math.min(position + size, bytes.length);
    if (out.length < length + CHUNK) {
      const grown = new Uint8Array(
        Math.min(maxOutput + CHUNK, Math.max(out.length * 2, length + CHUNK)),
      );
      grown.set(out.subarray(0, length));
      out = grown;
    }
    position += 2;
    if (!compressed) {
      // A raw chunk is always 4096 bytes (§2.4.1.3.3); take what the stream still holds.
      const raw = bytes.subarray(position, Math.min(position + CHUNK, bytes.length));
      out.set(raw, length);
      length += raw.length;
      position += CHUNK;
      continue;
    }
    length = decompressChunk(bytes, position, end, out, length);
    position = end;
  }
  return out.slice(0, Math.min(length, maxOutput));
}

/** §2.4.1.3.2: token sequences of one compressed chunk; returns the new output length. */
function decompressChunk(
  bytes: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array,
  outStart: number,
): number {
  const chunkEnd = outStart + CHUNK;
  let position = start;
  let current = outStart;
  while (position < end && current < chunkEnd) {
    const flags = bytes[position++] ?? 0;
    for (let bit = 0; bit < 8 && position < end && current < chunkEnd; bit++) {
      if ((flags & (1 << bit)) === 0) {
        out[current++] = bytes[position++] ?? 0;
        continue;
      }
      if (position + 2 > end) return current;
      const token = (bytes[position] ?? 0) | ((bytes[position + 1] ?? 0) << 8);
      position += 2;
      const { offset, length } = unpackCopyToken(token, current - outStart);
      const source = current - offset;
      if (source < outStart) {
        throw new OvbaError(`copy token reaches before its chunk at output ${current}`);
      }
      // Byte by byte: a copy may overlap the bytes it produces (runs of one byte).
      const stop = Math.min(current + length, chunkEnd);
      for (let from = source; current < stop; from++) out[current++] = out[from] ?? 0;
    }
  }
  return current;
}

/**
 * §2.4.1.3.19.1/2: a copy token's split between offset and length bits depends on how far into
 * the chunk the decompressor is — at least 4 offset bits, up to 12 at the end of a chunk.
 */
export function copyTokenBits(difference: number): number {
  let bits = 4;
  while (1 << bits < difference) bits++;
  return bits;
}

/** Offset and length of a copy token at `difference` bytes into the decompressed chunk. */
export function unpackCopyToken(
  token: number,
  difference: number,
): { offset: number; length: number } {
  const bitCount = copyTokenBits(difference);
  const lengthMask = 0xffff >> bitCount;
  return { offset: (token >> (16 - bitCount)) + 1, length: (token & lengthMask) + 3 };
}
