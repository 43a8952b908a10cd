// One YAML document of a rule file read into a DetectionRule, CorrelationRule or FilterRule. The
// kind follows the top-level keys: `correlation:` makes a correlation, `filter:` a meta filter,
// anything else a detection rule.
import { isMap, isScalar } from 'yaml';
import { readCorrelation } from './correlation.ts';
import { readDetection } from './detection.ts';
import {
  readId,
  readLogsource,
  readMeta,
  readReferences,
  readTitle,
  stringList,
  type Fields,
  type RuleReference,
} from './metadata.ts';
import type { RuleIssue, SigmaDocument, SourceRef } from './model.ts';
import type { DocReader, Entry, YamlNode } from './reader.ts';

/** What the loader needs of a document, even one that has problems, to check the whole set. */
export interface ReadDocument {
  /** Set only when the document has no issues. */
  document: SigmaDocument | undefined;
  id: string;
  /** Where duplicate ids are reported: the `id` value, or the document's start. */
  idAt: SourceRef;
  name: { text: string; at: SourceRef } | undefined;
  /** The rules a correlation or a filter names. */
  references: RuleReference[];
  issues: RuleIssue[];
}

export function readDocument(r: DocReader, contents: YamlNode, index: number): ReadDocument {
  const at = r.at(contents);
  if (!isMap(contents)) {
    r.report(contents, 'bad-document', 'a rule document must be a map of keys');
    const id = readId(r, new Map(), index);
    return { document: undefined, id, idAt: at, name: undefined, references: [], issues: r.issues };
  }
  const fields: Fields = new Map(r.entries(contents).map((entry) => [entry.key, entry]));
  const id = readId(r, fields, index);
  const { document, references } = readKind(r, fields, id, at);
  const idEntry = fields.get('id');
  return {
    document: r.issues.length === 0 ? document : undefined,
    id,
    idAt: r.at(idEntry?.value ?? idEntry?.keyNode ?? at),
    name: declaredName(r, fields.get('name')?.value ?? null),
    references,
    issues: r.issues,
  };
}

/** The `name` other rules may refer to; a malformed one was already reported as `bad-name`. */
function declaredName(r: DocReader, node: YamlNode | null): ReadDocument['name'] {
  if (!isScalar(node) || typeof node.value !== 'string') return undefined;
  return { text: node.value, at: r.at(node) };
}

interface Kind {
  document: SigmaDocument | undefined;
  references: RuleReference[];
}

function readKind(r: DocReader, fields: Fields, id: string, at: SourceRef): Kind {
  const correlation = fields.get('correlation');
  if (correlation !== undefined) {
    const meta = readMeta(r, fields, id, at);
    const { body, references } = readCorrelation(r, correlation);
    const document = meta && body ? { kind: 'correlation' as const, ...meta, ...body } : undefined;
    return { document, references };
  }
  const filter = fields.get('filter');
  if (filter !== undefined) return readFilter(r, fields, filter, id, at);
  return { document: readRule(r, fields, id, at), references: [] };
}

function readRule(
  r: DocReader,
  fields: Fields,
  id: string,
  at: SourceRef,
): SigmaDocument | undefined {
  const meta = readMeta(r, fields, id, at);
  const logsource = readLogsource(r, fields, at);
  const section = fields.get('detection');
  if (section === undefined) r.report(at, 'missing-detection', 'the rule has no detection');
  const detection = section && readDetection(r, section);
  const shown = stringList(r, fields, 'fields') ?? [];
  if (!meta || !logsource || !detection) return undefined;
  return { kind: 'detection', ...meta, logsource, detection, fields: shown };
}

/**
 * A meta filter: `filter: {rules, <identifiers>, condition}`. `rules: any`, an empty list or no
 * `rules` at all mean every rule whose log source lies within the filter's (as pySigma reads it).
 */
function readFilter(r: DocReader, fields: Fields, filter: Entry, id: string, at: SourceRef): Kind {
  const title = readTitle(r, fields, at);
  const logsource = readLogsource(r, fields, at);
  const rulesEntry = isMap(filter.value)
    ? r.entries(filter.value).find((entry) => entry.key === 'rules')
    : undefined;
  const any = isScalar(rulesEntry?.value) && rulesEntry.value.value === 'any';
  const references = any ? [] : (readReferences(r, rulesEntry, 'bad-filter-rules') ?? []);
  const detection = readDetection(r, filter, new Set(['rules']));
  if (title === undefined || !logsource || !detection) return { document: undefined, references };
  const rules = references.map((reference) => reference.name);
  return { document: { kind: 'filter', id, title, logsource, rules, detection, at }, references };
}
