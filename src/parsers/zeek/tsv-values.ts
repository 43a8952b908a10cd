// Zeek ASCII column text to typed values, one converter per `#types` entry, and the unescaping
// of the writer (`\\` for a backslash, `\xHH` for separators and non-printable bytes).

export type Converter = (text: string) => unknown;

export interface TsvHeader {
  separator: string;
  setSeparator: string;
  emptyField: string;
  unsetField: string;
}

export const DEFAULT_HEADER: Readonly<TsvHeader> = {
  separator: '\t',
  setSeparator: ',',
  emptyField: '(empty)',
  unsetField: '-',
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Undoes the writer's escaping: `\\` is a backslash and `\xHH` a byte. Zeek escapes each byte
 * of a UTF-8 character on its own, so runs of escaped high bytes are decoded as UTF-8; a run that
 * is not valid UTF-8 (binary payload, e.g. a TLS hello logged as an SSH client string) stays as
 * `\xHH` text, as Zeek's JSON writer prints it, so that nothing is turned into U+FFFD.
 */
export function unescape(text: string): string {
  const first = text.indexOf('\\');
  if (first === -1) return text;
  let out = text.slice(0, first);
  let i = first;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code !== 92 /* \ */) {
      out += String.fromCharCode(code);
      i++;
      continue;
    }
    if (text.charCodeAt(i + 1) === 92) {
      out += '\\';
      i += 2;
      continue;
    }
    const byte = escapedByte(text, i);
    if (byte === -1) {
      out += '\\';
      i++;
    } else if (byte < 0x80) {
      out += String.fromCharCode(byte);
      i += 4;
    } else {
      const start = i;
      const bytes: number[] = [];
      for (let next = byte; next >= 0x80; next = escapedByte(text, i)) {
        bytes.push(next);
        i += 4;
      }
      out += decodeRun(bytes, text.slice(start, i));
    }
  }
  return out;
}

/** The byte of a `\xHH` escape at `index`, or -1 when there is none. */
function escapedByte(text: string, index: number): number {
  if (text.charCodeAt(index) !== 92 /* \ */ || text.charCodeAt(index + 1) !== 120 /* x */) {
    return -1;
  }
  const high = hexValue(text.charCodeAt(index + 2));
  const low = hexValue(text.charCodeAt(index + 3));
  return high === -1 || low === -1 ? -1 : high * 16 + low;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

function decodeRun(bytes: number[], escaped: string): string {
  try {
    return utf8.decode(Uint8Array.from(bytes));
  } catch {
    return escaped;
  }
}

const toNumber: Converter = (text) => {
  const value = Number(text);
  return Number.isNaN(value) ? text : value;
};
const toBool: Converter = (text) => (text === 'T' ? true : text === 'F' ? false : text);

/** The converter for one column of `#types`: numbers, booleans, sets/vectors, or text. */
export function converterFor(type: string, header: Readonly<TsvHeader>): Converter {
  const bracket = type.indexOf('[');
  if (bracket !== -1 && type.endsWith(']')) {
    const element = elementConverter(type.slice(bracket + 1, -1));
    const { emptyField, setSeparator } = header;
    return (text) => (text === emptyField ? [] : text.split(setSeparator).map(element));
  }
  if (NUMERIC.has(type)) return toNumber;
  if (type === 'bool') return toBool;
  const { emptyField } = header;
  // The writer prints an empty string as the empty-field marker, and a string that *is* the
  // marker with its first byte escaped, so the comparison is on the raw text.
  return (text) => (text === emptyField ? '' : unescape(text));
}

function elementConverter(type: string): (text: string) => unknown {
  if (NUMERIC.has(type)) return toNumber;
  if (type === 'bool') return toBool;
  return unescape;
}

const NUMERIC = new Set(['time', 'interval', 'count', 'int', 'port', 'double']);
