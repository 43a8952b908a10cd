// Loading Sigma rules: walk the given files and directories, split each file into its YAML
// documents (correlations are usually written after their rules, separated by `---`), read every
// document, then check the set as a whole: duplicate ids and names, and references to rules that
// exist nowhere. Every problem is collected; a document with any problem is left out.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LineCounter, parseAllDocuments, type YAMLError } from 'yaml';
import { readDocument, type ReadDocument } from './document.ts';
import type { LoadResult, RuleIssue, SigmaDocument, SourceRef } from './model.ts';
import { DocReader, isAbsent } from './reader.ts';

/**
 * Loads every `.yml`/`.yaml` file below each path (a file is read whatever its name). Files are
 * read once each, in sorted order, so issues and documents come out in the same order every time.
 */
export function loadRules(paths: readonly string[]): LoadResult {
  const parts: Part[] = [];
  const files = ruleFiles(paths, parts);
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      parts.push({ issues: [{ at: { file, line: 1 }, reason: 'unreadable', message }] });
      continue;
    }
    parts.push(...readText(text, file));
  }
  return settle(parts, files.length, true);
}

/**
 * Loads the documents of one text, `file` naming it in issues and in generated ids. References
 * to other rules are not checked: they may live outside this text (the caller knows the set).
 */
export function loadRuleText(text: string, file: string): LoadResult {
  return settle(readText(text, file), 1, false);
}

/** The issues of one document (or of a file that could not be read), and what it declared. */
interface Part {
  issues: RuleIssue[];
  read?: ReadDocument;
}

function readText(text: string, file: string): Part[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, merge: true });
  const parts: Part[] = [];
  for (const [index, doc] of docs.entries()) {
    const at = (offset: number): SourceRef => {
      const { line, col } = lines.linePos(offset);
      return { file, line: Math.max(line, 1), column: col };
    };
    // A document that is not valid YAML is not read further: its tree may be partial, and
    // anything reported from it would be noise after the real problem.
    const yamlIssues = [...doc.errors, ...doc.warnings].map((error) => yamlIssue(error, at));
    if (yamlIssues.length > 0) {
      parts.push({ issues: yamlIssues });
      continue;
    }
    const reader = new DocReader(file, text, lines, doc);
    const contents = reader.deref(doc.contents);
    // An empty document: a trailing `---`, or a file of comments.
    if (contents === null || isAbsent(contents)) continue;
    const read = readDocument(reader, contents, index);
    parts.push({ issues: read.issues, read });
  }
  if (parts.length === 0) {
    const message = 'the file holds no YAML document';
    parts.push({ issues: [{ at: { file, line: 1 }, reason: 'empty-file', message }] });
  }
  return parts;
}

function yamlIssue(error: YAMLError, at: (offset: number) => SourceRef): RuleIssue {
  const reason =
    error.code === 'DUPLICATE_KEY'
      ? 'duplicate-key'
      : error.name === 'YAMLWarning'
        ? 'yaml-warning'
        : 'yaml-syntax';
  return { at: at(error.pos[0]), reason, message: error.message };
}

/** Checks across documents, then the result: documents without issues, issues in file order. */
function settle(parts: Part[], files: number, checkReferences: boolean): LoadResult {
  const reads = parts.flatMap((part) => (part.read === undefined ? [] : [part.read]));
  flagDuplicates(reads, (read) => ({ key: read.id, at: read.idAt }), 'duplicate-id', 'id');
  flagDuplicates(
    reads,
    (read) => read.name && { key: read.name.text, at: read.name.at },
    'duplicate-name',
    'name',
  );
  if (checkReferences) flagUnknownReferences(reads);
  const documents: SigmaDocument[] = [];
  for (const read of reads) {
    if (read.document !== undefined && read.issues.length === 0) documents.push(read.document);
  }
  const issues = parts.flatMap((part) => [...part.issues].sort(byPosition));
  return { documents, issues, files };
}

/** The later of two documents declaring the same id (or name) is the one reported. */
function flagDuplicates(
  reads: readonly ReadDocument[],
  keyOf: (read: ReadDocument) => { key: string; at: SourceRef } | undefined,
  reason: string,
  what: string,
): void {
  const first = new Map<string, SourceRef>();
  for (const read of reads) {
    const declared = keyOf(read);
    if (declared === undefined) continue;
    const earlier = first.get(declared.key);
    if (earlier === undefined) first.set(declared.key, declared.at);
    else {
      const message = `${what} '${declared.key}' is already used at ${earlier.file}:${String(earlier.line)}`;
      read.issues.push({ at: declared.at, message, reason, ruleId: read.id });
    }
  }
}

function flagUnknownReferences(reads: readonly ReadDocument[]): void {
  const known = new Set<string>();
  for (const read of reads) {
    known.add(read.id);
    if (read.name !== undefined) known.add(read.name.text);
  }
  for (const read of reads) {
    for (const reference of read.references) {
      if (known.has(reference.name)) continue;
      const message = `no loaded rule has the id or name '${reference.name}'`;
      read.issues.push({
        at: reference.at,
        message,
        reason: 'unknown-rule-reference',
        ruleId: read.id,
      });
    }
  }
}

function byPosition(a: RuleIssue, b: RuleIssue): number {
  return a.at.line - b.at.line || (a.at.column ?? 0) - (b.at.column ?? 0);
}

/** The files to read, in order, each once; paths that do not exist become issues. */
function ruleFiles(paths: readonly string[], parts: Part[]): string[] {
  const seen = new Set<string>();
  const files: string[] = [];
  for (const path of paths) {
    let found: string[];
    try {
      found = statSync(path).isDirectory() ? walk(path) : [path];
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      parts.push({ issues: [{ at: { file: path, line: 1 }, reason: 'path-not-found', message }] });
      continue;
    }
    for (const file of found) {
      const key = resolve(file);
      if (seen.has(key)) continue;
      seen.add(key);
      files.push(file);
    }
  }
  return files;
}

/** Rule files below `dir`, depth first, names sorted; hidden entries (`.git`) are skipped. */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return walk(path);
      return /\.ya?ml$/i.test(entry.name) && statSync(path).isFile() ? [path] : [];
    });
}
