// Where the offline geo data lives: npm packages resolved from this module, so the path is right
// whatever the working directory, and their version pinned in provenance (npm updates of these
// packages are frozen upstream, so the version tells how old the data is).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/** A data package's directory and version. */
export interface DataPackage {
  name: string;
  version: string;
  directory: string;
}

const require = createRequire(import.meta.url);

/** Resolve an installed data package by name (throws when it is not installed). */
export function dataPackage(name: string): DataPackage {
  const manifest = require.resolve(`${name}/package.json`);
  const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
  const version =
    typeof parsed === 'object' && parsed !== null && 'version' in parsed
      ? String(parsed.version)
      : 'unknown';
  return { name, version, directory: dirname(manifest) };
}
