// Canonical pattern text: one spelling per meaning (single spaces, `=` for `==`, keys quoted
// only when they must be), so the same pattern from two producers deduplicates as one `pattern`
// indicator (OpenCTI#1551: patterns differing in whitespace were kept twice).
import type {
  ComparisonExpression,
  Literal,
  ObjectPath,
  ObservationExpression,
  Qualifier,
} from './ast.ts';

const OBSERVATION_PRECEDENCE = { FOLLOWEDBY: 0, OR: 1, AND: 2 } as const;

export function printPattern(expression: ObservationExpression): string {
  return printObservation(expression, 0);
}

export function printComparison(expression: ComparisonExpression, parentIsAnd = false): string {
  switch (expression.kind) {
    case 'AND':
      return expression.operands.map((operand) => printComparison(operand, true)).join(' AND ');
    case 'OR': {
      const text = expression.operands.map((operand) => printComparison(operand)).join(' OR ');
      return parentIsAnd ? `(${text})` : text;
    }
    case 'exists':
      return `${expression.negated ? 'NOT ' : ''}EXISTS ${printPath(expression.path)}`;
    case 'comparison': {
      const not = expression.negated ? 'NOT ' : '';
      const value = Array.isArray(expression.value)
        ? `(${expression.value.map(printLiteral).join(', ')})`
        : printLiteral(expression.value);
      return `${printPath(expression.path)} ${not}${expression.operator} ${value}`;
    }
  }
}

export function printPath(path: ObjectPath): string {
  let text = `${path.objectType}:`;
  for (const [index, step] of path.steps.entries()) {
    if ('index' in step) text += `[${step.index}]`;
    else {
      const key = /^[A-Za-z_][A-Za-z0-9_]*$/.test(step.key) ? step.key : quote(step.key);
      text += index === 0 ? key : `.${key}`;
    }
  }
  return text;
}

export function printLiteral(literal: Literal): string {
  switch (literal.type) {
    case 'string':
      return quote(literal.value);
    case 'timestamp':
      return `t'${literal.value}'`;
    case 'hex':
      return `h'${literal.value}'`;
    case 'binary':
      return `b'${literal.value}'`;
    default:
      return String(literal.value);
  }
}

function printObservation(expression: ObservationExpression, parentPrecedence: number): string {
  switch (expression.kind) {
    case 'observation':
      return `[${printComparison(expression.comparison)}]`;
    case 'qualified':
      return `${printObservation(expression.expression, 3)} ${printQualifier(expression.qualifier)}`;
    case 'observations': {
      const precedence = OBSERVATION_PRECEDENCE[expression.operator];
      const text = expression.operands
        .map((operand) => printObservation(operand, precedence + 1))
        .join(` ${expression.operator} `);
      return precedence < parentPrecedence ? `(${text})` : text;
    }
  }
}

function printQualifier(qualifier: Qualifier): string {
  switch (qualifier.kind) {
    case 'WITHIN':
      return `WITHIN ${qualifier.seconds} SECONDS`;
    case 'REPEATS':
      return `REPEATS ${qualifier.times} TIMES`;
    case 'START':
      return `START t'${qualifier.start}' STOP t'${qualifier.stop}'`;
  }
}

function quote(text: string): string {
  return `'${text.replace(/[\\']/g, (char) => `\\${char}`)}'`;
}
