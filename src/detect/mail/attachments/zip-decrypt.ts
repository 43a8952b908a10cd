// Encrypted zip entries opened with the passwords a message hands its reader ("the password is
// 2011"). yauzl lists encrypted entries but cannot decrypt them; @zip.js/zip.js can, ZipCrypto
// and AES alike, and is loaded only when an archive needs it.
import type { InnerFile } from './report.ts';

/** An encrypted entry as the zip listing names it. */
export interface EncryptedEntry {
  entry: { relativeOffsetOfLocalHeader: number };
  name: string;
}

export interface Decrypted {
  files: InnerFile[];
  password?: string;
}

export async function decrypt(
  bytes: Uint8Array,
  encrypted: readonly EncryptedEntry[],
  passwords: readonly string[],
  budget: number,
): Promise<Decrypted> {
  if (passwords.length === 0) return { files: [] };
  // Loaded only for encrypted archives: most mail never needs it.
  const zip = await import('@zip.js/zip.js');
  const reader = new zip.ZipReader(new zip.Uint8ArrayReader(bytes), { useWebWorkers: false });
  try {
    const byOffset = new Map(
      encrypted.map((item) => [item.entry.relativeOffsetOfLocalHeader, item]),
    );
    const entries = (await reader.getEntries()).filter(
      (entry): entry is import('@zip.js/zip.js').FileEntry =>
        !entry.directory && entry.encrypted && byOffset.has(entry.offset),
    );
    const files: InnerFile[] = [];
    let password: string | undefined;
    for (const entry of entries) {
      if (entry.uncompressedSize > budget) continue;
      // Archives use one password for all entries: once one works, try it first.
      const order = password === undefined ? passwords : [password, ...passwords];
      for (const candidate of order) {
        const data = await readEncrypted(entry, candidate, budget);
        if (data === undefined) continue;
        password = candidate;
        budget -= data.length;
        files.push({ name: byOffset.get(entry.offset)?.name ?? entry.filename, bytes: data });
        break;
      }
      // No candidate opened the first entry: the others share its password.
      if (password === undefined) break;
    }
    return password === undefined ? { files } : { files, password };
  } finally {
    await reader.close();
  }
}

async function readEncrypted(
  entry: import('@zip.js/zip.js').FileEntry,
  password: string,
  cap: number,
): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const sink = new WritableStream<Uint8Array>({
    write(chunk) {
      total += chunk.length;
      if (total > cap) throw new Error('entry exceeds the byte budget');
      chunks.push(chunk);
    },
  });
  try {
    // The CRC check rejects the one wrong ZipCrypto password in 256 that passes the header check.
    await entry.getData(sink, { password, checkCrc32: true, useWebWorkers: false });
  } catch {
    return undefined;
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}
