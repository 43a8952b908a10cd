// OLE compound files (.doc, .xls, .ppt, embedded oleObject.bin, vbaProject.bin): VBA and XLM
// macros, encryption, and embedded objects — packaged files (returned as children so the driver
// inspects them), Equation Editor objects (CVE-2017-11882), URL monikers (CVE-2017-0199).
import type { Finding } from '../../finding.ts';
import type { InnerFile, InspectorResult } from '../report.ts';
import { readCfb, type OleEntry, type OleFile } from './cfb.ts';
import { encryptedFinding, encryptionOf } from './encryption.ts';
import { parsePackage } from './package.ts';
import { malformed, messageOf } from './result.ts';
import { readVbaProjects, vbaFindings } from './vba.ts';
import { scanWorkbook, xlmFindings } from './xlm.ts';

export const EQUATION_CLSIDS: ReadonlySet<string> = new Set([
  '0002CE02-0000-0000-C000-000000000046', // Equation.3
  '0002CE03-0000-0000-C000-000000000046', // Equation.2 / older spellings
]);
const FLASH_CLSID = 'D27CDB6E-AE6D-11CF-96B8-444553540000';
// URL moniker CLSID 79EAC9E0-BAF9-11CE-8C82-00AA004BA90B as stored (Data1-3 little-endian).
const URL_MONIKER = [
  0xe0, 0xc9, 0xea, 0x79, 0xf9, 0xba, 0xce, 0x11, 0x8c, 0x82, 0x00, 0xaa, 0x00, 0x4b, 0xa9, 0x0b,
];
const MAX_CHILDREN = 64;

/** Inspects an OLE compound file. Unreadable input becomes `malformed-ole`. */
export async function inspectOle(bytes: Uint8Array): Promise<InspectorResult> {
  let ole: OleFile;
  try {
    ole = readCfb(bytes);
  } catch (error) {
    return {
      findings: [malformed('malformed-ole', `not a readable compound file: ${messageOf(error)}`)],
      children: [],
    };
  }
  return inspectCfb(ole);
}

/** Findings and children of a compound file already read (shared with OOXML's vbaProject.bin). */
export function inspectCfb(ole: OleFile): InspectorResult {
  const findings: Finding[] = [];
  const children: InnerFile[] = [];
  const encryption = encryptionOf(ole);
  if (encryption !== '') findings.push(encryptedFinding(encryption));
  findings.push(...vbaFindings(readVbaProjects(ole)));
  const workbook = ole.stream('Workbook') ?? ole.stream('Book');
  if (workbook !== undefined) {
    const globals = scanWorkbook(workbook);
    findings.push(...xlmFindings(globals));
    if (globals.encrypted && encryption === '') {
      findings.push(encryptedFinding('an encrypted Excel workbook (FILEPASS)'));
    }
  }
  findings.push(...objectFindings(ole, children));
  return { findings, children };
}

/** Embedded objects: what they are, and the files packaged inside them. */
function objectFindings(ole: OleFile, children: InnerFile[]): Finding[] {
  const findings: Finding[] = [];
  const equation = new Set<string>();
  const classes = new Set<string>();
  const packaged: string[] = [];
  const links: string[] = [];
  let flash = false;
  for (const entry of ole.entries) {
    if (EQUATION_CLSIDS.has(entry.clsid))
      equation.add(`${where(entry)} has the Equation Editor CLSID`);
    if (entry.clsid === FLASH_CLSID) flash = true;
    if (entry.storage) continue;
    const name = entry.name.toLowerCase();
    if (name === 'equation native') equation.add(`${where(entry)} is Equation Editor native data`);
    if (name === '\u0001compobj') {
      const progId = compObjProgId(entry.content);
      if (progId !== '') classes.add(progId);
      if (/^equation\.[23]$/i.test(progId)) equation.add(`${where(entry)} names ${progId}`);
      if (/shockwaveflash/i.test(progId)) flash = true;
    }
    if (name === '\u0001ole10native') {
      const file = parsePackage(entry.content.subarray(4));
      const child = file ?? { name: 'Ole10Native.bin', bytes: entry.content.subarray(4) };
      if (children.length < MAX_CHILDREN) children.push(child);
      packaged.push(child.name);
    }
    // An embedded OOXML document (Package) or a PDF (CONTENTS) is a file of its own.
    if (
      (name === 'package' || name === 'contents') &&
      entry.path.includes('/') &&
      children.length < MAX_CHILDREN
    ) {
      children.push({ name: `${entry.path.replace(/\//g, '_')}.bin`, bytes: entry.content });
    }
    if (name === '\u0001ole') {
      const url = monikerUrl(entry.content);
      if (url !== '') links.push(url);
    }
  }
  if (equation.size > 0) {
    findings.push({
      code: 'equation-editor-object',
      weight: 0.95,
      kind: 'weaponized',
      reason: `Equation Editor object (exploited by CVE-2017-11882/CVE-2018-0802): ${[...equation].slice(0, 4).join('; ')}`,
    });
  }
  if (links.length > 0) {
    findings.push({
      code: 'ole-link-url',
      weight: 0.9,
      kind: 'weaponized',
      reason: `OLE object linked to a URL, fetched when opened (CVE-2017-0199): ${links.slice(0, 4).join(', ')}`,
    });
  }
  if (packaged.length > 0) {
    findings.push({
      code: 'ole-package',
      weight: 0.4,
      reason: `packaged file(s) embedded: ${packaged.slice(0, 8).join(', ')}`,
    });
  }
  if (flash) {
    findings.push({
      code: 'ole-flash-object',
      weight: 0.5,
      reason: 'embedded Flash (ShockwaveFlash) object',
    });
  }
  if (classes.size > 0) {
    findings.push({
      code: 'ole-embedded-object',
      weight: 0.1,
      reason: `embedded object classes: ${[...classes].slice(0, 8).join(', ')}`,
    });
  }
  return findings;
}

function where(entry: OleEntry): string {
  return entry.path === '' ? 'the root' : JSON.stringify(entry.path);
}

/** The ProgID of a `\x01CompObj` stream (MS-OLEDS §2.3.8), '' when unreadable. */
export function compObjProgId(stream: Uint8Array): string {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  let position = 28; // header: reserved, version, reserved, CLSID
  const lengthPrefixed = (): string | undefined => {
    if (position + 4 > stream.length) return undefined;
    const length = view.getUint32(position, true);
    position += 4;
    if (length > 4096 || position + length > stream.length) return undefined;
    const text = Buffer.from(stream.subarray(position, position + length)).toString('latin1');
    position += length;
    return text.replace(/\0.*$/s, '');
  };
  if (lengthPrefixed() === undefined) return ''; // AnsiUserType
  if (position + 4 > stream.length) return '';
  const marker = view.getUint32(position, true);
  if (marker === 0xffffffff || marker === 0xfffffffe) position += 8;
  else if (marker !== 0 && lengthPrefixed() === undefined) return '';
  else if (marker === 0) position += 4;
  const progId = lengthPrefixed() ?? '';
  return /^[\x20-\x7e]{1,80}$/.test(progId) ? progId : '';
}

/** The URL of a URL moniker inside an `\x01Ole` stream (or any bytes), '' when none. */
export function monikerUrl(bytes: Uint8Array): string {
  const first = URL_MONIKER[0] ?? 0;
  for (let at = bytes.indexOf(first); at !== -1; at = bytes.indexOf(first, at + 1)) {
    if (!URL_MONIKER.every((byte, index) => bytes[at + index] === byte)) continue;
    const start = at + 16 + 4;
    let end = start;
    while (
      end + 1 < bytes.length &&
      end - start < 4096 &&
      (bytes[end] !== 0 || bytes[end + 1] !== 0)
    )
      end += 2;
    const url = Buffer.from(bytes.subarray(start, end)).toString('utf16le');
    return url.replace(/[^\x20-\x7e]/g, '?');
  }
  return '';
}
