// Windows shortcuts (MS-SHLLINK). A .lnk in mail has no business except running something: the
// target and its arguments are the payload (`powershell -enc ...`, `mshta http://...`), and the
// icon is borrowed from a PDF reader or a browser to look like a document.
import type { Finding } from '../finding.ts';
import type { InspectorResult } from './report.ts';

export interface ShellLink {
  flags: number;
  /** LinkInfo local base path, or the EnvironmentVariableDataBlock target, or '' when none. */
  target: string;
  name?: string;
  relativePath?: string;
  workingDir?: string;
  arguments?: string;
  iconLocation?: string;
}

const HEADER_SIZE = 0x4c;
const HAS_TARGET_ID_LIST = 0x01;
const HAS_LINK_INFO = 0x02;
const IS_UNICODE = 0x80;
// StringData fields in file order, each present when its flag is set.
const STRING_FIELDS = [
  [0x04, 'name'],
  [0x08, 'relativePath'],
  [0x10, 'workingDir'],
  [0x20, 'arguments'],
  [0x40, 'iconLocation'],
] as const;
const ENVIRONMENT_BLOCK = 0xa0000001;
const MAX_STRING = 32 * 1024;
const MAX_BLOCKS = 64;

const LOLBINS =
  /(?:^|[\\/"])(cmd|powershell|pwsh|mshta|wscript|cscript|rundll32|regsvr32|certutil|bitsadmin|msiexec|forfiles|conhost|curl|schtasks|wmic|msbuild|installutil)(?:\.exe)?"?$/i;
const SUSPICIOUS_ARGUMENTS =
  /(?:^|\s)-e(?:nc(?:odedcommand)?|c)?\s|https?:|\bIEX\b|Invoke-Expression|DownloadString|DownloadFile|FromBase64String|-w(?:indowstyle)?\s+h(?:idden)?\b|\\\\[\w.-]+@?\d*\\|javascript:|vbscript:/i;
const MAX_SHOWN = 200;

/** The fields of a shell link. Throws when the header is not a shell link's. */
export function parseLnk(bytes: Uint8Array): ShellLink {
  if (bytes.length < HEADER_SIZE) throw new Error('shorter than a shell link header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== HEADER_SIZE) throw new Error('bad shell link header size');
  const flags = view.getUint32(0x14, true);
  const link: ShellLink = { flags, target: '' };
  let offset = HEADER_SIZE;
  if ((flags & HAS_TARGET_ID_LIST) !== 0) {
    const idListSize = u16(view, offset);
    link.target = targetFromIdList(bytes.subarray(offset + 2, offset + 2 + idListSize));
    offset += 2 + idListSize;
  }
  if ((flags & HAS_LINK_INFO) !== 0) {
    const size = u32(view, offset);
    const base = localBasePath(bytes, view, offset, size);
    if (base !== '') link.target = base;
    offset += Math.max(4, size);
  }
  const unicode = (flags & IS_UNICODE) !== 0;
  for (const [flag, field] of STRING_FIELDS) {
    if ((flags & flag) === 0) continue;
    const count = u16(view, offset);
    const length = count * (unicode ? 2 : 1);
    link[field] = decode(
      bytes.subarray(offset + 2, offset + 2 + Math.min(length, MAX_STRING)),
      unicode,
    );
    offset += 2 + length;
  }
  const environment = environmentTarget(bytes, view, offset);
  if (environment !== '' && link.target === '') link.target = environment;
  return link;
}

/** Findings for a shell link: always weaponized, more so when it runs a script host or a cradle. */
export function inspectLnk(bytes: Uint8Array): InspectorResult {
  const link = parseLnk(bytes);
  const target = link.target;
  const args = link.arguments ?? '';
  const lolbin = LOLBINS.exec(target.trim())?.[1]?.toLowerCase();
  const suspicious = SUSPICIOUS_ARGUMENTS.test(args) || SUSPICIOUS_ARGUMENTS.test(target);
  const shown = `target ${quote(target)}${args === '' ? '' : ` arguments ${quote(args)}`}`;
  const findings: Finding[] = [
    {
      code: 'lnk-attachment',
      weight: 0.8,
      kind: 'weaponized',
      reason: `a Windows shortcut in mail: ${shown}`,
    },
  ];
  if (lolbin !== undefined || suspicious) {
    findings.push({
      code: 'lnk-runs-command',
      weight: 0.95,
      kind: 'weaponized',
      reason: `shortcut runs ${lolbin ?? 'a command'}${suspicious ? ' with download or encoded arguments' : ''}: ${shown}`,
    });
  }
  return { findings, children: [] };
}

function localBasePath(bytes: Uint8Array, view: DataView, start: number, size: number): string {
  if (size < 0x1c || start + size > bytes.length) return '';
  const headerSize = u32(view, start + 4);
  const linkInfoFlags = u32(view, start + 8);
  if ((linkInfoFlags & 1) === 0) return '';
  // The Unicode base path exists only when the header is long enough to point at it.
  if (headerSize >= 0x24) {
    const unicodeOffset = u32(view, start + 0x1c);
    if (unicodeOffset > 0 && unicodeOffset < size) {
      return cString(bytes.subarray(start + unicodeOffset, start + size), true);
    }
  }
  const baseOffset = u32(view, start + 0x10);
  if (baseOffset === 0 || baseOffset >= size) return '';
  const base = cString(bytes.subarray(start + baseOffset, start + size), false);
  const suffixOffset = u32(view, start + 0x18);
  const suffix =
    suffixOffset > 0 && suffixOffset < size
      ? cString(bytes.subarray(start + suffixOffset, start + size), false)
      : '';
  return base + suffix;
}

/** EnvironmentVariableDataBlock: `%windir%\system32\cmd.exe` style targets of crafted links. */
function environmentTarget(bytes: Uint8Array, view: DataView, start: number): string {
  let offset = start;
  for (let i = 0; i < MAX_BLOCKS && offset + 8 <= bytes.length; i++) {
    const size = u32(view, offset);
    if (size < 8) break;
    if (u32(view, offset + 4) === ENVIRONMENT_BLOCK && size >= 0x314) {
      const unicode = cString(bytes.subarray(offset + 8 + 260, offset + 8 + 260 + 520), true);
      return unicode !== ''
        ? unicode
        : cString(bytes.subarray(offset + 8, offset + 8 + 260), false);
    }
    offset += size;
  }
  return '';
}

// Crafted links often carry only an ID list; its last item names the file. Read the longest
// run of printable characters ending in an executable-looking name.
function targetFromIdList(whole: Uint8Array): string {
  const idList = whole.subarray(0, 4096);
  const text = Buffer.from(idList).toString('latin1');
  const ansi = /[\x20-\x7e]{3,260}\.(?:exe|com|bat|cmd|ps1|vbs|js|hta|dll|scr)\b/gi;
  const matches = text.match(ansi);
  if (matches !== null) return matches[matches.length - 1] ?? '';
  const wide = Buffer.from(idList.subarray(0, idList.length - (idList.length % 2))).toString(
    'utf16le',
  );
  const wideMatches = wide.match(
    /[\x20-\x7e]{3,260}\.(?:exe|com|bat|cmd|ps1|vbs|js|hta|dll|scr)\b/gi,
  );
  return wideMatches?.[wideMatches.length - 1] ?? '';
}

function cString(bytes: Uint8Array, unicode: boolean): string {
  if (unicode) {
    let end = 0;
    while (end + 1 < bytes.length && (bytes[end] !== 0 || bytes[end + 1] !== 0)) end += 2;
    return Buffer.from(bytes.subarray(0, end)).toString('utf16le');
  }
  const end = bytes.indexOf(0);
  return Buffer.from(bytes.subarray(0, end < 0 ? bytes.length : end)).toString('latin1');
}

function decode(bytes: Uint8Array, unicode: boolean): string {
  const even = unicode ? bytes.subarray(0, bytes.length - (bytes.length % 2)) : bytes;
  return Buffer.from(even).toString(unicode ? 'utf16le' : 'latin1');
}

function quote(text: string): string {
  const clean = text.replace(/\p{Cc}/gu, ' ');
  return `"${clean.length > MAX_SHOWN ? `${clean.slice(0, MAX_SHOWN)}…` : clean}"`;
}

function u16(view: DataView, offset: number): number {
  return offset + 2 <= view.byteLength ? view.getUint16(offset, true) : 0;
}

function u32(view: DataView, offset: number): number {
  return offset + 4 <= view.byteLength ? view.getUint32(offset, true) : 0;
}
