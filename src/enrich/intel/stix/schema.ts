// Validation of STIX 2.1 objects against the OASIS JSON schemas (oasis-open/cti-stix2-json-
// schemas, draft 2020-12). The schemas are data outside the repository: the caller points at a
// copy, every file is registered by its `$id` so the relative `$ref`s resolve offline, and one
// validator per object type is compiled up front, so a broken schema fails the load, never an
// import halfway.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { normalizeDomain } from '../../../core/index.ts';
import { isRecord } from './stix-object.ts';

export interface SchemaValidator {
  /** Why the object is not valid STIX 2.1 (`/pattern: must be string`); empty when it is. */
  validate(object: unknown): string[];
  /** The object types a schema exists for; others (custom `x-*` types) pass unchecked. */
  readonly types: readonly string[];
}

// The folders holding one schema per object type; `common/` holds the shared parts, plus the
// few object types the spec lists there.
const OBJECT_FOLDERS = new Set(['sdos', 'sros', 'observables']);
const COMMON_OBJECT_TYPES = new Set([
  'marking-definition',
  'language-content',
  'extension-definition',
]);
// Enough messages to fix an object; oneOf/anyOf failures otherwise list every branch.
const MAX_REASONS = 5;

export function loadStixSchemas(dir: string): SchemaValidator {
  // The schemas' regexes are ECMA-262 without the `u` flag (`\-` outside a class, in core.json).
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormatsModule.default(ajv);
  // ajv-formats lacks idn-hostname (domain-name `value`); the normalizer accepts what resolvers do.
  ajv.addFormat('idn-hostname', (text: string) => normalizeDomain(text) !== undefined);
  const idsByType = new Map<string, string>();
  for (const file of jsonFiles(dir)) {
    const schema: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!isRecord(schema) || typeof schema.$id !== 'string') continue;
    ajv.addSchema(schema);
    const type = basename(file, '.json');
    const folder = basename(dirname(file));
    if (OBJECT_FOLDERS.has(folder) || COMMON_OBJECT_TYPES.has(type))
      idsByType.set(type, schema.$id);
  }
  if (idsByType.size === 0) throw new Error(`no STIX object schemas under ${dir}`);
  const compiled = new Map<string, ValidateFunction>();
  for (const [type, id] of idsByType) {
    const validate = ajv.getSchema(id);
    if (validate !== undefined) compiled.set(type, validate);
  }
  return {
    types: [...compiled.keys()].sort(),
    validate(object) {
      if (!isRecord(object)) return ['(object): must be an object'];
      if (typeof object.type !== 'string') return ['/type: must be string'];
      const validate = compiled.get(object.type);
      if (validate === undefined || validate(object)) return [];
      return describeErrors(validate.errors ?? []);
    },
  };
}

function describeErrors(errors: readonly ErrorObject[]): string[] {
  const reasons = new Set<string>();
  for (const error of errors) {
    // The combinators only restate their branches' failures, which are listed too.
    if (['oneOf', 'anyOf', 'allOf', 'if', 'not'].includes(error.keyword) && errors.length > 1)
      continue;
    const where = error.instancePath === '' ? '(object)' : error.instancePath;
    const extra = isRecord(error.params) ? detail(error.keyword, error.params) : '';
    reasons.add(`${where}: ${error.message ?? error.keyword}${extra}`);
  }
  return [...reasons].slice(0, MAX_REASONS);
}

function detail(keyword: string, params: Record<string, unknown>): string {
  if (keyword === 'additionalProperties' && typeof params.additionalProperty === 'string')
    return ` (${params.additionalProperty})`;
  if (keyword === 'enum' && Array.isArray(params.allowedValues))
    return ` (${params.allowedValues.map(String).join(', ')})`;
  return '';
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return jsonFiles(path);
      return name.endsWith('.json') ? [path] : [];
    });
}
