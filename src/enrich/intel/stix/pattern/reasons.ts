// Why a pattern cannot be matched on one event, worded once for the importer's problems and the
// evaluator's compile errors. Each reason starts with a stable phrase reports can group by.
import type { Qualifier } from './ast.ts';

export const SYNTAX_REASON = 'unsupported pattern syntax';

export function syntaxReason(error: string, column: number): string {
  return `${SYNTAX_REASON}: ${error} at column ${column}`;
}

export function joinReason(operator: 'AND' | 'FOLLOWEDBY'): string {
  return operator === 'FOLLOWEDBY'
    ? 'pattern joins observations with FOLLOWEDBY: needs a sequence of events, not supported'
    : 'pattern joins observations with AND: needs several events, each matching one, not supported';
}

export function qualifierReason(qualifier: Qualifier): string {
  switch (qualifier.kind) {
    case 'WITHIN':
      return `pattern qualifier WITHIN ${qualifier.seconds} SECONDS: needs the times of several events, not supported`;
    case 'REPEATS':
      return `pattern qualifier REPEATS ${qualifier.times} TIMES: needs ${qualifier.times} events, not supported`;
    case 'START':
      return `pattern qualifier START/STOP: needs event times, not supported (use the indicator's valid_from/valid_until)`;
  }
}
