// The byte-level modifiers: UTF-16 encodings (which only make sense before base64) and base64 /
// base64offset. base64offset yields the three encodings of a string at byte offsets 0, 1 and 2 of
// a larger base64 blob, trimmed of the characters its neighbours would change (as pySigma does).

const ENCODINGS = new Set(['wide', 'utf16le', 'utf16be', 'utf16']);

export function isEncoding(modifier: string): boolean {
  return ENCODINGS.has(modifier);
}

export function encodeBytes(modifier: string, text: string): Buffer {
  const little = Buffer.from(text, 'utf16le');
  if (modifier === 'utf16be') return little.swap16();
  if (modifier === 'utf16') return Buffer.concat([Buffer.from([0xff, 0xfe]), little]);
  return little;
}

export function toBase64(bytes: Buffer): string {
  return bytes.toString('base64');
}

const START = [0, 2, 3];
const END = [undefined, -3, -2];

export function toBase64Offsets(bytes: Buffer): string[] {
  const variants: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset, 0x20), bytes]);
    const encoded = padded.toString('base64');
    variants.push(encoded.slice(START[offset], END[(bytes.length + offset) % 3]));
  }
  return variants;
}
