// Obfuscation: text written to be read by people but not by filters. Invisible characters inside
// words (`Mi\u{E0139}crosoft`), the same random token stuffed into every other word, look-alike
// letters in capitals (`WlN`, `Iog in`). Legitimate mail has no reason to do any of this.
import type { Finding } from '../finding.ts';

// Zero-width and bidi controls, soft hyphen, word joiner, Hangul fillers, tag characters and the
// variation selectors supplement that phishers sprinkle inside brand names. Ranges of code points
// rather than a character class: several of these combine with the letter before them.
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x2064],
  [0x2066, 0x2069],
  [0x3164, 0x3164],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xe0000, 0xe007f],
  [0xe0100, 0xe01ef],
];

function isInvisible(codePoint: number): boolean {
  return INVISIBLE_RANGES.some(([low, high]) => codePoint >= low && codePoint <= high);
}

// A fast first look for the same characters; the combining ones stand outside the class.
const ANY_INVISIBLE =
  /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u3164\uFEFF\uFFA0]|\u034F|\u115F|\u1160|\u17B4|\u17B5|\uDB40[\uDC00-\uDDEF]/;

/** How many invisible characters `text` holds, and whether it has visible letters too. */
function invisibles(text: string): { hidden: number; letters: boolean } {
  if (!ANY_INVISIBLE.test(text)) return { hidden: 0, letters: true };
  let hidden = 0;
  let letters = false;
  for (const char of text) {
    if (isInvisible(char.codePointAt(0) ?? 0)) hidden++;
    else if (!letters && /\p{L}/u.test(char)) letters = true;
  }
  return { hidden, letters };
}

export function obfuscationFindings(displayName: string, subject: string, text: string): Finding[] {
  const findings: Finding[] = [];
  for (const [where, value] of [
    ['sender name', displayName],
    ['subject', subject],
  ] as const) {
    const { hidden, letters } = invisibles(value);
    if (hidden > 0 && letters) {
      findings.push({
        code: 'invisible-characters',
        weight: 0.7,
        kind: 'evasion',
        reason: `the ${where} hides ${hidden} invisible character(s) between its letters: "${shown(value)}"`,
      });
      break;
    }
  }
  const body = text.slice(0, 32 * 1024);
  const hiddenInBody = invisibles(body).hidden;
  if (hiddenInBody >= 20) {
    findings.push({
      code: 'invisible-characters-body',
      weight: 0.4,
      kind: 'evasion',
      reason: `the body hides ${hiddenInBody} invisible characters`,
    });
  }
  const stuffed = stuffedToken(body);
  if (stuffed !== undefined) {
    findings.push({
      code: 'token-stuffing',
      weight: 0.6,
      kind: 'evasion',
      reason: `the random token "${stuffed.token}" is stuffed into the text ${stuffed.count} times to break up its words`,
    });
  }
  // Runs of spaces or dots inside a subject or sender name push a per-recipient token out of
  // view (`Spel!      .YWEM`) while keeping every copy different for duplicate detection.
  for (const [where, value] of [
    ['subject', subject],
    ['sender name', displayName],
  ] as const) {
    const padded = /\S(?: {4,}|\.{8,})\s*\.?[A-Z0-9]{2,10}(?:\s+\.)?$/.exec(value.trim());
    if (padded !== null) {
      findings.push({
        code: 'padding',
        weight: 0.4,
        kind: 'evasion',
        reason: `the ${where} is padded with a run of ${padded[0].includes('....') ? 'dots' : 'spaces'}: "${value.trim().slice(0, 100)}"`,
      });
      break;
    }
  }
  // Capital I and small l swapped inside capitals (`WlN`, `User lD`, `Iog in`).
  const swapped = /\b[A-Z]+l[A-Z]+\b|\bl[A-Z]{1,3}\b|\bIog ?in\b/.exec(subject);
  if (swapped !== null) {
    findings.push({
      code: 'letter-substitution',
      weight: 0.45,
      kind: 'evasion',
      reason: `the subject swaps look-alike letters: "${swapped[0]}"`,
    });
  }
  return findings;
}

// A capital-and-digit token between two small letters: the inside of a word it was stuffed into.
const EMBEDDED_TOKEN = /[a-z]([A-Z0-9]{6,12})(?=[a-z])/g;

/** A token with digits found inside at least five words. */
function stuffedToken(text: string): { token: string; count: number } | undefined {
  const counts = new Map<string, number>();
  for (const match of text.matchAll(EMBEDDED_TOKEN)) {
    const token = match[1] ?? '';
    if (!/\d/.test(token)) continue;
    counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  let best: { token: string; count: number } | undefined;
  for (const [token, count] of counts) {
    if (count >= 5 && (best === undefined || count > best.count)) best = { token, count };
  }
  return best;
}

function shown(value: string): string {
  let out = '';
  for (const char of value) {
    const codePoint = char.codePointAt(0) ?? 0;
    out += isInvisible(codePoint) ? `\\u{${codePoint.toString(16).toUpperCase()}}` : char;
    if (out.length >= 160) break;
  }
  return out;
}
