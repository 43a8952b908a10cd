// Just enough zip reading for OOXML packages: list the entries (bounded), then read the few
// the inspector asks for, each bounded, with one decompressed-byte budget for the document.
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { readEntry } from '../zip.ts';

export interface ZipLimits {
  maxEntries: number;
  /** Decompressed bytes read across the whole package. */
  maxTotalBytes: number;
}

export interface PackageReader {
  /** Entry names (directories excluded), at most `maxEntries`. */
  names: string[];
  /** True when the package had more entries than were listed. */
  truncated: boolean;
  /**
   * The content of entry `name`, up to `max` bytes; `undefined` when it cannot be read (the
   * reason is added to `errors`) or the budget is spent (`limited` is set).
   */
  read(name: string, max: number): Promise<Uint8Array | undefined>;
  errors: string[];
  limited: string[];
  close(): void;
}

/** Opens `bytes` as a zip. Rejects when its central directory cannot be read. */
export async function openPackage(bytes: Uint8Array, limits: ZipLimits): Promise<PackageReader> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const zip = await new Promise<ZipFile>((resolve, reject) => {
    yauzl.fromBuffer(
      buffer,
      {
        lazyEntries: true,
        autoClose: false,
        decodeStrings: true,
        validateEntrySizes: true,
        strictFileNames: false,
      },
      (error, zipfile) => (error ? reject(error) : resolve(zipfile)),
    );
  });
  const entries = new Map<string, Entry>();
  let truncated = false;
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      if (!entry.fileName.endsWith('/') && !entries.has(entry.fileName))
        entries.set(entry.fileName, entry);
      if (entries.size >= limits.maxEntries) {
        truncated = zip.entryCount > entries.size;
        resolve();
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  let remaining = limits.maxTotalBytes;
  const reader: PackageReader = {
    names: [...entries.keys()],
    truncated,
    errors: [],
    limited: [],
    close: () => zip.close(),
    async read(name, max) {
      const entry = entries.get(name);
      if (entry === undefined) return undefined;
      const cap = Math.min(max, remaining);
      if (entry.uncompressedSize > cap) {
        reader.limited.push(name);
        return undefined;
      }
      try {
        const content = await readEntry(zip, entry, cap);
        remaining -= content.length;
        return content;
      } catch (error) {
        reader.errors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    },
  };
  return reader;
}
