// Zip archives: the entries (named even when encrypted), their content as children, and what the
// archive itself says — encrypted, nested, too many entries, a decompression bomb. Encrypted
// archives are opened with the passwords the message body hands to its reader.
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import type { Finding } from '../finding.ts';
import { escapeName, nameFindings } from './names.ts';
import type { InnerFile, InspectorResult } from './report.ts';
import { decrypt, type Decrypted } from './zip-decrypt.ts';
import { extensionOf, trueType } from './sniff.ts';

export interface ZipOptions {
  /** Passwords to try on encrypted entries, most likely first (see passwordsInBody). */
  passwords: readonly string[];
  /** Entries listed; more is a finding. */
  maxEntries: number;
  /** Decompressed bytes this archive may produce in total; entries beyond are left unread. */
  maxBytes: number;
}

// A ratio no document reaches: deflate tops out near 1000:1 on runs of one byte, which is what
// bombs and "pumped" executables (padding to slip past size limits) are made of.
const BOMB_RATIO = 100;
const BOMB_MIN_BYTES = 16 * 1024 * 1024;
const ARCHIVE_TYPES = new Set(['zip', 'rar', '7z', 'gzip', 'cab', 'iso', 'udf']);
const ARCHIVE_EXTENSIONS = new Set(['zip', 'rar', '7z', 'gz', 'tgz', 'cab', 'iso', 'img', 'vhd']);
const MAX_NAMES_IN_REASON = 5;

interface Listed {
  entry: Entry;
  name: string;
  encrypted: boolean;
  directory: boolean;
}

/** Entries of a zip as findings and children. Throws when the archive cannot be read at all. */
export async function inspectZip(bytes: Uint8Array, options: ZipOptions): Promise<InspectorResult> {
  const { zipfile, listed, declared, repaired } = await openOrRepair(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    options.maxEntries,
  );
  try {
    const findings: Finding[] = [];
    if (repaired !== undefined) findings.push(repaired);
    const children: InnerFile[] = [];
    if (declared > options.maxEntries) {
      findings.push({
        code: 'archive-too-many-entries',
        weight: 0.5,
        kind: 'evasion',
        reason: `${declared} entries, only the first ${options.maxEntries} were inspected`,
      });
    }
    const bomb = bombFinding(listed);
    if (bomb !== undefined) findings.push(bomb);

    let budget = options.maxBytes;
    const unread: Listed[] = [];
    const unreadable: string[] = [];
    for (const item of listed) {
      if (item.directory || item.encrypted) continue;
      if (item.entry.uncompressedSize > budget) {
        unread.push(item);
        continue;
      }
      try {
        const data = await readEntry(zipfile, item.entry, budget);
        budget -= data.length;
        children.push({ name: item.name, bytes: data });
      } catch {
        unreadable.push(item.name);
      }
    }

    const encrypted = listed.filter((item) => item.encrypted && !item.directory);
    if (encrypted.length > 0) {
      const opened = await decrypt(bytes, encrypted, options.passwords, budget);
      findings.push(...encryptionFindings(encrypted, opened));
      children.push(...opened.files);
      const openedNames = new Set(opened.files.map((file) => file.name));
      for (const item of encrypted) {
        if (!openedNames.has(item.name)) findings.push(...dangerousUnread(item.name, 'encrypted'));
      }
    }
    if (unread.length > 0) {
      findings.push({
        code: 'archive-byte-limit',
        weight: 0.3,
        kind: 'evasion',
        reason: `${unread.length} entries too large to inspect: ${names(unread.map((item) => item.name))}`,
      });
      for (const item of unread) findings.push(...dangerousUnread(item.name, 'unread'));
    }
    if (unreadable.length > 0) {
      findings.push({
        code: 'archive-entry-unreadable',
        weight: 0.3,
        kind: 'evasion',
        reason: `${unreadable.length} entries could not be decompressed: ${names(unreadable)}`,
      });
    }
    const nested = nestedArchives(children, encrypted);
    if (nested.length > 0) {
      findings.push({
        code: 'nested-archive',
        weight: 0.4,
        kind: 'evasion',
        reason: `an archive inside the archive: ${names(nested)}`,
      });
    }
    return { findings, children };
  } finally {
    zipfile.close();
  }
}

/**
 * Opens the archive; when its end record points the central directory at the wrong offset (a
 * trick that breaks strict parsers while 7-Zip and Explorer search and open it anyway), opens a
 * corrected copy and says so.
 */
async function openOrRepair(buffer: Buffer, maxEntries: number): Promise<Opened> {
  try {
    return await openAndList(buffer, maxEntries);
  } catch (error) {
    const fixed = repairCentralDirectoryOffset(buffer);
    if (fixed === undefined) throw error;
    const opened = await openAndList(fixed.buffer, maxEntries);
    opened.repaired = {
      code: 'zip-structure-repaired',
      weight: 0.4,
      kind: 'evasion',
      reason: `the end record points the central directory ${fixed.shift} bytes off; archivers still open it`,
    };
    return opened;
  }
}

interface Opened {
  zipfile: ZipFile;
  listed: Listed[];
  declared: number;
  repaired?: Finding;
}

async function openAndList(buffer: Buffer, maxEntries: number): Promise<Opened> {
  const zipfile = await open(buffer);
  try {
    return { zipfile, ...(await list(zipfile, maxEntries)) };
  } catch (error) {
    zipfile.close();
    throw error;
  }
}

// End of central directory: signature, then the directory's size at +12 and offset at +16.
const EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const CENTRAL_HEADER = 0x02014b50;

function repairCentralDirectoryOffset(
  buffer: Buffer,
): { buffer: Buffer; shift: number } | undefined {
  const eocd = buffer.lastIndexOf(EOCD, Math.max(0, buffer.length - 22));
  if (eocd < 0 || eocd < buffer.length - 22 - 0xffff) return undefined;
  const size = buffer.readUInt32LE(eocd + 12);
  const declared = buffer.readUInt32LE(eocd + 16);
  const actual = eocd - size;
  if (actual < 0 || actual === declared || buffer.readUInt32LE(actual) !== CENTRAL_HEADER) {
    return undefined;
  }
  const fixed = Buffer.from(buffer);
  fixed.writeUInt32LE(actual, eocd + 16);
  return { buffer: fixed, shift: actual - declared };
}

function open(buffer: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // Names stay raw: yauzl rejects the whole archive on `../` names, which we want to report.
    yauzl.fromBuffer(
      buffer,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false },
      (error, zipfile) => (error === null ? resolve(zipfile) : reject(error)),
    );
  });
}

function list(
  zipfile: ZipFile,
  maxEntries: number,
): Promise<{ listed: Listed[]; declared: number }> {
  return new Promise((resolve, reject) => {
    const listed: Listed[] = [];
    const done = (): void => {
      zipfile.removeAllListeners('entry');
      resolve({ listed, declared: zipfile.entryCount });
    };
    zipfile.on('entry', (entry: Entry) => {
      const name = entryName(entry);
      listed.push({
        entry,
        name,
        encrypted: (entry.generalPurposeBitFlag & 1) !== 0,
        directory: name.endsWith('/') || name.endsWith('\\'),
      });
      if (listed.length >= maxEntries) done();
      else zipfile.readEntry();
    });
    zipfile.once('end', done);
    zipfile.once('error', reject);
    zipfile.readEntry();
  });
}

/** An entry's name: UTF-8 when flagged or given in the Info-ZIP Unicode extra field. */
export function entryName(entry: Entry): string {
  const raw = entry.fileNameRaw;
  if ((entry.generalPurposeBitFlag & 0x800) !== 0) return raw.toString('utf8');
  for (const field of entry.extraFields) {
    // 0x7075: version 1, CRC-32 of the raw name, then the UTF-8 name.
    if (field.id === 0x7075 && field.data.length > 5 && field.data[0] === 1) {
      return field.data.subarray(5).toString('utf8');
    }
  }
  if (raw.every((byte) => byte < 0x80)) return raw.toString('latin1');
  // Unflagged names are whatever the archiver's locale was: UTF-8 from most tools, Shift_JIS
  // from Japanese Windows. Code page 437 is approximated by Latin-1.
  for (const encoding of ['utf-8', 'shift_jis']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(raw);
    } catch {
      // try the next one
    }
  }
  return raw.toString('latin1');
}

/** An entry's content, at most `cap` bytes decompressed (more rejects, whatever its header says). */
export function readEntry(zipfile: ZipFile, entry: Entry, cap: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    zipfile.openReadStream(entry, (error, stream) => {
      if (error !== null) {
        reject(error);
        return;
      }
      const chunks: Buffer[] = [];
      let total = 0;
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        // validateEntrySizes stops lies about the size; this stops a size we never agreed to.
        if (total > cap) {
          stream.destroy(new Error('entry exceeds the byte budget'));
          return;
        }
        chunks.push(chunk);
      });
      stream.once('error', reject);
      stream.once('end', () => resolve(new Uint8Array(Buffer.concat(chunks, total))));
    });
  });
}

function bombFinding(listed: readonly Listed[]): Finding | undefined {
  let compressed = 0;
  let uncompressed = 0;
  let worst: Listed | undefined;
  for (const item of listed) {
    compressed += item.entry.compressedSize;
    uncompressed += item.entry.uncompressedSize;
    if (worst === undefined || ratio(item) > ratio(worst)) worst = item;
  }
  if (uncompressed < BOMB_MIN_BYTES || uncompressed / Math.max(1, compressed) < BOMB_RATIO) {
    return undefined;
  }
  const worstName = worst === undefined ? '' : `, largest ratio ${names([worst.name])}`;
  return {
    code: 'zip-bomb',
    weight: 0.6,
    kind: 'evasion',
    reason: `${mib(compressed)} MiB expand to ${mib(uncompressed)} MiB${worstName}`,
  };
}

function ratio(item: Listed): number {
  return item.entry.uncompressedSize / Math.max(1, item.entry.compressedSize);
}

function encryptionFindings(encrypted: readonly Listed[], opened: Decrypted): Finding[] {
  const findings: Finding[] = [
    {
      code: 'encrypted-archive',
      weight: 0.6,
      kind: 'evasion',
      reason:
        `${encrypted.length} encrypted entries (${names(encrypted.map((item) => item.name))}); ` +
        (opened.password === undefined
          ? 'no password from the message opened them'
          : `opened ${opened.files.length} with a password from the message`),
    },
  ];
  if (opened.password !== undefined) {
    findings.push({
      code: 'archive-password-in-body',
      weight: 0.7,
      kind: 'evasion',
      reason: `the message body gives the archive password "${opened.password.slice(0, 16)}"`,
    });
  }
  return findings;
}

/** A name-based finding for an entry whose bytes we could not inspect. */
function dangerousUnread(name: string, why: 'encrypted' | 'unread'): Finding[] {
  const byName = nameFindings(name).filter((finding) => finding.kind !== undefined);
  if (byName.length === 0) return [];
  return [
    {
      code: `${why}-entry-dangerous-name`,
      weight: why === 'encrypted' ? 0.9 : 0.8,
      kind: 'weaponized',
      reason: `${why} entry ${names([name])}: ${byName.map((finding) => finding.code).join(', ')}`,
    },
  ];
}

function nestedArchives(children: readonly InnerFile[], encrypted: readonly Listed[]): string[] {
  const nested = children
    .filter((child) => ARCHIVE_TYPES.has(trueType(child.bytes, child.name)))
    .map((child) => child.name);
  for (const item of encrypted) {
    if (ARCHIVE_EXTENSIONS.has(extensionOf(item.name)) && !nested.includes(item.name)) {
      nested.push(item.name);
    }
  }
  return nested;
}

function names(list: readonly string[]): string {
  const shown = list.slice(0, MAX_NAMES_IN_REASON).map((name) => `"${escapeName(name)}"`);
  const more =
    list.length > MAX_NAMES_IN_REASON ? ` and ${list.length - MAX_NAMES_IN_REASON} more` : '';
  return shown.join(', ') + more;
}

function mib(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
