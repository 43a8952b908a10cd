// Where tests find data: the repository's own fixtures, and the shared real-data set that sits
// beside the repository in CI (`../shared/data`). Tests that need the latter skip, saying why,
// when it is absent (a user's fresh clone).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHARED_DATA =
  process.env.CHANCERY_SHARED_DATA ?? join(REPO_ROOT, '..', 'shared', 'data');

export function fixture(...parts: string[]): string {
  return join(REPO_ROOT, 'test', 'fixtures', ...parts);
}

export function shared(...parts: string[]): string {
  return join(SHARED_DATA, ...parts);
}

/** `false` when the shared data is there; otherwise the reason to skip, for node:test's `skip`. */
export function needsShared(...parts: string[]): false | string {
  const path = shared(...parts);
  return existsSync(path)
    ? false
    : `shared data not found at ${path} (set CHANCERY_SHARED_DATA or place ../shared/data beside the repository)`;
}

/** Every file below `dir`, sorted. */
export function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

/** A file's lines (gunzipped when needed), without the empty string after a final newline. */
export function readLines(path: string): string[] {
  const bytes = readFileSync(path);
  const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString(
    'utf8',
  );
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
