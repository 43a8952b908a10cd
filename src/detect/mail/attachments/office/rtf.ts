// RTF documents: embedded OLE objects (Equation Editor, packaged files, OLE2 links), the
// pFragments shape property of CVE-2010-3333, hex blobs where no hex belongs, and obfuscation.
// The objdata of each object is an OLE1 EmbeddedObject (MS-OLEDS §2.2): class name, then the
// native data — a packaged file, or a whole compound file that goes back to the driver as a child.
import type { Finding } from '../../finding.ts';
import type { InnerFile, InspectorResult } from '../report.ts';
import { isCfb } from './cfb.ts';
import { monikerUrl } from './ole.ts';
import { parsePackage } from './package.ts';
import { malformed } from './result.ts';
import { scanRtf, type RtfObject } from './rtf-scan.ts';

// Hex digits in a row, outside pictures and objdata, that no document text explains.
const HEX_BLOB = 8192;
const MAX_CHILDREN = 64;
const EQUATION = /^equation\.[23]$/i;

export interface Ole1Object {
  formatId: number;
  className: string;
  /** Native data of an embedded object; empty for a link. */
  native: Uint8Array;
  /** The link's topic (source path or URL) for a linked object. */
  topic: string;
}

/** Parses an OLE1 ObjectHeader and what follows; undefined when the bytes are not one. */
export function parseOle1(data: Uint8Array): Ole1Object | undefined {
  if (data.length < 12) return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let position = 4; // OLEVersion: writers put anything here
  const formatId = view.getUint32(position, true);
  position += 4;
  const string = (): string | undefined => {
    if (position + 4 > data.length) return undefined;
    const length = view.getUint32(position, true);
    position += 4;
    if (length > 4096 || position + length > data.length) return undefined;
    const text = Buffer.from(data.subarray(position, position + length)).toString('latin1');
    position += length;
    return text.replace(/\0.*$/s, '');
  };
  const className = string();
  const topic = string();
  const item = string();
  if (className === undefined || topic === undefined || item === undefined) return undefined;
  let native: Uint8Array = new Uint8Array(0);
  if (formatId === 2 && position + 4 <= data.length) {
    const size = view.getUint32(position, true);
    native = data.subarray(position + 4, Math.min(position + 4 + size, data.length));
  }
  return { formatId, className, native, topic };
}

/** Inspects an RTF document. */
export async function inspectRtf(bytes: Uint8Array): Promise<InspectorResult> {
  const findings: Finding[] = [];
  const children: InnerFile[] = [];
  if (!/^\{\\rt/.test(Buffer.from(bytes.subarray(0, 4)).toString('latin1'))) {
    findings.push(malformed('malformed-rtf', 'does not start with {\\rt'));
  }
  const scan = scanRtf(bytes);
  const described: string[] = [];
  const equation: string[] = [];
  const links: string[] = [];
  const updates: string[] = [];
  scan.objects.forEach((object, index) => {
    const ole1 = parseOle1(object.data);
    const className = ole1?.className || object.objclass || '(unknown class)';
    described.push(describe(className, object, ole1));
    if (EQUATION.test(className) || EQUATION.test(object.objclass)) equation.push(className);
    const linked =
      ole1?.formatId === 1 ||
      /^ole2link$/i.test(className) ||
      object.flags.some((f) => f === 'objautlink' || f === 'objlink');
    if (linked) links.push(`${className}${ole1?.topic ? ` → ${ole1.topic.slice(0, 200)}` : ''}`);
    if (object.flags.includes('objupdate')) updates.push(className);
    if (ole1 !== undefined && children.length < MAX_CHILDREN) {
      const child = embeddedFile(ole1, index);
      if (child !== undefined) children.push(child);
      const url = monikerUrl(ole1.native);
      if (url !== '') links.push(`${className} → ${url}`);
    }
  });
  if (described.length > 0) {
    findings.push({
      code: 'rtf-object',
      weight: 0.3,
      reason: `embedded objects: ${described.slice(0, 8).join('; ')}`,
    });
  }
  if (equation.length > 0) {
    findings.push({
      code: 'equation-editor-object',
      weight: 0.95,
      kind: 'weaponized',
      reason: `Equation Editor object (exploited by CVE-2017-11882/CVE-2018-0802): ${equation[0] ?? ''}`,
    });
  }
  if (links.length > 0) {
    findings.push({
      code: 'rtf-ole-link',
      weight: 0.9,
      kind: 'weaponized',
      reason: `linked OLE object fetched when opened (CVE-2017-0199 shape): ${links.slice(0, 4).join(', ')}`,
    });
  }
  if (updates.length > 0) {
    findings.push({
      code: 'rtf-objupdate',
      weight: 0.85,
      kind: 'weaponized',
      reason: `\\objupdate makes Word load the object on open: ${updates.slice(0, 4).join(', ')}`,
    });
  }
  if (scan.shapeProperties.includes('pfragments')) {
    findings.push({
      code: 'rtf-pfragments',
      weight: 0.95,
      kind: 'weaponized',
      reason: 'pFragments shape property (CVE-2010-3333 stack overflow)',
    });
  }
  if (scan.longestHex.length >= HEX_BLOB) {
    findings.push({
      code: 'rtf-hex-blob',
      weight: 0.6,
      kind: 'evasion',
      reason: `${scan.longestHex.length} hex digits in a row in ${scan.longestHex.destination ? `\\${scan.longestHex.destination}` : 'document text'}, where no data belongs (shellcode-like)`,
    });
  }
  const tricks = [
    ...scan.tricks,
    ...(scan.header || findings.some((f) => f.code === 'malformed-rtf')
      ? []
      : ['header is not {\\rtf1']),
  ];
  if (tricks.length > 0) {
    findings.push({
      code: 'rtf-obfuscation',
      weight: 0.5,
      kind: 'evasion',
      reason: tricks.slice(0, 6).join('; '),
    });
  }
  return { findings, children };
}

function describe(className: string, object: RtfObject, ole1: Ole1Object | undefined): string {
  const flags = object.flags.length > 0 ? ` (${object.flags.join(', ')})` : '';
  const spoofed =
    object.objclass !== '' &&
    ole1 !== undefined &&
    object.objclass.toLowerCase() !== ole1.className.toLowerCase()
      ? ` declared as ${object.objclass}`
      : '';
  const unreadable =
    ole1 === undefined && object.data.length > 0 ? ', objdata not an OLE1 object' : '';
  return `${className}${spoofed}${flags}${unreadable}`;
}

/** The file an object carries: the packaged file, or the object's compound file. */
function embeddedFile(ole1: Ole1Object, index: number): InnerFile | undefined {
  if (/^package$/i.test(ole1.className)) {
    return parsePackage(ole1.native) ?? { name: `object${index + 1}.package`, bytes: ole1.native };
  }
  if (isCfb(ole1.native)) {
    const base = ole1.className.replace(/[^\w.-]+/g, '_').slice(0, 64) || 'object';
    return { name: `${base}-${index + 1}.bin`, bytes: ole1.native };
  }
  return undefined;
}
