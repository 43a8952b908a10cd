// Tests of one field value against one Sigma value, built once per rule. Strings are compared
// lowercased (Sigma is case-insensitive unless `cased`); the simple shapes (exact, prefix, suffix,
// contains) use string methods, which V8 runs far faster than an equivalent RegExp.
import { parseCidr, parseIpv4, parseIpv6, maskIpv4, maskIpv6 } from '../../../core/ip.ts';
import { ANY, hasWildcards, longestLiteral, type Piece, toRegexSource } from './sigma-string.ts';

export interface TextTest {
  test(raw: string, lower: string): boolean;
  /** A lowercased literal every matching value contains ('' when there is none to rely on). */
  readonly needle: string;
  /** The value as the rule wrote it, for matched-field reports and messages. */
  readonly label: string;
  /** Set when the test is plain equality: the lowercased value (route narrowing reads it). */
  readonly exact?: string;
}

export function stringTest(pieces: readonly Piece[], cased: boolean, label: string): TextTest {
  const needle = longestLiteral(pieces).toLowerCase();
  const fold = (text: string): string => (cased ? text : text.toLowerCase());
  if (!hasWildcards(pieces)) {
    const literal = fold(pieces.join(''));
    const exact = literal.toLowerCase();
    return cased
      ? { needle, label, exact, test: (raw) => raw === literal }
      : { needle, label, exact, test: (_raw, lower) => lower === literal };
  }
  const [first, second, third] = pieces;
  if (pieces.length === 1 && first === ANY) return { needle, label, test: () => true };
  if (pieces.length === 2 && first === ANY && typeof second === 'string') {
    const suffix = fold(second);
    return cased
      ? { needle, label, test: (raw) => raw.endsWith(suffix) }
      : { needle, label, test: (_raw, lower) => lower.endsWith(suffix) };
  }
  if (pieces.length === 2 && typeof first === 'string' && second === ANY) {
    const prefix = fold(first);
    return cased
      ? { needle, label, test: (raw) => raw.startsWith(prefix) }
      : { needle, label, test: (_raw, lower) => lower.startsWith(prefix) };
  }
  if (pieces.length === 3 && first === ANY && typeof second === 'string' && third === ANY) {
    const inner = fold(second);
    return cased
      ? { needle, label, test: (raw) => raw.includes(inner) }
      : { needle, label, test: (_raw, lower) => lower.includes(inner) };
  }
  // `s`: a `*` spans line breaks (command lines and script blocks contain them).
  const folded = pieces.map((piece) => (typeof piece === 'string' ? fold(piece) : piece));
  const regex = new RegExp(toRegexSource(folded), 's');
  return cased
    ? { needle, label, test: (raw) => regex.test(raw) }
    : { needle, label, test: (_raw, lower) => regex.test(lower) };
}

export function regexTest(regex: RegExp, label: string): TextTest {
  return { needle: '', label, test: (raw) => regex.test(raw) };
}

/** `cidr`: the value must be an address inside the network. Unparseable values never match. */
export function cidrTest(text: string, label: string): TextTest | undefined {
  const cidr = parseCidr(text);
  if (cidr === undefined) return undefined;
  if (cidr.version === 4) {
    const { network, prefix } = cidr;
    return {
      needle: '',
      label,
      test: (raw) => {
        const address = parseIpv4(raw);
        return address >= 0 && maskIpv4(address, prefix) === network;
      },
    };
  }
  const { network, prefix } = cidr;
  return {
    needle: '',
    label,
    test: (raw) => {
      if (!raw.includes(':')) return false;
      const address = parseIpv6(raw);
      return address !== undefined && maskIpv6(address, prefix) === network;
    },
  };
}

export type Comparison = 'gt' | 'gte' | 'lt' | 'lte' | 'eq';

export function compare(op: Comparison, left: number, right: number): boolean {
  switch (op) {
    case 'gt':
      return left > right;
    case 'gte':
      return left >= right;
    case 'lt':
      return left < right;
    case 'lte':
      return left <= right;
    case 'eq':
      return left === right;
  }
}

/** `gt`/`gte`/`lt`/`lte`: the field read as a number; text that is not a number never matches. */
export function numberTest(op: Comparison, bound: number, label: string): TextTest {
  return {
    needle: '',
    label,
    test: (raw) => {
      if (raw.trim() === '') return false;
      const value = Number(raw);
      return !Number.isNaN(value) && compare(op, value, bound);
    },
  };
}

export type TimePart = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** Time modifiers: the part of a date field (as written, UTC when zoned) compared to a number. */
export function timePartTest(
  part: TimePart,
  op: Comparison,
  bound: number,
  label: string,
): TextTest {
  return {
    needle: '',
    label,
    test: (raw) => {
      const time = Date.parse(raw);
      if (Number.isNaN(time)) return false;
      return compare(op, timePart(new Date(time), part), bound);
    },
  };
}

function timePart(date: Date, part: TimePart): number {
  switch (part) {
    case 'minute':
      return date.getUTCMinutes();
    case 'hour':
      return date.getUTCHours();
    case 'day':
      return date.getUTCDate();
    case 'month':
      return date.getUTCMonth() + 1;
    case 'year':
      return date.getUTCFullYear();
    case 'week': {
      // ISO 8601 week number: the week holding the year's first Thursday is week 1.
      const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
      const weekday = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
      day.setUTCDate(day.getUTCDate() + 4 - weekday);
      const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
      return Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
    }
  }
}
