// What an attachment's name says: a program dressed as a document (`invoice.pdf.exe`, padding
// spaces, a right-to-left override turning `fdp.exe` into `exe.pdf`), or a name that promises a
// document while the bytes are a program.
import type { Finding } from '../finding.ts';
import type { TrueType } from './report.ts';
import { extensionOf } from './sniff.ts';

/** Extensions Windows runs, or mounts into something that runs, on a double-click. */
export const DANGEROUS_EXTENSIONS: ReadonlySet<string> = new Set([
  'exe',
  'scr',
  'com',
  'pif',
  'bat',
  'cmd',
  'vbs',
  'vbe',
  'js',
  'jse',
  'wsf',
  'wsh',
  'hta',
  'ps1',
  'lnk',
  'iso',
  'img',
  'vhd',
  'vhdx',
  'msi',
  'jar',
  'cpl',
  'reg',
  'dll',
  'chm',
  'one',
  'url',
]);

// Files that are not programs but change the reader's system or mailbox when opened, or hide
// the message from inspection. Each weighs as its reason says.
const SPECIAL_EXTENSIONS: Readonly<Record<string, Omit<Finding, 'reason'> & { what: string }>> = {
  mobileconfig: {
    code: 'configuration-profile',
    weight: 0.75,
    kind: 'weaponized',
    what: 'installs mail accounts, certificates or VPN settings on Apple devices',
  },
  rpmsg: {
    code: 'protected-message',
    weight: 0.35,
    kind: 'evasion',
    what: 'is a rights-protected message whose content no gateway can read',
  },
  ics: {
    code: 'calendar-invitation',
    weight: 0.2,
    what: "puts its links into the reader's calendar",
  },
};

// Binary formats whose name promises a structure: text or unrecognised bytes under such a name
// are a decoy (a page of links named `.pdf`) or a broken file sent to test the filter.
const STRUCTURED_EXTENSIONS = new Set([
  'pdf',
  'docx',
  'docm',
  'xlsx',
  'xlsm',
  'pptx',
  'zip',
  'rar',
  '7z',
  'jpg',
  'jpeg',
  'png',
  'gif',
]);

// Disk images do not run by themselves: they carry the program past Mark-of-the-Web.
const CONTAINER_EXTENSIONS = new Set(['iso', 'img', 'vhd', 'vhdx']);

// What a lure pretends to be in `name.<decoy>.<real>`.
const DECOY_EXTENSIONS = new Set([
  'pdf',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
  'rtf',
  'txt',
  'csv',
  'jpg',
  'jpeg',
  'png',
  'gif',
  'zip',
  'rar',
  'htm',
  'html',
  'mp3',
  'mp4',
  'wav',
]);

// Right-to-left overrides and friends reorder what the user sees; zero-width characters and the
// soft hyphen hide what the user would otherwise see.
const OVERRIDES = /[\u202D\u202E]/u;
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u00AD]/gu;

const EXECUTABLE_TYPES: ReadonlySet<TrueType> = new Set(['pe', 'elf', 'macho', 'lnk', 'script']);

// The types each document extension may legitimately hold. Absent extensions are not checked.
const EXPECTED: Readonly<Record<string, readonly TrueType[]>> = {
  pdf: ['pdf'],
  doc: ['ole', 'rtf', 'ooxml', 'html', 'text'],
  docx: ['ooxml', 'zip'],
  docm: ['ooxml', 'zip'],
  xls: ['ole', 'html', 'text', 'ooxml'],
  xlsx: ['ooxml', 'zip'],
  xlsm: ['ooxml', 'zip'],
  ppt: ['ole'],
  pptx: ['ooxml', 'zip'],
  rtf: ['rtf', 'text'],
  odt: ['odf', 'zip'],
  ods: ['odf', 'zip'],
  txt: ['text', 'html'],
  csv: ['text'],
  jpg: ['image'],
  jpeg: ['image'],
  png: ['image'],
  gif: ['image'],
  zip: ['zip', 'ooxml', 'odf'],
  rar: ['rar'],
  '7z': ['7z'],
  gz: ['gzip'],
  iso: ['iso', 'udf'],
  htm: ['html', 'text'],
  html: ['html', 'text'],
};

/** Findings about `name` alone, and about `name` against the true type when one is given. */
export function nameFindings(name: string, type?: TrueType): Finding[] {
  const findings: Finding[] = [];
  const shown = escapeName(name);
  if (OVERRIDES.test(name)) {
    findings.push({
      code: 'rtlo-in-name',
      weight: 0.9,
      kind: 'evasion',
      reason: `the name contains a right-to-left override that disguises its extension: ${shown}`,
    });
  } else if (hasInvisible(name)) {
    findings.push({
      code: 'invisible-char-in-name',
      weight: 0.6,
      kind: 'evasion',
      reason: `the name contains invisible or bidi control characters: ${shown}`,
    });
  }
  // Judge the name the way Explorer shows it, without the invisible characters.
  const visible = name.replace(INVISIBLE, '');
  const extension = extensionOf(visible);
  const double = doubleExtension(visible);
  if (double !== undefined) {
    findings.push({
      code: 'double-extension',
      weight: 0.9,
      kind: 'weaponized',
      reason: `.${double.decoy} is a decoy for .${double.real}${double.padded ? ' hidden behind padding' : ''}: ${shown}`,
    });
  } else if (DANGEROUS_EXTENSIONS.has(extension)) {
    const container = CONTAINER_EXTENSIONS.has(extension);
    findings.push({
      code: 'dangerous-extension',
      weight: container ? 0.6 : 0.8,
      kind: container ? 'evasion' : 'weaponized',
      reason: `.${extension} ${container ? 'mounts as a drive and strips Mark-of-the-Web' : 'runs code when opened'}: ${shown}`,
    });
  }
  const special = SPECIAL_EXTENSIONS[extension];
  if (special !== undefined) {
    const { what, ...finding } = special;
    findings.push({ ...finding, reason: `.${extension} ${what}: ${shown}` });
  }
  if (type !== undefined) findings.push(...mismatch(shown, extension, type));
  return findings;
}

/** The name with every non-printable or bidi character written as `\uXXXX`. */
export function escapeName(name: string): string {
  return name.replace(
    /[\p{Cc}\u00AD\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/gu,
    (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

function hasInvisible(name: string): boolean {
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(name);
}

interface DoubleExtension {
  decoy: string;
  real: string;
  padded: boolean;
}

function doubleExtension(name: string): DoubleExtension | undefined {
  const trimmed = name.replace(/[\s.]+$/u, '');
  const parts = trimmed.split('.');
  if (parts.length < 3) return undefined;
  const real = (parts[parts.length - 1] ?? '').toLowerCase();
  if (!DANGEROUS_EXTENSIONS.has(real)) return undefined;
  // `scan.doc      .scr` and `scan.doc....scr`: walk back over padding to the decoy.
  let index = parts.length - 2;
  let padded = false;
  while (index > 0 && (parts[index] ?? '').trim() === '') {
    padded = true;
    index--;
  }
  const raw = parts[index] ?? '';
  const decoy = raw.trim().toLowerCase();
  if (index < 1 || !DECOY_EXTENSIONS.has(decoy)) return undefined;
  if (/\s{2,}$/u.test(raw)) padded = true;
  return { decoy, real, padded };
}

function mismatch(shown: string, extension: string, type: TrueType): Finding[] {
  const expected = EXPECTED[extension];
  if (expected === undefined || expected.includes(type)) return [];
  if (EXECUTABLE_TYPES.has(type)) {
    return [
      {
        code: 'executable-disguised',
        weight: 0.95,
        kind: 'weaponized',
        reason: `named .${extension} but the content is ${type}: ${shown}`,
      },
    ];
  }
  if ((type === 'unknown' || type === 'text') && !STRUCTURED_EXTENSIONS.has(extension)) return [];
  return [
    {
      code: 'extension-mismatch',
      weight: 0.4,
      kind: 'evasion',
      reason: `named .${extension} but the content is ${type}: ${shown}`,
    },
  ];
}
