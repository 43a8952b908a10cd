// The error catalog: every error Chancery reports to a user has a stable code from this list.
// Codes are documented in docs/errors.md and never reused for another meaning.

export const ERROR_CODES = {
  CHN_ERR_CONFIG_INVALID: 'The configuration file has problems',
  CHN_ERR_CONFIG_NOT_FOUND: 'The configuration file does not exist',
  CHN_ERR_SITES_INVALID: 'The site registry CSV has problems',
  CHN_ERR_ORG_INVALID: 'The organization profile has problems',
  CHN_ERR_INPUT_NOT_FOUND: 'An input path does not exist',
  CHN_ERR_FORMAT_UNKNOWN: 'No parser recognises the input format',
  CHN_ERR_QUERY_INVALID: 'A query filter is malformed',
  CHN_ERR_STORAGE: 'The store failed',
  CHN_ERR_MIGRATION: 'A store migration failed',
  CHN_ERR_AUTH_REQUIRED: 'The request carries no valid token',
  CHN_ERR_FORBIDDEN: "The token's role does not allow this",
  CHN_ERR_NOT_FOUND: 'No such resource',
  CHN_ERR_BODY_TOO_LARGE: 'The request body exceeds the size limit',
  CHN_ERR_BAD_REQUEST: 'The request is malformed',
  CHN_ERR_LISTENER: 'A network listener could not start',
  CHN_ERR_RULES_INVALID: 'Sigma rules have problems',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One located problem, e.g. in a config file: `file:line:column message`. */
export interface Problem {
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** Path inside a structured document, e.g. `/watch_countries/2`. */
  path?: string;
}

/** The one error root. `problems` carries every issue found, not just the first. */
export class ChanceryError extends Error {
  readonly code: ErrorCode;
  readonly problems: readonly Problem[];

  constructor(code: ErrorCode, message?: string, problems: readonly Problem[] = []) {
    super(message ?? ERROR_CODES[code]);
    this.name = 'ChanceryError';
    this.code = code;
    this.problems = problems;
  }
}

/** `file:line:col: path: message`, omitting what is unknown. */
export function formatProblem(problem: Problem): string {
  const where = [problem.file, problem.line, problem.column].filter((p) => p !== undefined);
  const prefix = where.length > 0 ? `${where.join(':')}: ` : '';
  const path = problem.path !== undefined && problem.path !== '' ? `${problem.path}: ` : '';
  return `${prefix}${path}${problem.message}`;
}

/** The error plus each problem on its own line, as the CLI prints it. */
export function describeError(error: ChanceryError): string {
  const lines = [`${error.code}: ${error.message}`];
  for (const problem of error.problems) lines.push(`  ${formatProblem(problem)}`);
  return lines.join('\n');
}
