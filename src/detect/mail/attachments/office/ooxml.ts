// OOXML packages (.docx/.docm/.xlsx/.xlsm/.pptx/...): the macro project (vbaProject.bin, read as
// a compound file), Excel 4.0 macro sheets, embedded objects (returned as children), remote
// relationships that make Office fetch and run content (template injection, CVE-2021-40444,
// Follina) and DDE fields. Only the parts that can carry these are decompressed.
import type { Finding } from '../../finding.ts';
import type { InnerFile, InspectorResult } from '../report.ts';
import { readCfb } from './cfb.ts';
import { inspectCfb } from './ole.ts';
import { malformed, messageOf } from './result.ts';
import { ddeInExcelLink, ddeInWordPart } from './dde.ts';
import { relationshipFindings } from './relationships.ts';
import { openPackage, type PackageReader } from './zip-read.ts';

const LIMITS = { maxEntries: 2000, maxTotalBytes: 64 * 1024 * 1024 };
const MAX_XML = 16 * 1024 * 1024;
const MAX_BINARY = 32 * 1024 * 1024;
const MAX_CHILDREN = 64;

const MACRO_TYPES =
  /application\/vnd\.ms-(?:office\.vbaProject|word\.(?:document|template)\.macroEnabled[\w.+]*|excel\.(?:sheet|template|addin)\.macroEnabled[\w.+]*|excel\.(?:intl)?macrosheet\+xml|powerpoint\.(?:presentation|slideshow|template|addin)\.macroEnabled[\w.+]*)/gi;
const WORD_TEXT_PARTS =
  /^word\/(?:document|header\d*|footer\d*|footnotes|endnotes|comments|glossary\/document)\.xml$/i;

/** Inspects an OOXML package. An unreadable zip becomes `malformed-ooxml`. */
export async function inspectOoxml(bytes: Uint8Array): Promise<InspectorResult> {
  let reader: PackageReader;
  try {
    reader = await openPackage(bytes, LIMITS);
  } catch (error) {
    return {
      findings: [malformed('malformed-ooxml', `not a readable zip package: ${messageOf(error)}`)],
      children: [],
    };
  }
  try {
    return await inspectPackage(reader);
  } finally {
    reader.close();
  }
}

async function inspectPackage(reader: PackageReader): Promise<InspectorResult> {
  const findings: Finding[] = [];
  const children: InnerFile[] = [];
  const text = async (entry: string): Promise<string> => {
    const content = await reader.read(entry, MAX_XML);
    return content === undefined ? '' : Buffer.from(content).toString('utf8');
  };

  const contentTypes = reader.names.find((entry) => entry.toLowerCase() === '[content_types].xml');
  if (contentTypes !== undefined) {
    const declared = new Set(
      [...(await text(contentTypes)).matchAll(MACRO_TYPES)].map((m) => m[0]),
    );
    if (declared.size > 0) {
      findings.push({
        code: 'ooxml-macro-enabled',
        weight: 0.4,
        reason: `macro-enabled content types: ${[...declared].slice(0, 4).join(', ')}`,
      });
    }
  }

  for (const entry of reader.names) {
    const lower = entry.toLowerCase();
    if (lower.endsWith('.rels')) {
      findings.push(...relationshipFindings(await text(entry), entry));
    } else if (lower.endsWith('/vbaproject.bin') || lower === 'vbaproject.bin') {
      const content = await reader.read(entry, MAX_BINARY);
      if (content !== undefined) findings.push(...projectFindings(content, entry, children));
    } else if (/(?:^|\/)embeddings\/[^/]+$/.test(lower)) {
      const content =
        children.length < MAX_CHILDREN ? await reader.read(entry, MAX_BINARY) : undefined;
      if (content !== undefined)
        children.push({ name: entry.slice(entry.lastIndexOf('/') + 1), bytes: content });
    } else if (WORD_TEXT_PARTS.test(entry)) {
      const dde = ddeInWordPart(await text(entry));
      if (dde !== '') findings.push(ddeFinding(`${entry}: ${dde}`));
    } else if (/^xl\/externallinks\/[^/]+\.xml$/.test(lower)) {
      const dde = ddeInExcelLink(await text(entry));
      if (dde !== '') findings.push(ddeFinding(`${entry}: ${dde}`));
    }
  }

  const macroSheets = reader.names.filter((entry) => /^xl\/macrosheets\/[^/]+\.xml$/i.test(entry));
  if (macroSheets.length > 0) {
    findings.push({
      code: 'xlm-macro-sheet',
      weight: 0.85,
      kind: 'weaponized',
      reason: `Excel 4.0 macro sheet(s): ${macroSheets.slice(0, 8).join(', ')}`,
    });
  }
  findings.push(...limitFindings(reader));
  return { findings: dedupe(findings), children };
}

function projectFindings(content: Uint8Array, entry: string, children: InnerFile[]): Finding[] {
  try {
    const result = inspectCfb(readCfb(content));
    children.push(...result.children.slice(0, MAX_CHILDREN - children.length));
    return result.findings;
  } catch (error) {
    // A macro project Office cannot read still tells what the author meant.
    return [
      {
        code: 'vba-macro',
        weight: 0.7,
        kind: 'weaponized',
        reason: `VBA project ${entry} (unreadable)`,
      },
      malformed('malformed-vba', `${entry}: ${messageOf(error)}`),
    ];
  }
}

function ddeFinding(reason: string): Finding {
  return {
    code: 'dde-field',
    weight: 0.85,
    kind: 'weaponized',
    reason: `DDE runs a command when the document updates its fields: ${reason}`,
  };
}

function limitFindings(reader: PackageReader): Finding[] {
  const findings: Finding[] = [];
  if (reader.errors.length > 0) {
    findings.push(
      malformed('malformed-ooxml', `unreadable entries: ${reader.errors.slice(0, 4).join('; ')}`),
    );
  }
  if (reader.truncated || reader.limited.length > 0) {
    const parts = [
      ...(reader.truncated ? [`more than ${LIMITS.maxEntries} entries`] : []),
      ...(reader.limited.length > 0
        ? [`too large to read: ${reader.limited.slice(0, 4).join(', ')}`]
        : []),
    ];
    findings.push({
      code: 'ooxml-limit',
      weight: 0.3,
      kind: 'evasion',
      reason: `package not fully inspected (${parts.join('; ')})`,
    });
  }
  return findings;
}

/** One finding per code and reason: headers and footers repeat the same field. */
function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.code}\u0000${finding.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
