// Scanner for the @ip-location-db ASN CSVs (`start,end,asn,org`, numeric inclusive bounds, org
// quoted when it holds a comma). It walks the file's bytes instead of decoding 21 MB to one
// string and hands each row's field offsets to the caller, which writes them straight into typed
// arrays: no object per row, and the organization names kept are fresh strings rather than
// slices that would pin the whole file text in memory.

/** Field offsets of the current row (reused from row to row); `asn` and `org` are decoded. */
export interface AsnCsvRow {
  startFrom: number;
  startTo: number;
  endFrom: number;
  endTo: number;
  asn: number;
  /** Index into the organization table. */
  org: number;
}

/** What a scan found besides the rows. */
export interface AsnCsvScan {
  /** Deduplicated organization names; rows refer to them by index. */
  organizations: string[];
  /** Lines that were not `start,end,asn,org`, or whose bounds the caller rejected. */
  skipped: number;
}

const COMMA = 44;
const QUOTE = 34;
const NEWLINE = 10;
const RETURN = 13;

/** Number of lines in `bytes` (an upper bound on its rows). */
export function countLines(bytes: Buffer): number {
  let lines = 0;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) lines++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== NEWLINE ? lines + 1 : lines;
}

/** Visit every row; `accept` returns false when it rejects the row's bounds. */
export function scanAsnCsv(bytes: Buffer, accept: (row: AsnCsvRow) => boolean): AsnCsvScan {
  const organizations: string[] = [];
  const orgIds = new Map<string, number>();
  const row: AsnCsvRow = { startFrom: 0, startTo: 0, endFrom: 0, endTo: 0, asn: 0, org: 0 };
  let skipped = 0;
  // Consecutive rows often share an organization: comparing bytes with the previous row's
  // avoids decoding and hashing its name again.
  let previousFrom = 0;
  let previousTo = -1;
  let previousOrg = -1;
  let position = 0;
  const length = bytes.length;
  while (position < length) {
    // Native indexOf finds the line end; the commas are looked for in JS over the short numeric
    // prefix only, since three more native calls per line cost more than the bytes they skip.
    const from = position;
    let to = bytes.indexOf(NEWLINE, from);
    if (to === -1) to = length;
    let comma1 = -1;
    let comma2 = -1;
    let comma3 = -1;
    for (let at = from; at < to; at++) {
      if (bytes[at] !== COMMA) continue;
      if (comma1 === -1) comma1 = at;
      else if (comma2 === -1) comma2 = at;
      else {
        comma3 = at;
        break;
      }
    }
    position = to + 1;
    if (to > from && bytes[to - 1] === RETURN) to--;
    if (to === from) continue;
    const asn = comma3 === -1 ? undefined : decimal(bytes, comma2 + 1, comma3);
    if (asn === undefined) {
      skipped++;
      continue;
    }
    let org: number;
    if (previousOrg !== -1 && sameBytes(bytes, previousFrom, previousTo, comma3 + 1, to)) {
      org = previousOrg;
    } else {
      const name = organization(bytes, comma3 + 1, to);
      const known = orgIds.get(name);
      org = known ?? organizations.length;
      if (known === undefined) {
        organizations.push(name);
        orgIds.set(name, org);
      }
    }
    previousFrom = comma3 + 1;
    previousTo = to;
    previousOrg = org;
    row.startFrom = from;
    row.startTo = comma1;
    row.endFrom = comma1 + 1;
    row.endTo = comma2;
    row.asn = asn;
    row.org = org;
    if (!accept(row)) skipped++;
  }
  return { organizations, skipped };
}

function sameBytes(bytes: Buffer, aFrom: number, aTo: number, bFrom: number, bTo: number): boolean {
  if (aTo - aFrom !== bTo - bFrom) return false;
  for (let offset = 0; offset < aTo - aFrom; offset++) {
    if (bytes[aFrom + offset] !== bytes[bFrom + offset]) return false;
  }
  return true;
}

function organization(bytes: Buffer, from: number, to: number): string {
  if (to - from >= 2 && bytes[from] === QUOTE && bytes[to - 1] === QUOTE) {
    return bytes.toString('utf8', from + 1, to - 1).replaceAll('""', '"');
  }
  return bytes.toString('utf8', from, to);
}

/** Decimal digits to a number up to 2^32 - 1, or undefined. */
export function decimal(bytes: Buffer, from: number, to: number): number | undefined {
  if (to <= from || to - from > 10) return undefined;
  let value = 0;
  for (let index = from; index < to; index++) {
    const digit = (bytes[index] ?? 0) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return value <= 0xffffffff ? value : undefined;
}

const MAX_V6 = (1n << 128n) - 1n;

/** Decimal digits to a 128-bit BigInt, or undefined. */
export function decimalBig(bytes: Buffer, from: number, to: number): bigint | undefined {
  if (to <= from || to - from > 39) return undefined;
  for (let index = from; index < to; index++) {
    const code = bytes[index] ?? 0;
    if (code < 48 || code > 57) return undefined;
  }
  const value = BigInt(bytes.toString('latin1', from, to));
  return value <= MAX_V6 ? value : undefined;
}
