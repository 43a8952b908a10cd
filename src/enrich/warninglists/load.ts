// Loading MISP warninglists from a directory tree (the misp-warninglists checkout layout,
// `lists/<id>/list.json`, or any tree of `list.json` files). One bad file never stops the
// load: it is reported with its path and reason and the other lists are kept.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { classifyList, type ClassifyOptions } from './classify.ts';
import { compileWarninglist, type CompiledList, type CompileOptions } from './compile.ts';
import { validateWarninglist } from './definition.ts';

/** A problem with one file: `error` means the list was skipped, `warning` that entries were. */
export interface LoadProblem {
  path: string;
  severity: 'error' | 'warning';
  reason: string;
}

export interface LoadOptions extends CompileOptions {
  classify?: ClassifyOptions;
}

/** The lists loaded, the problems met, and how long it took. */
export interface LoadResult {
  lists: CompiledList[];
  problems: LoadProblem[];
  milliseconds: number;
}

/** Every `list.json` below `directory`, in path order. */
export function findListFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((path) => basename(path) === 'list.json')
    .map((path) => join(directory, path))
    .sort();
}

/** Load, validate and compile every warninglist below `directory`. */
export function loadWarninglists(directory: string, options: LoadOptions = {}): LoadResult {
  const started = performance.now();
  const lists: CompiledList[] = [];
  const problems: LoadProblem[] = [];
  const ids = new Set<string>();
  for (const path of findListFiles(directory)) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      problems.push({ path, severity: 'error', reason: `unreadable or invalid JSON: ${reason}` });
      continue;
    }
    const validation = validateWarninglist(json);
    if (!validation.ok) {
      problems.push({ path, severity: 'error', reason: validation.reason });
      continue;
    }
    // The directory name is the list's stable id; two lists in same-named directories of
    // different subtrees fall back to the relative path.
    let id = basename(dirname(path));
    if (ids.has(id)) id = relative(directory, dirname(path));
    ids.add(id);
    const { list, warnings } = compileWarninglist(
      validation.definition,
      { id, path, class: classifyList(id, options.classify) },
      options,
    );
    if (validation.dropped > 0)
      warnings.unshift(`${validation.dropped} non-string entries skipped`);
    for (const reason of warnings) problems.push({ path, severity: 'warning', reason });
    lists.push(list);
  }
  return { lists, problems, milliseconds: performance.now() - started };
}
