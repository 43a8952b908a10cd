// YARA rules named in the configuration: files and directories (recursively), compiled once.
// A rule file that does not compile is reported and left out, as broken Sigma rules are; a path
// that does not exist is a configuration error.
import { existsSync } from 'node:fs';
import { ChanceryError } from '../../core/index.ts';
import { YaraScanner } from './attachments/index.ts';

/** The scanner for `paths`, or undefined when none are configured. */
export async function loadYaraRules(
  paths: readonly string[],
  warn: (message: string) => void = (message) => process.emitWarning(message, 'ChanceryYara'),
): Promise<YaraScanner | undefined> {
  if (paths.length === 0) return undefined;
  for (const path of paths)
    if (!existsSync(path))
      throw new ChanceryError(
        'CHN_ERR_INPUT_NOT_FOUND',
        `mail.yara_rule_paths: ${path} does not exist`,
      );
  const scanner = await YaraScanner.fromPaths(paths);
  for (const error of scanner.errors)
    warn(`YARA rule file ${error.file} left out: ${error.message}`);
  return scanner;
}
