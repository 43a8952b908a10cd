// A typed view of a compound file (MS-CFB) read with the `cfb` package, whose own types are
// loose (content may be an array or missing, CLSIDs are raw hex): paths without the root
// entry's name, streams as Uint8Array, CLSIDs in their usual text form.
import CFB from 'cfb';

export const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

export interface OleEntry {
  /** Path below the root, `/`-separated, e.g. `Macros/VBA/dir`; '' for the root. */
  path: string;
  name: string;
  storage: boolean;
  /** Stream content (empty for storages). */
  content: Uint8Array;
  /** CLSID as `XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX`, '' when null. */
  clsid: string;
}

export interface OleFile {
  entries: readonly OleEntry[];
  /** The stream at `path`; names compare case-insensitively, as in CFB itself. */
  stream(path: string): Uint8Array | undefined;
}

/** True when `bytes` starts with the compound file signature. */
export function isCfb(bytes: Uint8Array): boolean {
  return CFB_MAGIC.every((byte, index) => bytes[index] === byte);
}

/** Parses a compound file. Throws on anything the parser rejects. */
export function readCfb(bytes: Uint8Array): OleFile {
  if (!isCfb(bytes)) throw new Error('not a compound file (no D0CF11E0 signature)');
  // Without the signature check `cfb` would also accept zip files.
  const container = CFB.read(bytes, { type: 'buffer' });
  const entries: OleEntry[] = [];
  const streams = new Map<string, Uint8Array>();
  container.FileIndex.forEach((entry, index) => {
    const full = container.FullPaths[index] ?? '';
    const path = full.replace(/^[^/]*\/?/, '').replace(/\/$/, '');
    const content = toBytes(entry.content);
    const storage = entry.type === 1 || entry.type === 5;
    entries.push({ path, name: entry.name, storage, content, clsid: formatClsid(entry.clsid) });
    if (!storage) streams.set(path.toLowerCase(), content);
  });
  return { entries, stream: (path) => streams.get(path.toLowerCase()) };
}

function toBytes(content: unknown): Uint8Array {
  if (content instanceof Uint8Array) return content;
  if (Array.isArray(content)) return Uint8Array.from(content, (value) => Number(value) & 0xff);
  return new Uint8Array(0);
}

/** A directory entry's raw CLSID hex (Data1-3 little-endian) in its usual text form. */
export function formatClsid(hex: unknown): string {
  if (typeof hex !== 'string' || !/^[0-9a-f]{32}$/i.test(hex) || /^0+$/.test(hex)) return '';
  const swap = (part: string): string => (part.match(/../g) ?? []).reverse().join('');
  const h = hex.toUpperCase();
  return [
    swap(h.slice(0, 8)),
    swap(h.slice(8, 12)),
    swap(h.slice(12, 16)),
    h.slice(16, 20),
    h.slice(20, 32),
  ].join('-');
}
