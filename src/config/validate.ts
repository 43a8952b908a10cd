// Validates a YAML or JSON document against a schema and reports every problem at once, each
// with the file, line and column it points at (JSON is read as YAML 1.2, a superset of JSON,
// so both formats get the same locations).
import type { TSchema } from 'typebox';
import Value from 'typebox/value';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { Problem } from '../core/errors.ts';

export interface Validated<T> {
  value: T | undefined;
  problems: Problem[];
  document: Document;
}

/** Parse `text`, fill schema defaults, and check it. `value` is set only when there are no problems. */
export function validateDocument<T>(schema: TSchema, text: string, file: string): Validated<T> {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const problems: Problem[] = document.errors.map((error) => {
    const position = lineCounter.linePos(error.pos[0]);
    return { file, line: position.line, column: position.col, message: error.message };
  });
  if (problems.length > 0) return { value: undefined, problems, document };

  const raw: unknown = document.toJS() ?? {};
  const value: unknown = Value.Default(schema, Value.Clone(raw));
  for (const error of Value.Errors(schema, value)) {
    if (error.keyword === 'boolean') continue; // duplicate of the additionalProperties report
    const path = errorPath(error.instancePath, error.params);
    const offset = locate(
      document,
      pointerSegments(path),
      error.keyword === 'additionalProperties',
    );
    const position = offset !== undefined ? lineCounter.linePos(offset) : undefined;
    problems.push({
      file,
      line: position?.line,
      column: position?.col,
      path: path === '' ? '/' : path,
      message: describe(error.message, error.params),
    });
  }
  return { value: problems.length === 0 ? (value as T) : undefined, problems, document };
}

/** Offset of the value at `segments`, or of its key (an unknown field is best shown at its name). */
function locate(
  document: Document,
  segments: (string | number)[],
  atKey: boolean,
): number | undefined {
  const parent =
    segments.length <= 1 ? document.contents : document.getIn(segments.slice(0, -1), true);
  const last = segments.at(-1);
  if (atKey && isMap(parent)) {
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
    if (pair !== undefined && isNode(pair.key) && pair.key.range) return pair.key.range[0];
  }
  const node = document.getIn(segments, true);
  return isNode(node) && node.range ? node.range[0] : undefined;
}

function errorPath(instancePath: string, params: unknown): string {
  const extra = (params as { additionalProperties?: string[] }).additionalProperties;
  return extra !== undefined && extra.length > 0 ? `${instancePath}/${extra[0]}` : instancePath;
}

function describe(message: string, params: unknown): string {
  const extra = (params as { additionalProperties?: string[] }).additionalProperties;
  if (extra !== undefined && extra.length > 0) return `unknown field '${extra.join("', '")}'`;
  return message;
}

function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}
