// What attachment inspection returns: one report per file, nested for archive entries and
// embedded objects, each with its true type (by content, never by name), hashes and findings.
import type { Finding } from '../finding.ts';

/** True type by content. `unknown` when no signature matched. */
export type TrueType =
  | 'pe'
  | 'elf'
  | 'macho'
  | 'zip'
  | 'ooxml'
  | 'odf'
  | 'ole'
  | 'rtf'
  | 'pdf'
  | 'lnk'
  | 'iso'
  | 'udf'
  | 'rar'
  | '7z'
  | 'gzip'
  | 'cab'
  | 'html'
  | 'script'
  | 'image'
  | 'text'
  | 'unknown';

export interface AttachmentReport {
  /** The decoded file name as given ('' when none). */
  name: string;
  /** Where it sits: `a.zip` for a top-level attachment, `a.zip/dir/b.exe` for an entry. */
  path: string;
  size: number;
  md5: string;
  sha1: string;
  sha256: string;
  /** Declared MIME type ('' for archive entries). */
  mime: string;
  type: TrueType;
  findings: Finding[];
  children: AttachmentReport[];
}

/** A file found inside another (archive entry, embedded OLE object, smuggled blob). */
export interface InnerFile {
  name: string;
  bytes: Uint8Array;
}

/** What a format-specific inspector (OLE, OOXML, RTF, ...) returns for one file. */
export interface InspectorResult {
  findings: Finding[];
  children: InnerFile[];
}

export interface InspectLimits {
  /** Archive nesting depth inspected (deeper is a finding, not an error). */
  maxDepth: number;
  /** Decompressed bytes read across one message's attachments. */
  maxTotalBytes: number;
  /** Entries listed per archive. */
  maxEntries: number;
}

export const DEFAULT_LIMITS: InspectLimits = {
  maxDepth: 5,
  maxTotalBytes: 128 * 1024 * 1024,
  maxEntries: 2000,
};
