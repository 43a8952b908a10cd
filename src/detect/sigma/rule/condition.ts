// Sigma condition expressions (sigma.md §1.3): a tokenizer and a recursive-descent parser that
// turns `1 of selection_* and not filter` into a ConditionNode tree. `x of` patterns are resolved
// against the rule's search identifiers here, so a rule that cannot match is reported while it is
// read. Problems carry the character offset of the offending token, for the caller's column.
import type { ConditionNode } from './model.ts';

export interface ConditionProblem {
  /** Offset of the offending token in the condition text. */
  offset: number;
  reason:
    'condition-syntax' | 'legacy-aggregation' | 'unknown-identifier' | 'pattern-matches-nothing';
  message: string;
}

export interface ParsedCondition {
  /** The tree; undefined when there is any problem. */
  node: ConditionNode | undefined;
  problems: ConditionProblem[];
}

/**
 * Parses one condition. `identifiers` are the detection's search identifiers; references to
 * others and patterns that match none of them are problems, reported with every syntax problem
 * found before the parse had to stop.
 */
export function parseCondition(text: string, identifiers: readonly string[]): ParsedCondition {
  const problems: ConditionProblem[] = [];
  const tokens = tokenize(text, problems);
  if (tokens !== undefined) {
    try {
      const node = new Parser(tokens, identifiers, problems).parse();
      if (problems.length === 0) return { node, problems };
    } catch (error) {
      if (!(error instanceof Stop)) throw error;
      problems.push(error.problem);
    }
  }
  return { node: undefined, problems: problems.sort((a, b) => a.offset - b.offset) };
}

/** The identifiers a glob pattern (`*` = any characters) matches, sorted. */
export function matchPattern(pattern: string, identifiers: readonly string[]): string[] {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const regex = new RegExp(`^${source}$`);
  return identifiers.filter((name) => regex.test(name)).sort();
}

/** `them`: every identifier except those starting with `_`, which the spec reserves for helpers. */
export function matchThem(identifiers: readonly string[]): string[] {
  return identifiers.filter((name) => !name.startsWith('_')).sort();
}

interface Token {
  kind: 'word' | '(' | ')' | 'end';
  text: string;
  offset: number;
}

const LEGACY =
  'Sigma v2 replaced aggregations (`| count() ...`) and `near` with correlation rules: ' +
  'write a separate correlation document';

/** Words and parentheses; undefined (with a problem) at the first character that is neither. */
function tokenize(text: string, problems: ConditionProblem[]): Token[] | undefined {
  const tokens: Token[] = [];
  const pattern = /\s+|[()]|[A-Za-z0-9_*-]+|./gy;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const [part] = match;
    const offset = match.index;
    if (/^\s/.test(part)) continue;
    if (part === '(' || part === ')') tokens.push({ kind: part, text: part, offset });
    else if (/^[A-Za-z0-9_*-]/.test(part)) tokens.push({ kind: 'word', text: part, offset });
    else {
      problems.push(
        part === '|'
          ? { offset, reason: 'legacy-aggregation', message: LEGACY }
          : { offset, reason: 'condition-syntax', message: `unexpected character '${part}'` },
      );
      return undefined;
    }
  }
  if (tokens.length === 0) {
    problems.push({ offset: 0, reason: 'condition-syntax', message: 'the condition is empty' });
    return undefined;
  }
  tokens.push({ kind: 'end', text: '', offset: text.length });
  return tokens;
}

/** Thrown to unwind the parser at a syntax problem: nothing after it can be read reliably. */
class Stop extends Error {
  constructor(readonly problem: ConditionProblem) {
    super(problem.message);
  }
}

const KEYWORDS = new Set(['and', 'or', 'not', 'of', 'them']);
const QUANTIFIERS = new Set(['1', 'any', 'all']);

class Parser {
  private index = 0;
  private readonly known: ReadonlySet<string>;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly identifiers: readonly string[],
    private readonly problems: ConditionProblem[],
  ) {
    this.known = new Set(identifiers);
  }

  parse(): ConditionNode {
    const node = this.or();
    const next = this.peek();
    // `a near b` (Sigma v1) reads as a complete expression followed by a stray word.
    if (isWord(next, 'near')) throw legacy(next);
    if (next.kind !== 'end') stop(next, `unexpected ${describe(next)} after a complete expression`);
    return node;
  }

  private or(): ConditionNode {
    return this.chain('or', () => this.and());
  }

  private and(): ConditionNode {
    return this.chain('and', () => this.not());
  }

  /** Left-associative `a op b op c`, kept flat as one node with three children. */
  private chain(type: 'and' | 'or', operand: () => ConditionNode): ConditionNode {
    const first = operand();
    const rest: ConditionNode[] = [];
    while (isWord(this.peek(), type)) {
      this.index++;
      rest.push(operand());
    }
    return rest.length === 0 ? first : { type, children: [first, ...rest] };
  }

  private not(): ConditionNode {
    if (!isWord(this.peek(), 'not')) return this.atom();
    this.index++;
    return { type: 'not', child: this.not() };
  }

  private atom(): ConditionNode {
    const token = this.next();
    if (token.kind === '(') {
      const node = this.or();
      const close = this.next();
      if (close.kind !== ')') stop(close, `expected ')' to close a '(', found ${describe(close)}`);
      return node;
    }
    if (token.kind !== 'word')
      stop(token, `expected a search identifier, 'x of' or '(', found ${describe(token)}`);
    if (isWord(this.peek(), 'of')) return this.selector(token);
    return this.reference(token);
  }

  private selector(quantifier: Token): ConditionNode {
    const word = quantifier.text.toLowerCase();
    if (!QUANTIFIERS.has(word))
      stop(quantifier, `'${quantifier.text} of' is not Sigma: write '1 of', 'any of' or 'all of'`);
    this.index++;
    const target = this.next();
    const lower = target.text.toLowerCase();
    if (target.kind !== 'word' || (KEYWORDS.has(lower) && lower !== 'them')) {
      stop(target, `expected a pattern or 'them' after 'of', found ${describe(target)}`);
    }
    const them = lower === 'them';
    const names = them ? matchThem(this.identifiers) : matchPattern(target.text, this.identifiers);
    if (names.length === 0) {
      const what = them ? "'them'" : `the pattern '${target.text}'`;
      this.problem(target, 'pattern-matches-nothing', `${what} matches no search identifier`);
    }
    const pattern = them ? 'them' : target.text;
    return { type: 'of', quantifier: word === 'all' ? 'all' : 'any', pattern, names };
  }

  private reference(token: Token): ConditionNode {
    const name = token.text;
    const lower = name.toLowerCase();
    if (!this.known.has(name)) {
      if (lower === 'near') throw legacy(token);
      if (KEYWORDS.has(lower))
        stop(token, `expected a search identifier, found the keyword '${name}'`);
      if (lower === 'any' || lower === 'all') stop(token, `expected 'of' after '${name}'`);
      if (name.includes('*'))
        stop(token, `'${name}': wildcards are only allowed after '1 of', 'any of' or 'all of'`);
      this.problem(
        token,
        'unknown-identifier',
        `'${name}' is not a search identifier of this detection`,
      );
    }
    return { type: 'ref', name };
  }

  private problem(token: Token, reason: ConditionProblem['reason'], message: string): void {
    this.problems.push({ offset: token.offset, reason, message });
  }

  private peek(): Token {
    return this.tokens[this.index] ?? this.end();
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private end(): Token {
    const last = this.tokens.at(-1);
    return { kind: 'end', text: '', offset: last?.offset ?? 0 };
  }
}

function isWord(token: Token, word: string): boolean {
  return token.kind === 'word' && token.text.toLowerCase() === word;
}

function describe(token: Token): string {
  return token.kind === 'end' ? 'the end of the condition' : `'${token.text}'`;
}

function legacy(token: Token): Stop {
  return new Stop({ offset: token.offset, reason: 'legacy-aggregation', message: LEGACY });
}

function stop(token: Token, message: string): never {
  throw new Stop({ offset: token.offset, reason: 'condition-syntax', message });
}
