// The attachment inspection driver: for one attachment and, recursively, every file found inside
// it — hashes, true type, name findings, the inspector for that type, YARA — into one report
// tree. Hostile input never makes it throw: what cannot be read becomes a finding, and every
// limit (depth, decompressed bytes, number of files) ends in a finding rather than an error.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { Finding } from '../finding.ts';
import { inspectHtml } from './html-smuggling.ts';
import { diskImageFinding, inspectIso } from './iso.ts';
import { inspectLnk } from './lnk.ts';
import { inspectOle, inspectOoxml, inspectRtf } from './office/index.ts';
import { nameFindings } from './names.ts';
import { passwordsInBody } from './password.ts';
import {
  DEFAULT_LIMITS,
  type AttachmentReport,
  type InnerFile,
  type InspectLimits,
  type InspectorResult,
  type TrueType,
} from './report.ts';
import { trueType } from './sniff.ts';
import type { YaraScanner } from './yara.ts';
import { inspectZip } from './zip.ts';

export interface AttachmentInput {
  name: string;
  /** Declared MIME type ('' when none). */
  mime: string;
  bytes: Uint8Array;
}

/** The Office inspectors (OLE/VBA, OOXML, RTF), each `(bytes, name) => InspectorResult`. */
export interface OfficeInspectors {
  inspectOle(bytes: Uint8Array, name: string): Promise<InspectorResult>;
  inspectOoxml(bytes: Uint8Array, name: string): Promise<InspectorResult>;
  inspectRtf(bytes: Uint8Array, name: string): Promise<InspectorResult>;
}

/** Decompressed bytes still allowed; share one between a message's attachments. */
export interface ByteBudget {
  remaining: number;
}

export interface InspectContext {
  /** The message body as text: archive passwords are looked for there. */
  bodyText: string;
  yara?: YaraScanner;
  limits?: InspectLimits;
  /** Pass one budget to every attachment of a message to bound the message as a whole. */
  budget?: ByteBudget;
  /** Office inspectors; by default those of `./office/` (tests pass their own). */
  office?: OfficeInspectors;
  /** Passwords to try on encrypted archives; by default passwordsInBody(bodyText). */
  passwords?: readonly string[];
}

/** A fresh budget of `limits.maxTotalBytes` for one message. */
export function messageBudget(limits: InspectLimits = DEFAULT_LIMITS): ByteBudget {
  return { remaining: limits.maxTotalBytes };
}

const OFFICE: OfficeInspectors = { inspectOle, inspectOoxml, inspectRtf };
const EXECUTABLE_TYPES: ReadonlySet<TrueType> = new Set(['pe', 'elf', 'macho', 'lnk', 'script']);
// Reports per attachment: a zip of tiny zips of tiny zips stays within the byte budget while
// producing millions of files.
const MAX_REPORTS = 10_000;

interface State {
  limits: InspectLimits;
  budget: ByteBudget;
  passwords: readonly string[];
  yara: YaraScanner | undefined;
  office: OfficeInspectors;
  reports: number;
}

/** The report tree of one attachment. Never throws on its content. */
export async function inspectAttachment(
  input: AttachmentInput,
  context: InspectContext,
): Promise<AttachmentReport> {
  const limits = context.limits ?? DEFAULT_LIMITS;
  const state: State = {
    limits,
    budget: context.budget ?? messageBudget(limits),
    passwords: context.passwords ?? passwordsInBody(context.bodyText),
    yara: context.yara,
    office: context.office ?? OFFICE,
    reports: 0,
  };
  return inspectFile(input, input.name, input.mime, 0, undefined, state);
}

async function inspectFile(
  file: InnerFile,
  path: string,
  mime: string,
  depth: number,
  parent: { path: string; type: TrueType } | undefined,
  state: State,
): Promise<AttachmentReport> {
  state.reports++;
  const { name, bytes } = file;
  const type = trueType(bytes, name);
  const findings: Finding[] = nameFindings(name, type);
  const executable = executableFinding(type, parent);
  if (executable !== undefined) findings.push(executable);
  const inner = await inspectByType(bytes, name, type, state);
  findings.push(...inner.findings);
  findings.push(...yaraFindings(bytes, state.yara));
  const report: AttachmentReport = {
    name,
    path,
    size: bytes.length,
    ...hashes(bytes),
    mime,
    type,
    findings,
    children: [],
  };
  const skipped: string[] = [];
  for (const child of inner.children.slice(0, state.limits.maxEntries)) {
    if (depth + 1 > state.limits.maxDepth) {
      findings.push({
        code: 'max-depth',
        weight: 0.4,
        kind: 'evasion',
        reason: `files nested deeper than ${state.limits.maxDepth} levels were not inspected`,
      });
      break;
    }
    if (state.reports >= MAX_REPORTS) {
      findings.push({
        code: 'inspection-limit',
        weight: 0.4,
        kind: 'evasion',
        reason: `more than ${MAX_REPORTS} files inside one attachment; the rest were not inspected`,
      });
      break;
    }
    if (child.bytes.length > state.budget.remaining) {
      skipped.push(child.name);
      continue;
    }
    state.budget.remaining -= child.bytes.length;
    const childPath = `${path}/${child.name}`;
    report.children.push(await inspectFile(child, childPath, '', depth + 1, { path, type }, state));
  }
  if (skipped.length > 0) {
    findings.push({
      code: 'archive-byte-limit',
      weight: 0.3,
      kind: 'evasion',
      reason: `${skipped.length} inner files exceed the decompressed byte budget`,
    });
  }
  return report;
}

function executableFinding(
  type: TrueType,
  parent: { path: string; type: TrueType } | undefined,
): Finding | undefined {
  if (!EXECUTABLE_TYPES.has(type)) return undefined;
  if (parent !== undefined) {
    return {
      code: 'executable-in-archive',
      weight: 0.95,
      kind: 'weaponized',
      reason: `${type} program inside ${parent.type} ${parent.path}`,
    };
  }
  return {
    code: 'executable',
    weight: type === 'script' ? 0.85 : 0.9,
    kind: 'weaponized',
    reason: type === 'script' ? 'a script Windows runs on a double-click' : `a ${type} program`,
  };
}

const NOTHING: InspectorResult = { findings: [], children: [] };

async function inspectByType(
  bytes: Uint8Array,
  name: string,
  type: TrueType,
  state: State,
): Promise<InspectorResult> {
  try {
    return await dispatch(bytes, name, type, state);
  } catch (error) {
    return {
      findings: [
        {
          code: `malformed-${type}`,
          weight: 0.3,
          kind: 'evasion',
          reason: `the ${type} structure could not be read: ${messageOf(error)}`,
        },
      ],
      children: [],
    };
  }
}

async function dispatch(
  bytes: Uint8Array,
  name: string,
  type: TrueType,
  state: State,
): Promise<InspectorResult> {
  const maxBytes = state.budget.remaining;
  const maxEntries = state.limits.maxEntries;
  switch (type) {
    case 'zip':
      return inspectZip(bytes, { passwords: state.passwords, maxEntries, maxBytes });
    case 'iso':
      return inspectIso(bytes, { maxEntries, maxBytes });
    case 'udf':
      return { findings: [diskImageFinding('UDF')], children: [] };
    case 'lnk':
      return inspectLnk(bytes);
    case 'html':
      return inspectHtml(bytes, { maxBytes });
    case 'gzip':
      return gunzip(bytes, name, maxBytes);
    case 'rar':
    case '7z':
    case 'cab':
      return unsupportedArchive(type);
    case 'ole':
    case 'ooxml':
    case 'rtf':
      return inspectOffice(bytes, name, type, state.office);
    default:
      return NOTHING;
  }
}

function gunzip(bytes: Uint8Array, name: string, maxBytes: number): InspectorResult {
  let data: Buffer;
  try {
    data = gunzipSync(bytes, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (error) {
    if (error instanceof RangeError) {
      return {
        findings: [
          {
            code: 'archive-byte-limit',
            weight: 0.3,
            kind: 'evasion',
            reason: 'the gzip stream expands beyond the decompressed byte budget',
          },
        ],
        children: [],
      };
    }
    throw error;
  }
  const inner = name.replace(/\.t?gz$/i, (ext) => (ext.toLowerCase() === '.tgz' ? '.tar' : ''));
  return {
    findings: [],
    children: [
      { name: inner === name || inner === '' ? 'gunzipped' : inner, bytes: new Uint8Array(data) },
    ],
  };
}

function unsupportedArchive(type: TrueType): InspectorResult {
  return {
    findings: [
      {
        code: 'uninspectable-archive',
        weight: 0.4,
        kind: 'evasion',
        reason: `${type} archives are not unpacked here; their content was not inspected`,
      },
    ],
    children: [],
  };
}

async function inspectOffice(
  bytes: Uint8Array,
  name: string,
  type: 'ole' | 'ooxml' | 'rtf',
  office: OfficeInspectors,
): Promise<InspectorResult> {
  if (type === 'ole') return office.inspectOle(bytes, name);
  if (type === 'ooxml') return office.inspectOoxml(bytes, name);
  return office.inspectRtf(bytes, name);
}

function yaraFindings(bytes: Uint8Array, yara: YaraScanner | undefined): Finding[] {
  if (yara === undefined) return [];
  try {
    return yara.scan(bytes);
  } catch (error) {
    return [{ code: 'yara-error', weight: 0, reason: `YARA scan failed: ${messageOf(error)}` }];
  }
}

function hashes(bytes: Uint8Array): { md5: string; sha1: string; sha256: string } {
  return {
    md5: createHash('md5').update(bytes).digest('hex'),
    sha1: createHash('sha1').update(bytes).digest('hex'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}
