// HTML and SVG attachments that build a file inside the browser (HTML smuggling): the payload
// travels as base64 text that no gateway unpacks, and `new Blob` + a `download` link writes it to
// disk on the victim's side. The base64 is decoded here so the payload gets inspected after all.
// Fake sign-in pages are reported too, as context: they steal passwords, they do not run code.
import type { Finding } from '../finding.ts';
import { escapeName } from './names.ts';
import type { InnerFile, InspectorResult } from './report.ts';

export interface HtmlOptions {
  /** Bytes of decoded payload returned in total. */
  maxBytes: number;
}

const MAX_TEXT = 8 * 1024 * 1024;
const MIN_LITERAL = 1024;
// Runs shorter than this are words, not pieces of a split literal.
const MIN_PIECE = 16;
const MAX_GAP = 24;
const MAX_PAYLOADS = 8;
const MIN_PAYLOAD_BYTES = 64;

const BLOB = /\bnew\s+Blob\s*\(|\bmsSaveOrOpenBlob\b|\bmsSaveBlob\b|\bURL\.createObjectURL\s*\(/;
const DOWNLOAD =
  /\.download\s*=|\sdownload\s*=\s*["']|\sdownload[\s>]|setAttribute\s*\(\s*["']download["']|\bmsSaveOrOpenBlob\b|\bmsSaveBlob\b/i;
const ATOB = /\batob\s*\(|\bbase64ToArrayBuffer\b|\bFromBase64\b/;
const DATA_DOWNLOAD = /href\s*=\s*["']?data:application\/[\w.+-]+;base64,/i;
// A literal right after one of these is a picture or a font, not a payload.
const MEDIA_PREFIX = /data:(?:image|font|audio|video)\/[\w.+-]+;base64,\s*$/i;
// Script that writes the page it decodes: what a gateway sees is not what the browser shows.
const OBFUSCATED =
  /document\.write\s*\(\s*(?:unescape|decodeURIComponent|atob|window\.atob)\s*\(|\beval\s*\(\s*(?:unescape|atob|decodeURIComponent|String\.fromCharCode|function\s*\(\s*p\s*,\s*a\s*,\s*c\s*,\s*k)/i;
// A local file that sends the browser somewhere else at once.
const REDIRECT =
  /<meta\b[^>]*http-equiv\s*=\s*["']?refresh["']?[^>]*url\s*=\s*['"]?(https?:\/\/[^"'\s>]+)|(?:window\.|document\.|top\.)?location(?:\.href)?\s*=\s*["'`](https?:\/\/[^"'`\s]+)|location\.(?:replace|assign)\s*\(\s*["'`](https?:\/\/[^"'`\s]+)/i;
const FORM = /<form\b[^>]*\baction\s*=\s*["']?(https?:\/\/[^"'\s>]+)/i;
const PASSWORD_INPUT = /<input\b[^>]*\btype\s*=\s*["']?password\b/i;

/** Smuggling and credential-harvest findings for an HTML page, and the payloads it carries. */
export function inspectHtml(bytes: Uint8Array, options: HtmlOptions): InspectorResult {
  const text = Buffer.from(
    bytes.buffer,
    bytes.byteOffset,
    Math.min(bytes.byteLength, MAX_TEXT),
  ).toString('latin1');
  const findings: Finding[] = [];
  const blob = BLOB.test(text);
  const download = DOWNLOAD.test(text);
  const atob = ATOB.test(text);
  const dataDownload = DATA_DOWNLOAD.test(text) && download;
  if ((blob && download) || dataDownload) {
    findings.push({
      code: 'html-smuggling',
      weight: 0.9,
      kind: 'weaponized',
      reason: `the page writes ${savedName(text)} to disk from script: ${indicators(text).join(', ')}`,
    });
  }
  const literals = blob || atob || dataDownload ? base64Literals(text) : [];
  const children: InnerFile[] = [];
  let budget = options.maxBytes;
  for (const literal of literals) {
    if (children.length >= MAX_PAYLOADS) break;
    // base64 is 4 characters for 3 bytes: skip what could not fit before decoding it.
    if ((literal.length / 4) * 3 > budget + 3) continue;
    const decoded = Buffer.from(literal, 'base64');
    if (decoded.length < MIN_PAYLOAD_BYTES || decoded.length > budget) continue;
    budget -= decoded.length;
    children.push({ name: `smuggled-${children.length + 1}.bin`, bytes: new Uint8Array(decoded) });
  }
  if (children.length > 0) {
    const total = children.reduce((sum, child) => sum + child.bytes.length, 0);
    findings.push({
      code: 'html-embedded-payload',
      weight: 0.7,
      kind: 'weaponized',
      reason: `${children.length} base64 payloads (${total} bytes) decoded by the page's script`,
    });
  }
  if (OBFUSCATED.test(text)) {
    findings.push({
      code: 'html-obfuscated-script',
      weight: 0.7,
      kind: 'evasion',
      reason:
        'the page is written by script from an encoded string (document.write/eval of unescape, atob or packed code)',
    });
  }
  const redirect = REDIRECT.exec(text);
  const target = redirect?.[1] ?? redirect?.[2] ?? redirect?.[3];
  if (target !== undefined) {
    findings.push({
      code: 'html-redirect',
      weight: 0.6,
      reason: `opening the file sends the browser to ${target.slice(0, 120)}`,
    });
  }
  const form = FORM.exec(text);
  if (form?.[1] !== undefined && PASSWORD_INPUT.test(text)) {
    findings.push({
      code: 'credential-form',
      weight: 0.5,
      reason: `a password form posting to ${form[1].slice(0, 120)}`,
    });
  }
  return { findings, children };
}

// `a.download = "x.js"`, `msSaveOrOpenBlob(blob, "x.js")`, `<a download="x.js">`.
const SAVED_NAME =
  /(?:\.download\s*=\s*|\bmsSave(?:OrOpen)?Blob\s*\([^,()]{1,60},\s*|\sdownload\s*=\s*)["'`]([^"'`\n]{1,100})["'`]/;

function savedName(text: string): string {
  const name = SAVED_NAME.exec(text)?.[1];
  return name === undefined ? 'a file' : `"${escapeName(name)}"`;
}

function indicators(text: string): string[] {
  const found: string[] = [];
  if (/\bnew\s+Blob\s*\(/.test(text)) found.push('new Blob(');
  if (/\bmsSaveOrOpenBlob\b|\bmsSaveBlob\b/.test(text)) found.push('msSaveOrOpenBlob');
  if (/\bURL\.createObjectURL\s*\(/.test(text)) found.push('URL.createObjectURL');
  if (DATA_DOWNLOAD.test(text)) found.push('data: URI link');
  if (DOWNLOAD.test(text)) found.push('download attribute');
  if (ATOB.test(text)) found.push('atob(');
  return found;
}

/**
 * Base64 literals of at least 1 KiB, in order. One linear pass: runs of base64 characters,
 * glued back together across `" + "` and line breaks that split a long literal in script.
 */
export function base64Literals(text: string): string[] {
  const out: string[] = [];
  let pieces: string[] = [];
  let length = 0;
  let lastEnd = -1;
  let firstStart = 0;
  const flush = (): void => {
    if (
      length >= MIN_LITERAL &&
      !MEDIA_PREFIX.test(text.slice(Math.max(0, firstStart - 64), firstStart))
    ) {
      out.push(pieces.join(''));
    }
    pieces = [];
    length = 0;
  };
  let i = 0;
  while (i < text.length) {
    if (!isBase64(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isBase64(text.charCodeAt(i))) i++;
    // Padding ends a literal.
    let end = i;
    while (end < text.length && text.charCodeAt(end) === 0x3d && end - i < 2) end++;
    if (end - start >= MIN_PIECE) {
      const gap = lastEnd < 0 ? '' : text.slice(lastEnd, start);
      if (length > 0 && !(gap.length <= MAX_GAP && isJoin(gap))) flush();
      if (length === 0) firstStart = start;
      pieces.push(text.slice(start, end));
      length += end - start;
      lastEnd = end;
      if (end > i) flush();
    }
    i = Math.max(end, i);
  }
  flush();
  return out;
}

function isBase64(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2b ||
    code === 0x2f
  );
}

/** Whitespace, `\n` escapes and string concatenation between two pieces of one literal. */
function isJoin(gap: string): boolean {
  return /^(?:\s|\\[nr]|["'`]\s*\+\s*["'`]|["'`],\s*["'`])*$/.test(gap);
}
