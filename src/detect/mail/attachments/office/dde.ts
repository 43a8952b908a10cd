// DDE in OOXML: a Word field whose code is DDE or DDEAUTO (possibly split over several runs, or
// spelled as QUOTE character codes) or an Excel DDE link starts a program named in the document.

const INSTR_TEXT = /<w:instrText\b[^>]*>([^<]*)<\/w:instrText>/g;
const FLD_SIMPLE = /<w:fldSimple\b[^>]*?\bw:instr="([^"]*)"/g;
const DDE = /\bDDE(?:AUTO)?\b[^\n]{0,160}/i;
const QUOTE_CODES = /\bQUOTE((?:\s+\d{1,3}){4,})/gi;
const MAX_FIELD_TEXT = 1024 * 1024;

/** The DDE field code in a WordprocessingML part (trimmed for a reason), '' when none. */
export function ddeInWordPart(xml: string): string {
  // Field codes are split across runs at arbitrary points; join them back before matching.
  let codes = '';
  for (const match of xml.matchAll(INSTR_TEXT)) {
    codes += match[1] ?? '';
    if (codes.length > MAX_FIELD_TEXT) break;
  }
  for (const match of xml.matchAll(FLD_SIMPLE)) codes += ` ${match[1] ?? ''}`;
  codes = unescapeXml(codes);
  for (const match of codes.matchAll(QUOTE_CODES)) {
    const decoded = (match[1] ?? '')
      .trim()
      .split(/\s+/)
      .map((code) => String.fromCharCode(Number(code)));
    codes += ` ${decoded.join('')}`;
  }
  return DDE.exec(codes)?.[0].trim().replace(/\s+/g, ' ') ?? '';
}

/** `service|topic` of an Excel DDE link part, '' when the part has none. */
export function ddeInExcelLink(xml: string): string {
  const link = /<(?:\w+:)?ddeLink\b[^>]*>/.exec(xml)?.[0];
  if (link === undefined) return '';
  const service = /\bddeService="([^"]*)"/.exec(link)?.[1] ?? '';
  const topic = /\bddeTopic="([^"]*)"/.exec(link)?.[1] ?? '';
  return unescapeXml(`ddeLink ${service}|${topic}`).slice(0, 200);
}

/** The five XML entities and numeric references. */
export function unescapeXml(text: string): string {
  return text.replace(
    /&(?:#x([0-9a-f]{1,6})|#(\d{1,7})|(amp|lt|gt|quot|apos));/gi,
    (_all, hex?: string, dec?: string, name?: string) => {
      if (hex !== undefined) return String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff));
      if (dec !== undefined) return String.fromCodePoint(Math.min(parseInt(dec, 10), 0x10ffff));
      return (
        { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[(name ?? 'amp').toLowerCase()] ?? ''
      );
    },
  );
}
