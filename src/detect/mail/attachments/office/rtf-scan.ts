// One linear pass over an RTF document — no parse tree — that keeps only what exploits use:
// embedded objects (`\object` with its `\objclass`, flags and hex `\objdata`), shape property
// names (`\sn pFragments`), long hex runs outside the groups that legitimately hold hex, and the
// tricks used to hide them from scanners (junk control words in objdata, `\bin`, odd hex).

export interface RtfObject {
  /** `\objclass` text ('' when absent). */
  objclass: string;
  /** Object control words seen: objemb, objlink, objautlink, objupdate, objhtml, objocx, ... */
  flags: string[];
  /** The decoded `\objdata`. */
  data: Uint8Array;
}

export interface RtfScan {
  /** The document starts with `{\rtf1` (Word also opens a bare `{\rt`). */
  header: boolean;
  objects: RtfObject[];
  /** `\sn` shape property names, lower-cased, deduplicated. */
  shapeProperties: string[];
  /** Longest run of hex digits outside objdata and known hex groups, and where it was. */
  longestHex: { length: number; destination: string };
  /** Obfuscation tricks seen (deduplicated, short descriptions). */
  tricks: string[];
}

// Groups whose text is hex by design: pictures, theme and data stores, font embedding, passwords.
const HEX_GROUPS = new Set([
  'pict',
  'objdata',
  'datastore',
  'themedata',
  'colorschememapping',
  'passwordhash',
  'datafield',
  'blipuid',
  'fontemb',
  'panose',
  'bliptag',
  'wgrffmtfilter',
  'xmlopen',
  'factoidname',
]);
const OBJECT_FLAGS = /^obj(?:emb|link|autlink|sub|pub|icemb|html|ocx|update|setsize|lock|alias)$/;
const MAX_OBJECTS = 64;
const MAX_OBJDATA = 32 * 1024 * 1024;
const MAX_TEXT = 256;
// Word stops a control word at 32 letters; longer ones are padding meant to break parsers.
const MAX_CONTROL_WORD = 32;

type Kind = 'text' | 'objdata' | 'objclass' | 'sn' | 'hex' | 'skip';

interface Frame {
  kind: Kind;
  /** First control word of the group (its destination), '' until seen. */
  destination: string;
  fresh: boolean;
  star: boolean;
  object: PendingObject | undefined;
  /** This group opened `object`: closing it finishes the object. */
  ownsObject: boolean;
  /** This group holds the objdata that fills `object`. */
  ownsData: boolean;
}

interface PendingObject {
  objclass: string;
  flags: Set<string>;
  data: ByteSink;
}

class ByteSink {
  bytes = new Uint8Array(256);
  length = 0;
  nibble = -1;
  push(byte: number): void {
    if (this.length >= MAX_OBJDATA) return;
    if (this.length === this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.length++] = byte;
  }
  hexDigit(value: number): void {
    if (this.nibble < 0) this.nibble = value;
    else {
      this.push((this.nibble << 4) | value);
      this.nibble = -1;
    }
  }
  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

const isLetter = (byte: number): boolean => (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a;
const isDigit = (byte: number): boolean => byte >= 0x30 && byte <= 0x39;
const isSpace = (byte: number): boolean =>
  byte === 0x20 || byte === 0x0d || byte === 0x0a || byte === 0x09;

/** Scans `bytes` once. Never throws; every loop advances through the input. */
export function scanRtf(bytes: Uint8Array): RtfScan {
  const result: RtfScan = {
    header: /^\{\\rtf1/.test(Buffer.from(bytes.subarray(0, 6)).toString('latin1')),
    objects: [],
    shapeProperties: [],
    longestHex: { length: 0, destination: '' },
    tricks: [],
  };
  const tricks = new Set<string>();
  const shapeProperties = new Set<string>();
  const root: Frame = {
    kind: 'text',
    destination: '',
    fresh: false,
    star: false,
    object: undefined,
    ownsObject: false,
    ownsData: false,
  };
  const stack: Frame[] = [];
  let frame = root;
  let hexRun = 0;
  let text = '';
  let objdataJunk = 0;

  const endHexRun = (): void => {
    if (hexRun > result.longestHex.length)
      result.longestHex = { length: hexRun, destination: frame.destination };
    hexRun = 0;
  };
  const finishObject = (object: PendingObject): void => {
    if (object.data.nibble >= 0) tricks.add('odd number of hex digits in objdata');
    if (result.objects.length < MAX_OBJECTS) {
      result.objects.push({
        objclass: object.objclass.trim(),
        flags: [...object.flags],
        data: object.data.result(),
      });
    }
  };
  const closeFrame = (closing: Frame): void => {
    if (closing.kind === 'sn' && text !== '') shapeProperties.add(text.trim().toLowerCase());
    if (closing.kind === 'sn' || closing.kind === 'objclass') text = '';
    if (closing.ownsObject && closing.object !== undefined) finishObject(closing.object);
    else if (
      closing.ownsData &&
      closing.object !== undefined &&
      !stack.some((f) => f.object === closing.object)
    ) {
      finishObject(closing.object); // a bare objdata group with no \object around it
    }
  };

  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const byte = bytes[i] ?? 0;
    if (byte === 0x7b /* { */) {
      endHexRun();
      stack.push(frame);
      const kind: Kind =
        frame.kind === 'objdata' || frame.kind === 'hex'
          ? frame.kind
          : frame.kind === 'skip'
            ? 'skip'
            : 'text';
      frame = {
        kind,
        destination: '',
        fresh: true,
        star: false,
        object: frame.object,
        ownsObject: false,
        ownsData: false,
      };
      i++;
      continue;
    }
    if (byte === 0x7d /* } */) {
      endHexRun();
      closeFrame(frame);
      frame = stack.pop() ?? root;
      i++;
      continue;
    }
    if (byte === 0x5c /* \ */) {
      const next = bytes[i + 1] ?? 0;
      if (!isLetter(next)) {
        if (next === 0x2a /* * */) frame.star = true;
        else if (next === 0x27 /* ' */) {
          i += 2; // \'hh: a character, not hex data
          if (frame.kind === 'objclass' || frame.kind === 'sn') {
            const value = (hexValue(bytes[i] ?? 0) << 4) | hexValue(bytes[i + 1] ?? 0);
            if (text.length < MAX_TEXT && value >= 0) text += String.fromCharCode(value);
          }
          i += 2;
          endHexRun();
          continue;
        }
        i += 2;
        continue;
      }
      endHexRun();
      let end = i + 1;
      while (end < n && isLetter(bytes[end] ?? 0)) end++;
      const letters = end - i - 1;
      const word = Buffer.from(bytes.subarray(i + 1, Math.min(end, i + 1 + 64)))
        .toString('latin1')
        .toLowerCase();
      if (letters > MAX_CONTROL_WORD)
        tricks.add(`control word longer than ${MAX_CONTROL_WORD} letters`);
      const wordEnd = end;
      if (bytes[end] === 0x2d /* - */) end++;
      const digitsStart = end;
      while (end < n && isDigit(bytes[end] ?? 0)) end++;
      const digits = end - digitsStart;
      if (digits > 10) tricks.add('control word parameter longer than 10 digits');
      const parameter =
        digits > 0
          ? Number(
              Buffer.from(bytes.subarray(digitsStart, Math.min(end, digitsStart + 12))).toString(
                'latin1',
              ),
            )
          : NaN;
      if (digits === 0) end = wordEnd;
      if (bytes[end] === 0x20) end++; // the delimiting space belongs to the control word
      i = end;
      handleWord(word, parameter);
      continue;
    }
    // Text.
    if (frame.kind === 'objdata') {
      const value = hexValue(byte);
      if (value >= 0) frame.object?.data.hexDigit(value);
      else if (!isSpace(byte) && byte !== 0) objdataJunk++;
    } else if (frame.kind === 'objclass' || frame.kind === 'sn') {
      if (text.length < MAX_TEXT && byte >= 0x20) text += String.fromCharCode(byte);
      if (
        frame.kind === 'objclass' &&
        frame.object !== undefined &&
        frame.object.objclass.length < MAX_TEXT &&
        byte >= 0x20
      ) {
        frame.object.objclass += String.fromCharCode(byte);
      }
    } else if (frame.kind !== 'hex') {
      if (hexValue(byte) >= 0) hexRun++;
      else if (!isSpace(byte)) endHexRun();
    }
    i++;
  }

  function handleWord(word: string, parameter: number): void {
    const first = frame.fresh;
    frame.fresh = false;
    if (first) frame.destination = word;
    if (word === 'bin') {
      const count = Number.isFinite(parameter) && parameter > 0 ? Math.min(parameter, n - i) : 0;
      if (frame.kind === 'objdata') {
        tricks.add('\\bin raw data inside objdata');
        for (let k = 0; k < count; k++) frame.object?.data.push(bytes[i + k] ?? 0);
      } else if (frame.kind !== 'hex') tricks.add('\\bin raw data outside a picture');
      i += count;
      return;
    }
    if (frame.kind === 'objdata' && first && frame.star) {
      // An ignorable group inside objdata: Word skips it, so must we.
      frame.kind = 'skip';
      tricks.add(`ignorable group inside objdata (\\*\\${word.slice(0, 32)})`);
      return;
    }
    if (frame.kind === 'objdata') {
      // Word writes nothing but hex inside objdata; control words there only confuse scanners.
      tricks.add(`control words inside objdata (\\${word.slice(0, 32)})`);
      return;
    }
    if (word === 'object') {
      frame.object = { objclass: '', flags: new Set(), data: new ByteSink() };
      frame.ownsObject = true;
      return;
    }
    if (OBJECT_FLAGS.test(word)) {
      frame.object?.flags.add(word);
      if (frame.object === undefined) tricks.add(`\\${word} outside an object`);
      return;
    }
    if (word === 'objdata') {
      if (frame.object === undefined) {
        frame.object = { objclass: '', flags: new Set(), data: new ByteSink() };
      }
      frame.ownsData = true;
      frame.kind = 'objdata';
      return;
    }
    if (word === 'objclass') {
      frame.kind = 'objclass';
      text = '';
      return;
    }
    if (word === 'sn' && frame.kind !== 'skip') {
      frame.kind = 'sn';
      text = '';
      return;
    }
    if (first && HEX_GROUPS.has(word)) frame.kind = 'hex';
  }

  endHexRun();
  // Unclosed groups at the end of the file still hold their objects.
  for (let f: Frame | undefined = frame; f !== undefined; f = stack.pop()) closeFrame(f);
  if (objdataJunk > 0) tricks.add('non-hex characters inside objdata');
  result.shapeProperties = [...shapeProperties];
  result.tricks = [...tricks];
  return result;
}
