// ISO 9660 disk images: the files of the primary (or Joliet) directory tree as children. A mounted
// image is a drive whose files carry no Mark-of-the-Web, so SmartScreen and Office's macro block
// never see that they came from the internet: the image itself is the evasion.
import type { Finding } from '../finding.ts';
import { escapeName, nameFindings } from './names.ts';
import type { InnerFile, InspectorResult } from './report.ts';

export interface IsoOptions {
  /** Files listed; more is a finding. */
  maxEntries: number;
  /** Bytes of file content returned in total; files beyond are left unread. */
  maxBytes: number;
}

const SECTOR = 2048;
const FIRST_DESCRIPTOR = 16;
const MAX_DESCRIPTORS = 32;
const MAX_DEPTH = 8;
// Directory extents are small; a huge one is a crafted image trying to make us spin.
const MAX_DIRECTORY_BYTES = 4 * 1024 * 1024;

/** The finding every disk image gets, whatever is inside. */
export function diskImageFinding(format: string): Finding {
  return {
    code: 'disk-image',
    weight: 0.6,
    kind: 'evasion',
    reason: `${format} disk image: files inside lose Mark-of-the-Web when it is mounted`,
  };
}

interface Root {
  extent: number;
  size: number;
  blockSize: number;
  joliet: boolean;
}

interface Pending {
  extent: number;
  size: number;
  path: string;
  depth: number;
}

/** The files of an ISO 9660 image. Throws when there is no primary volume descriptor. */
export function inspectIso(bytes: Uint8Array, options: IsoOptions): InspectorResult {
  const root = findRoot(bytes);
  const findings: Finding[] = [diskImageFinding(root.joliet ? 'ISO 9660/Joliet' : 'ISO 9660')];
  const children: InnerFile[] = [];
  const hidden: string[] = [];
  const unread: string[] = [];
  let budget = options.maxBytes;
  let listed = 0;
  let truncated = false;
  const visited = new Set<number>();
  const stack: Pending[] = [{ extent: root.extent, size: root.size, path: '', depth: 0 }];
  for (let dir = stack.pop(); dir !== undefined; dir = stack.pop()) {
    // Loops (a directory pointing at an ancestor) and shared extents are read once.
    if (visited.has(dir.extent) || dir.depth > MAX_DEPTH) continue;
    visited.add(dir.extent);
    const start = dir.extent * root.blockSize;
    const extent = bytes.subarray(start, start + Math.min(dir.size, MAX_DIRECTORY_BYTES));
    for (const record of records(extent, root.joliet)) {
      const path = dir.path === '' ? record.name : `${dir.path}/${record.name}`;
      if (record.directory) {
        stack.push({ extent: record.extent, size: record.size, path, depth: dir.depth + 1 });
        continue;
      }
      if (++listed > options.maxEntries) {
        truncated = true;
        break;
      }
      if (record.hidden) hidden.push(path);
      const offset = record.extent * root.blockSize;
      if (record.size > budget || offset >= bytes.length) {
        unread.push(path);
        continue;
      }
      const data = bytes.subarray(offset, offset + record.size);
      budget -= data.length;
      children.push({ name: path, bytes: data });
    }
    if (truncated) break;
  }
  if (truncated) {
    findings.push({
      code: 'archive-too-many-entries',
      weight: 0.5,
      kind: 'evasion',
      reason: `more than ${options.maxEntries} files in the image; the rest were not inspected`,
    });
  }
  if (hidden.length > 0) {
    findings.push({
      code: 'hidden-file-in-image',
      weight: 0.5,
      kind: 'evasion',
      reason: `hidden files in the image (a visible shortcut usually runs them): ${list(hidden)}`,
    });
  }
  if (unread.length > 0) {
    findings.push({
      code: 'archive-byte-limit',
      weight: 0.3,
      kind: 'evasion',
      reason: `${unread.length} files too large or outside the image: ${list(unread)}`,
    });
    for (const path of unread) {
      const byName = nameFindings(path).filter((finding) => finding.kind !== undefined);
      if (byName.length === 0) continue;
      findings.push({
        code: 'unread-entry-dangerous-name',
        weight: 0.8,
        kind: 'weaponized',
        reason: `unread file "${escapeName(path)}": ${byName.map((f) => f.code).join(', ')}`,
      });
    }
  }
  return { findings, children };
}

function findRoot(bytes: Uint8Array): Root {
  let primary: Root | undefined;
  let joliet: Root | undefined;
  for (let i = 0; i < MAX_DESCRIPTORS; i++) {
    const offset = (FIRST_DESCRIPTOR + i) * SECTOR;
    if (offset + SECTOR > bytes.length) break;
    const type = bytes[offset] ?? 0;
    if (ascii(bytes, offset + 1, 5) !== 'CD001') break;
    if (type === 255) break;
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset, SECTOR);
    const declared = view.getUint16(128, true);
    const blockSize =
      declared === 512 || declared === 1024 || declared === SECTOR ? declared : SECTOR;
    const root = {
      extent: view.getUint32(156 + 2, true),
      size: view.getUint32(156 + 10, true),
      blockSize,
    };
    // A supplementary descriptor with a UCS-2 escape sequence is Joliet: long Unicode names.
    const escape = ascii(bytes, offset + 88, 2);
    const level = bytes[offset + 90];
    if (type === 1) primary ??= { ...root, joliet: false };
    else if (
      type === 2 &&
      escape === '%/' &&
      (level === 0x40 || level === 0x43 || level === 0x45)
    ) {
      joliet ??= { ...root, joliet: true };
    }
  }
  const chosen = joliet ?? primary;
  if (chosen === undefined) throw new Error('no ISO 9660 primary volume descriptor');
  return chosen;
}

interface DirectoryRecord {
  name: string;
  extent: number;
  size: number;
  directory: boolean;
  hidden: boolean;
}

function* records(extent: Uint8Array, joliet: boolean): Generator<DirectoryRecord> {
  let offset = 0;
  while (offset < extent.length) {
    const length = extent[offset] ?? 0;
    if (length === 0) {
      // Records do not cross sector boundaries: the rest of this sector is padding.
      offset = (Math.floor(offset / SECTOR) + 1) * SECTOR;
      continue;
    }
    if (length < 34 || offset + length > extent.length) return;
    const view = new DataView(extent.buffer, extent.byteOffset + offset, length);
    const nameLength = extent[offset + 32] ?? 0;
    const rawName = extent.subarray(offset + 33, offset + 33 + Math.min(nameLength, length - 33));
    const flags = extent[offset + 25] ?? 0;
    offset += length;
    // 0x00 and 0x01 are `.` and `..`.
    if (rawName.length === 1 && (rawName[0] === 0 || rawName[0] === 1)) continue;
    yield {
      name: decodeName(rawName, joliet),
      extent: view.getUint32(2, true),
      size: view.getUint32(10, true),
      directory: (flags & 2) !== 0,
      hidden: (flags & 1) !== 0,
    };
  }
}

function decodeName(raw: Uint8Array, joliet: boolean): string {
  const text = joliet
    ? new TextDecoder('utf-16be').decode(raw)
    : Buffer.from(raw).toString('latin1');
  // `FILE.EXE;1` → `FILE.EXE`; `README.;1` → `README`. Slashes would fake a path.
  return text.replace(/;\d+$/, '').replace(/\.$/, '').replace(/[/\\]/g, '_');
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return Buffer.from(bytes.subarray(offset, offset + length)).toString('latin1');
}

function list(paths: readonly string[]): string {
  const shown = paths.slice(0, 5).map((path) => `"${escapeName(path)}"`);
  return shown.join(', ') + (paths.length > 5 ? ` and ${paths.length - 5} more` : '');
}
