// A recursive-descent parser for the STIX 2.1 patterning grammar. It returns a result instead of
// throwing: a bad pattern is one indicator's problem, not the import's.
import type {
  ComparisonExpression,
  ComparisonOperator,
  Literal,
  ObjectPath,
  ObservationExpression,
  Pattern,
  PathStep,
  Qualifier,
} from './ast.ts';
import { PatternSyntaxError, tokenize, type Token, type TokenKind } from './lexer.ts';

export type ParseResult =
  { ok: true; pattern: Pattern } | { ok: false; error: string; column: number };

export function parsePattern(text: string): ParseResult {
  try {
    const parser = new Parser(tokenize(text));
    return { ok: true, pattern: parser.pattern() };
  } catch (error) {
    if (error instanceof PatternSyntaxError)
      return { ok: false, error: error.message, column: error.column };
    throw error;
  }
}

/** `expected ']' at column 34`, the form problems and compile errors use. */
export function describeSyntaxError(result: { error: string; column: number }): string {
  return `${result.error} at column ${result.column}`;
}

const ORDER_OPERATORS = new Set(['<', '<=', '>', '>=']);
const STRING_OPERATORS = new Set(['LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);
const LITERAL_KINDS = new Set<TokenKind>([
  'string',
  'int',
  'float',
  'bool',
  'timestamp',
  'hex',
  'binary',
]);

class Parser {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  pattern(): Pattern {
    const expression = this.followedBy();
    if (this.peek().kind !== 'end') this.fail(`unexpected ${this.describe(this.peek())}`);
    return expression;
  }

  private followedBy(): ObservationExpression {
    return this.observationChain('FOLLOWEDBY', () => this.observationOr());
  }

  private observationOr(): ObservationExpression {
    return this.observationChain('OR', () => this.observationAnd());
  }

  private observationAnd(): ObservationExpression {
    return this.observationChain('AND', () => this.qualified());
  }

  private observationChain(
    operator: 'AND' | 'OR' | 'FOLLOWEDBY',
    operand: () => ObservationExpression,
  ): ObservationExpression {
    const operands = [operand()];
    while (this.acceptKeyword(operator)) operands.push(operand());
    if (operands.length === 1) return operands[0] as ObservationExpression;
    // `[a] OR ([b] OR [c])` is one OR of three: flattening keeps consumers simple.
    const flat = operands.flatMap((item) =>
      item.kind === 'observations' && item.operator === operator ? item.operands : [item],
    );
    return { kind: 'observations', operator, operands: flat };
  }

  private qualified(): ObservationExpression {
    let expression = this.observationPrimary();
    for (;;) {
      const qualifier = this.qualifier();
      if (qualifier === undefined) return expression;
      expression = { kind: 'qualified', qualifier, expression };
    }
  }

  private observationPrimary(): ObservationExpression {
    if (this.acceptPunctuation('[')) {
      const comparison = this.comparisonOr();
      this.expectPunctuation(']');
      return { kind: 'observation', comparison };
    }
    if (this.acceptPunctuation('(')) {
      const expression = this.followedBy();
      this.expectPunctuation(')');
      return expression;
    }
    return this.fail(`expected '[' or '(' but found ${this.describe(this.peek())}`);
  }

  private qualifier(): Qualifier | undefined {
    if (this.acceptKeyword('WITHIN')) {
      const token = this.peek();
      if ((token.kind !== 'int' && token.kind !== 'float') || Number(token.text) <= 0)
        this.fail(`WITHIN needs a positive number of seconds, found ${this.describe(token)}`);
      this.next();
      this.expectKeyword('SECONDS');
      return { kind: 'WITHIN', seconds: Number(token.text) };
    }
    if (this.acceptKeyword('REPEATS')) {
      const token = this.peek();
      if (token.kind !== 'int' || Number(token.text) <= 0)
        this.fail(`REPEATS needs a positive integer, found ${this.describe(token)}`);
      this.next();
      this.expectKeyword('TIMES');
      return { kind: 'REPEATS', times: Number(token.text) };
    }
    if (this.acceptKeyword('START')) {
      const start = this.expectKind('timestamp', "a t'…' timestamp after START");
      this.expectKeyword('STOP');
      const stop = this.expectKind('timestamp', "a t'…' timestamp after STOP");
      return { kind: 'START', start: start.text, stop: stop.text };
    }
    return undefined;
  }

  private comparisonOr(): ComparisonExpression {
    return this.comparisonChain('OR', () => this.comparisonAnd());
  }

  private comparisonAnd(): ComparisonExpression {
    return this.comparisonChain('AND', () => this.propertyTest());
  }

  private comparisonChain(
    operator: 'AND' | 'OR',
    operand: () => ComparisonExpression,
  ): ComparisonExpression {
    const operands = [operand()];
    while (this.acceptKeyword(operator)) operands.push(operand());
    if (operands.length === 1) return operands[0] as ComparisonExpression;
    const flat = operands.flatMap((item) => (item.kind === operator ? item.operands : [item]));
    return { kind: operator, operands: flat };
  }

  private propertyTest(): ComparisonExpression {
    if (this.acceptPunctuation('(')) {
      const inner = this.comparisonOr();
      this.expectPunctuation(')');
      return inner;
    }
    if (this.peekKeyword('NOT') && this.peekKeyword('EXISTS', 1)) {
      this.next();
      this.next();
      return { kind: 'exists', path: this.objectPath(), negated: true };
    }
    if (this.acceptKeyword('EXISTS'))
      return { kind: 'exists', path: this.objectPath(), negated: false };
    const path = this.objectPath();
    const negated = this.acceptKeyword('NOT');
    const operatorToken = this.peek();
    const operator = this.operator();
    if (operator === 'IN')
      return { kind: 'comparison', path, operator, negated, value: this.set() };
    const value = this.literal();
    if (STRING_OPERATORS.has(operator) && value.type !== 'string')
      this.fail(`${operator} needs a string literal, found ${value.type}`, operatorToken.column);
    if (ORDER_OPERATORS.has(operator) && value.type === 'bool')
      this.fail(`${operator} cannot order a boolean`, operatorToken.column);
    return { kind: 'comparison', path, operator, negated, value };
  }

  private operator(): ComparisonOperator {
    const token = this.peek();
    if (token.kind === 'operator') {
      this.next();
      return token.text as ComparisonOperator;
    }
    if (
      token.kind === 'keyword' &&
      ['IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'].includes(token.text)
    ) {
      this.next();
      return token.text as ComparisonOperator;
    }
    return this.fail(`expected a comparison operator but found ${this.describe(token)}`);
  }

  private set(): Literal[] {
    this.expectPunctuation('(');
    const values: Literal[] = [];
    if (this.acceptPunctuation(')')) return values;
    do values.push(this.literal());
    while (this.acceptPunctuation(','));
    this.expectPunctuation(')');
    return values;
  }

  private literal(): Literal {
    const token = this.peek();
    if (!LITERAL_KINDS.has(token.kind))
      return this.fail(`expected a literal but found ${this.describe(token)}`);
    this.next();
    switch (token.kind) {
      case 'int':
      case 'float':
        return { type: token.kind, value: Number(token.text) };
      case 'bool':
        return { type: 'bool', value: token.text === 'true' };
      case 'timestamp':
      case 'hex':
      case 'binary':
        return { type: token.kind, value: token.text };
      default:
        return { type: 'string', value: token.text };
    }
  }

  private objectPath(): ObjectPath {
    const typeToken = this.expectKind('identifier', 'an object type such as file or ipv4-addr');
    this.expectPunctuation(':');
    const steps: PathStep[] = [{ key: this.propertyName() }];
    for (;;) {
      if (this.acceptPunctuation('.')) steps.push({ key: this.propertyName() });
      else if (this.peekPunctuation('[') && this.isIndexStep()) steps.push(this.indexStep());
      else return { objectType: typeToken.text, steps };
    }
  }

  /** `[` after a path is a list step only when `*` or an integer and `]` follow. */
  private isIndexStep(): boolean {
    const inside = this.peek(1);
    const close = this.peek(2);
    return (
      (inside.text === '*' || inside.kind === 'int') &&
      close.kind === 'punctuation' &&
      close.text === ']'
    );
  }

  private indexStep(): PathStep {
    this.next();
    const token = this.next();
    this.next();
    return { index: token.text === '*' ? '*' : Number(token.text) };
  }

  private propertyName(): string {
    const token = this.peek();
    if (token.kind === 'string' || (token.kind === 'identifier' && !token.text.includes('-'))) {
      this.next();
      return token.text;
    }
    if (token.kind === 'identifier')
      this.fail(`property ${token.text} has a hyphen: quote it as '${token.text}'`);
    return this.fail(`expected a property name but found ${this.describe(token)}`);
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.position + ahead, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (this.position < this.tokens.length - 1) this.position++;
    return token;
  }

  private peekKeyword(word: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'keyword' && token.text === word;
  }

  private peekPunctuation(char: string): boolean {
    const token = this.peek();
    return token.kind === 'punctuation' && token.text === char;
  }

  private acceptKeyword(word: string): boolean {
    if (!this.peekKeyword(word)) return false;
    this.next();
    return true;
  }

  private acceptPunctuation(char: string): boolean {
    if (!this.peekPunctuation(char)) return false;
    this.next();
    return true;
  }

  private expectKeyword(word: string): void {
    if (!this.acceptKeyword(word))
      this.fail(`expected ${word} but found ${this.describe(this.peek())}`);
  }

  private expectPunctuation(char: string): void {
    if (!this.acceptPunctuation(char))
      this.fail(`expected '${char}' but found ${this.describe(this.peek())}`);
  }

  private expectKind(kind: TokenKind, what: string): Token {
    const token = this.peek();
    if (token.kind !== kind) this.fail(`expected ${what} but found ${this.describe(token)}`);
    return this.next();
  }

  private describe(token: Token): string {
    switch (token.kind) {
      case 'end':
        return 'the end of the pattern';
      case 'string':
        return `string '${token.text}'`;
      case 'keyword':
      case 'operator':
      case 'punctuation':
        return `'${token.text}'`;
      default:
        return `${token.kind} ${token.text}`;
    }
  }

  private fail(message: string, column = this.peek().column): never {
    throw new PatternSyntaxError(message, column);
  }
}
