// VBA projects inside a compound file: Word 97 keeps one under `Macros/VBA`, Excel under
// `_VBA_PROJECT_CUR/VBA`, a .docm's vbaProject.bin at the root `VBA`; embedded objects nest more.
// The compressed `dir` stream (MS-OVBA §2.3.4.2) names each module's stream and where its
// compressed source starts (MODULEOFFSET), past a performance cache that may disagree with it.
import { TextDecoder } from 'node:util';
import type { Finding } from '../../finding.ts';
import type { OleFile } from './cfb.ts';
import { decompressContainer } from './ovba.ts';
import { scanSource } from './vba-scan.ts';

export interface VbaModuleSource {
  name: string;
  /** The module's stream, below the project's VBA storage. */
  stream: string;
  source: string;
}

export interface VbaProject {
  /** The VBA storage, e.g. `Macros/VBA`. */
  storage: string;
  modules: VbaModuleSource[];
  /** Why the dir stream or a module could not be read ('' when it all went well). */
  problem: string;
}

export interface DirModule {
  name: string;
  stream: string;
  offset: number;
}

export interface DirInfo {
  codePage: number;
  modules: DirModule[];
  /** False when the stream ended before its terminator record: modules may be missing. */
  complete: boolean;
}

const MAX_MODULES = 1000;
// Decompressed source per project: real projects are kilobytes; this only bounds bombs.
const MAX_PROJECT_SOURCE = 16 * 1024 * 1024;
const MAX_REASON_ITEMS = 12;

/** Parses a decompressed `dir` stream. Throws when a record runs past the end. */
export function parseDir(dir: Uint8Array): DirInfo {
  const view = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
  const info: DirInfo = { codePage: 1252, modules: [], complete: false };
  let current:
    | { name: string; unicodeName: string; stream: string; unicodeStream: string; offset: number }
    | undefined;
  let position = 0;
  while (position + 6 <= dir.length) {
    const id = view.getUint16(position, true);
    let size = view.getUint32(position + 2, true);
    // PROJECTVERSION's Size field says 4 but the record carries 6 bytes (§2.3.4.2.1.11).
    if (id === 0x0009) size = 6;
    const start = position + 6;
    if (start + size > dir.length)
      throw new Error(`dir record 0x${id.toString(16)} runs past the stream`);
    const data = dir.subarray(start, start + size);
    position = start + size;
    switch (id) {
      case 0x0003: // PROJECTCODEPAGE
        if (size >= 2) info.codePage = view.getUint16(start, true);
        break;
      case 0x0019: // MODULENAME starts a module
        if (info.modules.length >= MAX_MODULES) return info;
        current = {
          name: decode(data, info.codePage),
          unicodeName: '',
          stream: '',
          unicodeStream: '',
          offset: 0,
        };
        break;
      case 0x0047: // MODULENAMEUNICODE
        if (current !== undefined) current.unicodeName = utf16(data);
        break;
      case 0x001a: // MODULESTREAMNAME
        if (current !== undefined) current.stream = decode(data, info.codePage);
        break;
      case 0x0032: // its unicode half
        if (current !== undefined) current.unicodeStream = utf16(data);
        break;
      case 0x0031: // MODULEOFFSET
        if (current !== undefined && size >= 4) current.offset = view.getUint32(start, true);
        break;
      case 0x002b: // module terminator
        if (current !== undefined) {
          info.modules.push({
            name: current.unicodeName || current.name,
            stream: current.unicodeStream || current.stream || current.name,
            offset: current.offset,
          });
        }
        current = undefined;
        break;
      case 0x0010: // dir terminator
        info.complete = true;
        return info;
      default:
        break;
    }
  }
  return info;
}

function utf16(bytes: Uint8Array): string {
  return Buffer.from(bytes.subarray(0, bytes.length & ~1)).toString('utf16le');
}

const CODE_PAGES: Readonly<Record<number, string>> = {
  874: 'windows-874',
  932: 'shift_jis',
  936: 'gbk',
  949: 'euc-kr',
  950: 'big5',
  1200: 'utf-16le',
  10000: 'macintosh',
  65001: 'utf-8',
};

const decoders = new Map<number, TextDecoder>();

/** Text in the project's code page (windows-125x for the usual ones), latin1 when unknown. */
export function decode(bytes: Uint8Array, codePage: number): string {
  let decoder = decoders.get(codePage);
  if (decoder === undefined) {
    const label =
      CODE_PAGES[codePage] ??
      (codePage >= 1250 && codePage <= 1258 ? `windows-${codePage}` : 'latin1');
    try {
      decoder = new TextDecoder(label);
    } catch {
      decoder = new TextDecoder('latin1');
    }
    decoders.set(codePage, decoder);
  }
  return decoder.decode(bytes);
}

/** Every VBA storage in `ole`: the parent of each `VBA/dir` stream, at any depth. */
export function vbaStorages(ole: OleFile): string[] {
  return ole.entries
    .filter((entry) => !entry.storage && /(?:^|\/)vba\/dir$/i.test(entry.path))
    .map((entry) => entry.path.slice(0, -'/dir'.length));
}

/** Reads the modules of the VBA project in `storage`, falling back to a stream scan. */
export function readProject(ole: OleFile, storage: string): VbaProject {
  const project: VbaProject = { storage, modules: [], problem: '' };
  let budget = MAX_PROJECT_SOURCE;
  let info: DirInfo | undefined;
  try {
    info = parseDir(decompressContainer(ole.stream(`${storage}/dir`) ?? new Uint8Array(0)));
  } catch (error) {
    project.problem = `dir stream unreadable (${error instanceof Error ? error.message : String(error)})`;
  }
  const failed: string[] = [];
  for (const module of info?.modules ?? []) {
    const stream = ole.stream(`${storage}/${module.stream}`);
    if (stream === undefined || budget <= 0) {
      failed.push(module.name);
      continue;
    }
    try {
      const source = decompressContainer(stream, module.offset, budget);
      budget -= source.length;
      project.modules.push({
        name: module.name,
        stream: module.stream,
        source: decode(source, info?.codePage ?? 1252),
      });
    } catch {
      failed.push(module.name);
    }
  }
  if (failed.length > 0 && project.problem === '') {
    project.problem = `source unreadable for module(s) ${failed.slice(0, MAX_REASON_ITEMS).join(', ')}`;
  }
  if (info !== undefined && !info.complete && project.problem === '') {
    project.problem = 'dir stream ends before its terminator';
  }
  if (info?.complete !== true || failed.length > 0) scanStreams(ole, project, budget);
  return project;
}

const NOT_MODULES = /^(?:dir|_VBA_PROJECT|__SRP_\d+|PROJECT\w*|_\w+_)$/i;
const ATTRIBUT = [0x00, 0x41, 0x74, 0x74, 0x72, 0x69, 0x62, 0x75, 0x74]; // "\0Attribut"

/**
 * Without a usable dir stream, find each module's source the way it always starts: a compressed
 * container whose first flag byte is 0 and whose first literals are "Attribute VB_Name".
 */
function scanStreams(ole: OleFile, project: VbaProject, budget: number): void {
  const known = new Set(project.modules.map((module) => module.stream.toLowerCase()));
  const prefix = `${project.storage.toLowerCase()}/`;
  for (const entry of ole.entries) {
    if (entry.storage || !entry.path.toLowerCase().startsWith(prefix)) continue;
    const name = entry.path.slice(prefix.length);
    if (name.includes('/') || NOT_MODULES.test(name) || known.has(name.toLowerCase())) continue;
    const at = indexOf(entry.content, ATTRIBUT);
    if (at < 3 || budget <= 0) continue;
    try {
      const source = decompressContainer(entry.content, at - 3, budget);
      budget -= source.length;
      project.modules.push({ name, stream: name, source: decode(source, 1252) });
    } catch {
      // Not a container after all: the module stays unread.
    }
  }
}

function indexOf(haystack: Uint8Array, needle: readonly number[]): number {
  const first = needle[0] ?? 0;
  for (
    let at = haystack.indexOf(first);
    at !== -1 && at + needle.length <= haystack.length;
    at = haystack.indexOf(first, at + 1)
  ) {
    if (needle.every((byte, index) => haystack[at + index] === byte)) return at;
  }
  return -1;
}

/** Reads every VBA project of `ole`. */
export function readVbaProjects(ole: OleFile): VbaProject[] {
  return vbaStorages(ole).map((storage) => readProject(ole, storage));
}

/** `vba-macro`, `vba-autoexec`, `vba-suspicious` and `malformed-vba` for the projects read. */
export function vbaFindings(projects: readonly VbaProject[]): Finding[] {
  if (projects.length === 0) return [];
  const findings: Finding[] = [];
  const modules = projects.flatMap((project) => project.modules);
  const names = modules.map((module) => module.name);
  findings.push({
    code: 'vba-macro',
    weight: 0.7,
    kind: 'weaponized',
    reason:
      names.length > 0
        ? `VBA macros in ${projects.map((project) => project.storage).join(', ')}: ${list(names)}`
        : `VBA project in ${projects.map((project) => project.storage).join(', ')} (no module source readable)`,
  });
  const autoexec: string[] = [];
  const suspicious = new Set<string>();
  for (const module of modules) {
    const scan = scanSource(module.source);
    for (const name of scan.autoexec) autoexec.push(`${name} (${module.name})`);
    for (const name of scan.suspicious) suspicious.add(name);
  }
  if (autoexec.length > 0) {
    findings.push({
      code: 'vba-autoexec',
      weight: 0.9,
      kind: 'weaponized',
      reason: `macros run by themselves: ${list(autoexec)}`,
    });
  }
  if (suspicious.size > 0) {
    findings.push({
      code: 'vba-suspicious',
      weight: 0.9,
      kind: 'weaponized',
      reason: `macro code uses ${list([...suspicious])}`,
    });
  }
  for (const project of projects) {
    if (project.problem !== '') {
      findings.push({
        code: 'malformed-vba',
        weight: 0.3,
        reason: `${project.storage}: ${project.problem}`,
      });
    }
  }
  return findings;
}

function list(items: readonly string[]): string {
  const shown = items.slice(0, MAX_REASON_ITEMS).join(', ');
  return items.length > MAX_REASON_ITEMS
    ? `${shown} and ${items.length - MAX_REASON_ITEMS} more`
    : shown;
}
