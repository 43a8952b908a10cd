// Tokens of the STIX patterning language. Keywords are upper case and case-sensitive, as in the
// ANTLR grammar; object types may contain hyphens, so an identifier runs over `-` too (a minus
// sign only ever starts a number). Errors carry the 1-based column of the offending character.

export type TokenKind =
  | 'identifier'
  | 'keyword'
  | 'string'
  | 'int'
  | 'float'
  | 'bool'
  | 'timestamp'
  | 'hex'
  | 'binary'
  | 'operator'
  | 'punctuation'
  | 'end';

export interface Token {
  kind: TokenKind;
  /** The keyword, operator or punctuation itself; a literal's decoded text otherwise. */
  text: string;
  /** 1-based column of the token's first character. */
  column: number;
}

export class PatternSyntaxError extends Error {
  readonly column: number;

  constructor(message: string, column: number) {
    super(message);
    this.name = 'PatternSyntaxError';
    this.column = column;
  }
}

const KEYWORDS = new Set([
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUPERSET',
  'ISSUBSET',
  'EXISTS',
  'LAST',
  'IN',
  'START',
  'STOP',
  'SECONDS',
  'WITHIN',
  'REPEATS',
  'TIMES',
]);

// Longest first, so `<=` is not read as `<` then `=`.
const OPERATORS = ['==', '!=', '<>', '<=', '>=', '=', '<', '>'];
const CANONICAL_OPERATOR: Readonly<Record<string, string>> = { '==': '=', '<>': '!=' };
const PUNCTUATION = new Set(['[', ']', '(', ')', ',', ':', '.', '*']);

const TIMESTAMP_RE =
  /^\d{4}-(0[1-9]|1[012])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?Z$/;
const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;
const BASE64_RE =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;
const NUMBER_RE = /^[+-]?(?:\d*\.\d+|\d+)/;
const IDENTIFIER_RE = /^[A-Za-z_][A-Za-z0-9_-]*/;
// The grammar's WS set: ASCII and Unicode spaces.
const SPACE_RE = /^[\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  while (offset < text.length) {
    const rest = text.slice(offset);
    const column = offset + 1;
    const space = SPACE_RE.exec(rest);
    if (space !== null) {
      offset += space[0].length;
      continue;
    }
    if (rest.startsWith('/*')) {
      const end = text.indexOf('*/', offset + 2);
      if (end < 0) throw new PatternSyntaxError('unterminated comment', column);
      offset = end + 2;
      continue;
    }
    if (rest.startsWith('//')) {
      const end = text.indexOf('\n', offset);
      offset = end < 0 ? text.length : end + 1;
      continue;
    }
    const char = rest[0] ?? '';
    if (char === "'") {
      const { value, length } = readQuoted(text, offset);
      tokens.push({ kind: 'string', text: value, column });
      offset += length;
      continue;
    }
    const prefixed = /^[thb]'/.exec(rest);
    if (prefixed !== null) {
      const { value, length } = readQuoted(text, offset + 1);
      tokens.push(typedLiteral(char, value, column));
      offset += 1 + length;
      continue;
    }
    const number = NUMBER_RE.exec(rest);
    if (number !== null) {
      const literal = number[0];
      tokens.push({ kind: literal.includes('.') ? 'float' : 'int', text: literal, column });
      offset += literal.length;
      continue;
    }
    const identifier = IDENTIFIER_RE.exec(rest);
    if (identifier !== null) {
      const word = identifier[0];
      if (word === 'true' || word === 'false') tokens.push({ kind: 'bool', text: word, column });
      else if (KEYWORDS.has(word)) tokens.push({ kind: 'keyword', text: word, column });
      else tokens.push({ kind: 'identifier', text: word, column });
      offset += word.length;
      continue;
    }
    const operator = OPERATORS.find((candidate) => rest.startsWith(candidate));
    if (operator !== undefined) {
      tokens.push({ kind: 'operator', text: CANONICAL_OPERATOR[operator] ?? operator, column });
      offset += operator.length;
      continue;
    }
    if (PUNCTUATION.has(char)) {
      tokens.push({ kind: 'punctuation', text: char, column });
      offset += 1;
      continue;
    }
    throw new PatternSyntaxError(`unexpected character ${JSON.stringify(char)}`, column);
  }
  tokens.push({ kind: 'end', text: '', column: text.length + 1 });
  return tokens;
}

/** The text between quotes starting at `offset`, with `\'` and `\\` decoded (no other escape). */
function readQuoted(text: string, offset: number): { value: string; length: number } {
  let value = '';
  for (let index = offset + 1; index < text.length; index++) {
    const char = text.charAt(index);
    if (char === "'") return { value, length: index - offset + 1 };
    if (char === '\\') {
      const next = text.charAt(index + 1);
      if (next === "'" || next === '\\') {
        value += next;
        index++;
        continue;
      }
      throw new PatternSyntaxError(
        `invalid escape \\${next} in string (only \\' and \\\\ are allowed)`,
        index + 1,
      );
    }
    value += char;
  }
  throw new PatternSyntaxError('unterminated string', offset + 1);
}

function typedLiteral(prefix: string, value: string, column: number): Token {
  switch (prefix) {
    case 't':
      if (!TIMESTAMP_RE.test(value))
        throw new PatternSyntaxError(`not an RFC 3339 UTC timestamp: ${value}`, column);
      return { kind: 'timestamp', text: value, column };
    case 'h':
      if (!HEX_RE.test(value)) throw new PatternSyntaxError(`not hex octets: ${value}`, column);
      return { kind: 'hex', text: value.toLowerCase(), column };
    default:
      if (!BASE64_RE.test(value)) throw new PatternSyntaxError(`not base64: ${value}`, column);
      return { kind: 'binary', text: value, column };
  }
}
