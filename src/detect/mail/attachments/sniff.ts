// What a file really is, from its first bytes. Attackers name a PE `invoice.pdf` and an ISO
// `scan.zip`; the name is only a hint, used to tell a script from plain text.
import type { TrueType } from './report.ts';

// Windows runs these through a script host (or mshta): text that is code.
const SCRIPT_EXTENSIONS = new Set([
  'js',
  'jse',
  'vbs',
  'vbe',
  'wsf',
  'wsh',
  'hta',
  'ps1',
  'psm1',
  'bat',
  'cmd',
  'sh',
]);

const LNK_HEADER = Uint8Array.of(
  0x4c,
  0x00,
  0x00,
  0x00,
  0x01,
  0x14,
  0x02,
  0x00,
  0x00,
  0x00,
  0x00,
  0x00,
  0xc0,
  0x00,
  0x00,
  0x00,
  0x00,
  0x00,
  0x00,
  0x46,
);
const OLE_HEADER = Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);
// ISO 9660 / ECMA-167 volume descriptors sit in sectors 16.. of 2 KiB; byte 0 is the type.
const VOLUME_DESCRIPTOR_OFFSETS = [0x8001, 0x8801, 0x9001];

// The central directory of a zip lives in its tail; an OOXML package names
// `[Content_Types].xml` there even when the first local header is something else.
const ZIP_HEAD_WINDOW = 4096;
const ZIP_TAIL_WINDOW = 64 * 1024;
const TEXT_WINDOW = 4096;
const HTML_WINDOW = 1024;

/** The true type of `bytes` by signature; `name` only separates scripts from plain text. */
export function trueType(bytes: Uint8Array, name = ''): TrueType {
  const binary = binaryType(bytes);
  if (binary !== undefined) return binary;
  return textType(bytes, name);
}

/** The extension of a file name, lower case, without the dot; '' when none. */
export function extensionOf(name: string): string {
  // Windows ignores trailing dots and spaces, so `a.exe . ` runs as `a.exe`.
  const trimmed = name.replace(/[\s.]+$/u, '');
  const dot = trimmed.lastIndexOf('.');
  const slash = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return dot > slash ? trimmed.slice(dot + 1).toLowerCase() : '';
}

function binaryType(bytes: Uint8Array): TrueType | undefined {
  if (bytes.length < 2) return undefined;
  const b0 = bytes[0] ?? 0;
  const b1 = bytes[1] ?? 0;
  if (b0 === 0x4d && b1 === 0x5a && isPe(bytes)) return 'pe';
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return 'elf';
  if (isMachO(bytes)) return 'macho';
  if (b0 === 0x50 && b1 === 0x4b && isZipSignature(bytes)) return zipFlavour(bytes);
  if (startsWith(bytes, OLE_HEADER)) return 'ole';
  if (startsWith(bytes, LNK_HEADER)) return 'lnk';
  if (startsWith(bytes, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07])) return 'rar';
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7z';
  if (b0 === 0x1f && b1 === 0x8b) return 'gzip';
  if (startsWith(bytes, [0x4d, 0x53, 0x43, 0x46])) return 'cab';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'image';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'image';
  if (
    startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) &&
    indexOfAscii(bytes.subarray(8, 12), 'WEBP') === 0
  ) {
    return 'image';
  }
  // `{\rt` is all Word needs: `{\rtf1` is the standard, `{\rtxa` an evasion that still opens.
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74])) return 'rtf';
  // Readers accept %PDF anywhere in the first KiB, and droppers prepend junk to use that.
  if (indexOfAscii(bytes.subarray(0, 1024), '%PDF-') >= 0) return 'pdf';
  return diskImageType(bytes);
}

function isPe(bytes: Uint8Array): boolean {
  // Too short to hold a DOS header: two letters "MZ" starting a text file are not a program.
  if (bytes.length < 64) return false;
  const lfanew = readU32(bytes, 0x3c);
  // A truncated image whose PE header is cut off is still an executable to us.
  if (lfanew + 4 > bytes.length) return lfanew < 0x10000000;
  return startsWith(bytes.subarray(lfanew), [0x50, 0x45, 0x00, 0x00]);
}

function isMachO(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  const magic = readU32(bytes, 0);
  if (magic === 0xfeedface || magic === 0xfeedfacf) return true;
  if (magic === 0xcefaedfe || magic === 0xcffaedfe) return true;
  // CAFEBABE is also a Java class; a fat Mach-O has a small architecture count where a class
  // file has its version (≥ 45) in the same place.
  if (bytes[0] === 0xca && bytes[1] === 0xfe && bytes[2] === 0xba && bytes[3] === 0xbe) {
    const count = ((bytes[4] ?? 0) << 24) | ((bytes[5] ?? 0) << 16) | ((bytes[6] ?? 0) << 8);
    return count === 0 && (bytes[7] ?? 0) > 0 && (bytes[7] ?? 0) < 20;
  }
  return false;
}

function isZipSignature(bytes: Uint8Array): boolean {
  const b2 = bytes[2];
  const b3 = bytes[3];
  // Local header, empty archive, or spanned marker.
  return (b2 === 3 && b3 === 4) || (b2 === 5 && b3 === 6) || (b2 === 7 && b3 === 8);
}

function zipFlavour(bytes: Uint8Array): TrueType {
  // ODF requires an uncompressed `mimetype` entry first, so its value follows the header.
  if (indexOfAscii(bytes.subarray(30, 30 + 64), 'mimetypeapplication/vnd.oasis') === 0) {
    return 'odf';
  }
  const head = bytes.subarray(0, ZIP_HEAD_WINDOW);
  const tail = bytes.subarray(Math.max(0, bytes.length - ZIP_TAIL_WINDOW));
  if (indexOfAscii(head, '[Content_Types].xml') >= 0) return 'ooxml';
  if (indexOfAscii(tail, '[Content_Types].xml') >= 0) return 'ooxml';
  return 'zip';
}

function diskImageType(bytes: Uint8Array): TrueType | undefined {
  let udf = false;
  for (const offset of VOLUME_DESCRIPTOR_OFFSETS) {
    const at = bytes.subarray(offset, offset + 5);
    if (at.length < 5) break;
    if (indexOfAscii(at, 'CD001') === 0) return 'iso';
    if (indexOfAscii(at, 'BEA01') === 0 || indexOfAscii(at, 'NSR0') === 0) udf = true;
  }
  return udf ? 'udf' : undefined;
}

function textType(bytes: Uint8Array, name: string): TrueType {
  const text = leadingText(bytes);
  if (text === undefined) return 'unknown';
  const extension = extensionOf(name);
  // An .hta is an HTML page that mshta runs with full rights: a script, not a web page.
  if (SCRIPT_EXTENSIONS.has(extension)) return 'script';
  if (isHtml(text)) return 'html';
  // Browsers render an .html file whatever precedes the first tag; lures put prose first.
  if (HTML_EXTENSIONS.has(extension) && HTML_TAG.test(text.slice(0, HTML_WINDOW))) return 'html';
  if (text.startsWith('#!')) return 'script';
  if (scriptScore(text) >= 2) return 'script';
  return 'text';
}

/** The first few KiB as text, or undefined when they do not look like text. */
function leadingText(bytes: Uint8Array): string | undefined {
  const window = bytes.subarray(0, TEXT_WINDOW);
  if (window.length === 0) return undefined;
  // PowerShell and Notepad write UTF-16 with a BOM.
  if (window[0] === 0xff && window[1] === 0xfe) {
    return new TextDecoder('utf-16le').decode(window.subarray(2));
  }
  if (window[0] === 0xfe && window[1] === 0xff) {
    return new TextDecoder('utf-16be').decode(window.subarray(2));
  }
  let printable = 0;
  for (const byte of window) {
    if (byte === 0) return undefined;
    if (byte >= 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x0c) {
      printable++;
    }
  }
  if (printable < window.length * 0.95) return undefined;
  return new TextDecoder('utf-8').decode(window);
}

const HTML_EXTENSIONS = new Set(['htm', 'html', 'shtml', 'xhtml', 'svg', 'mht', 'mhtml']);
const HTML_TAG = /<(?:html|head|body|script|svg|form|iframe|meta)[\s>/]/i;
const HTML_START =
  /^(?:<!doctype\s+html|<html|<head|<body|<script|<svg|<meta|<iframe|<form|<title|<style)[\s>/]/;

function isHtml(text: string): boolean {
  let rest = text.slice(0, HTML_WINDOW).replace(/^\uFEFF/, '');
  // Saved pages and SVGs open with an XML declaration or comments before the first tag.
  for (let guard = 0; guard < 8; guard++) {
    rest = rest.trimStart();
    const lower = rest.slice(0, 16).toLowerCase();
    if (lower.startsWith('<?xml')) rest = afterToken(rest, '?>');
    else if (lower.startsWith('<!--')) rest = afterToken(rest, '-->');
    else break;
  }
  return HTML_START.test(rest.slice(0, 32).toLowerCase());
}

function afterToken(text: string, token: string): string {
  const end = text.indexOf(token);
  return end < 0 ? '' : text.slice(end + token.length);
}

// Each indicator alone occurs in ordinary prose (a security bulletin quoting PowerShell); two
// together in a text attachment are code.
const SCRIPT_INDICATORS = [
  /\bWScript\.(?:Shell|CreateObject|Sleep|Echo|Arguments|ScriptFullName)/i,
  /\bCreateObject\s*\(/i,
  /\bnew\s+ActiveXObject\s*\(/i,
  /\bpowershell(?:\.exe)?\s+-/i,
  /^\s*@?echo\s+off\b/im,
  /\b(?:Invoke-Expression|IEX)\s*[( ]/i,
  /\bDownloadString\s*\(|\bDownloadFile\s*\(/i,
  /\bFromBase64String\s*\(/i,
  /\bShell\.Application\b|\bScripting\.FileSystemObject\b/i,
  /^\s*(?:Dim|Set)\s+\w+\s*(?:=|$)/im,
  /\beval\s*\(\s*(?:unescape|atob|String\.fromCharCode)\b/i,
];

function scriptScore(text: string): number {
  let score = 0;
  for (const indicator of SCRIPT_INDICATORS) if (indicator.test(text)) score++;
  return score;
}

function startsWith(bytes: Uint8Array, prefix: ArrayLike<number>): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** Offset of an ASCII string in `bytes`, or -1. Uses the native search of Buffer. */
export function indexOfAscii(bytes: Uint8Array, ascii: string): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(ascii, 0, 'latin1');
}

function readU32(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset] ?? 0) |
      ((bytes[offset + 1] ?? 0) << 8) |
      ((bytes[offset + 2] ?? 0) << 16) |
      ((bytes[offset + 3] ?? 0) << 24)) >>>
    0
  );
}
