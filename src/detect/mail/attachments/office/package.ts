// The OLE Packager's native data, which wraps any file (an .exe, a .js, an .lnk) as an icon in a
// document: a label, the source path, a temporary path and then the file itself. It is the
// payload of an `\x01Ole10Native` stream and of an RTF `Package` object.
import type { InnerFile } from '../report.ts';

const MAX_STRING = 1024;

/**
 * The packaged file in `native` (the native data without its leading size), or undefined when
 * it is not in the packager layout (some objects hold only a command line or a link).
 */
export function parsePackage(native: Uint8Array): InnerFile | undefined {
  const view = new DataView(native.buffer, native.byteOffset, native.byteLength);
  let position = 2; // type, usually 2
  const zString = (): string | undefined => {
    const end = native.indexOf(0, position);
    if (end === -1 || end - position > MAX_STRING) return undefined;
    const text = Buffer.from(native.subarray(position, end)).toString('latin1');
    position = end + 1;
    return text;
  };
  const label = zString();
  const source = zString();
  if (label === undefined || source === undefined || position + 8 > native.length) return undefined;
  position += 4; // two reserved words: 0x0000, 0x0003 (embedded file)
  const tempLength = view.getUint32(position, true);
  position += 4 + tempLength;
  if (tempLength > MAX_STRING || position + 4 > native.length) return undefined;
  const temp = Buffer.from(native.subarray(position - tempLength, position)).toString('latin1');
  const size = view.getUint32(position, true);
  position += 4;
  if (position + size > native.length) return undefined;
  const name =
    baseName(label) || baseName(temp.replace(/\0.*$/s, '')) || baseName(source) || 'package.bin';
  return { name, bytes: native.subarray(position, position + size) };
}

function baseName(path: string): string {
  return (
    path
      .split(/[\\/]/)
      .pop()
      ?.replace(/\p{Cc}/gu, '')
      .slice(0, 255) ?? ''
  );
}
