// YARA-X over every attachment and every file found inside one. The native package is imported
// only when rules are configured, so a platform without its binary fails loudly at that moment
// and never otherwise. Rules say how much a match weighs through their `meta`.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Finding } from '../finding.ts';

/** A rule file that did not compile; the other files are still used. */
export interface YaraCompileError {
  file: string;
  message: string;
}

// The parts of @litko/yara-x used here. Its own declarations leave the compiled-rules type
// undefined, so the module is typed by hand at the one place it is loaded.
interface RuleMatch {
  ruleIdentifier: string;
  namespace: string;
  meta: Record<string, unknown>;
  tags: string[];
}
interface CompiledRules {
  scan(data: Buffer): RuleMatch[];
  addRuleSource(source: string): void;
  setMaxMatchesPerPattern(max: number): void;
}
interface YaraModule {
  create(): CompiledRules;
  validate(source: string): { errors: { message: string }[] };
}

const DEFAULT_WEIGHT = 0.7;
const WEAPON_TAGS = new Set(['malware', 'exploit', 'weaponized', 'dropper', 'loader', 'backdoor']);
const SEVERITY: Readonly<Record<string, number>> = {
  info: 0.1,
  informational: 0.1,
  low: 0.3,
  medium: 0.5,
  moderate: 0.5,
  high: 0.75,
  critical: 0.9,
};

export class YaraScanner {
  private constructor(
    private readonly rules: CompiledRules,
    /** Rule files compiled, in the order they were added. */
    readonly files: readonly string[],
    /** Rule files that failed to compile, with the compiler's message. */
    readonly errors: readonly YaraCompileError[],
  ) {}

  /**
   * Compiles rule files and every `.yar` / `.yara` file below the given directories (in name
   * order). A file that does not compile is reported in `errors` and left out. Rejects when the
   * YARA-X package cannot be loaded on this platform, or when a path cannot be read.
   */
  static async fromPaths(paths: readonly string[]): Promise<YaraScanner> {
    const files = (await Promise.all(paths.map(ruleFiles))).flat();
    const sources = await Promise.all(
      files.map(async (file) => ({ file, source: await readFile(file, 'utf8') })),
    );
    return YaraScanner.fromSources(sources);
  }

  /** Compiles rule sources given in memory, each named by `file` in errors. */
  static async fromSources(
    sources: readonly { file: string; source: string }[],
  ): Promise<YaraScanner> {
    const yara = await loadYara();
    const rules = yara.create();
    const files: string[] = [];
    const errors: YaraCompileError[] = [];
    for (const { file, source } of sources) {
      // Validate first: a failed add must not leave half a file in the compiler.
      const problems = yara.validate(source).errors;
      if (problems.length > 0) {
        errors.push({ file, message: problems.map((problem) => problem.message).join('\n') });
        continue;
      }
      try {
        rules.addRuleSource(source);
        files.push(file);
      } catch (error) {
        // Valid alone, invalid together: a rule name already defined by an earlier file.
        errors.push({ file, message: error instanceof Error ? error.message : String(error) });
      }
    }
    // One match says the rule fired; more only cost time.
    rules.setMaxMatchesPerPattern(1);
    return new YaraScanner(rules, files, errors);
  }

  /** One `yara:<rule>` finding per matching rule. */
  scan(bytes: Uint8Array): Finding[] {
    if (this.files.length === 0) return [];
    const matches = this.rules.scan(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return matches.map(toFinding);
  }
}

async function ruleFiles(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const names = (await readdir(path)).sort();
  const nested = await Promise.all(
    names.map(async (name) => {
      const child = join(path, name);
      if ((await stat(child)).isDirectory()) return ruleFiles(child);
      return /\.(?:yar|yara)$/i.test(name) ? [child] : [];
    }),
  );
  return nested.flat();
}

async function loadYara(): Promise<YaraModule> {
  try {
    const module: unknown = await import('@litko/yara-x');
    return module as YaraModule;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(
      `YARA rules are configured but @litko/yara-x cannot load on ${process.platform}-${process.arch}: ${why}`,
      { cause: error },
    );
  }
}

function toFinding(match: RuleMatch): Finding {
  const meta = match.meta;
  const tags = match.tags.map((tag) => tag.toLowerCase());
  const finding: Finding = {
    code: `yara:${match.ruleIdentifier}`,
    weight: weightOf(meta),
    reason: reasonOf(match),
  };
  const kind = meta.kind;
  if (kind === 'weaponized' || kind === 'evasion') finding.kind = kind;
  else if (tags.some((tag) => WEAPON_TAGS.has(tag))) finding.kind = 'weaponized';
  return finding;
}

/** `weight` 0..1, else `score` 0..100, else `severity` as a word or 0..10, else 0.7. */
function weightOf(meta: Record<string, unknown>): number {
  const weight = number(meta.weight);
  if (weight !== undefined) return clamp(weight);
  const score = number(meta.score);
  if (score !== undefined) return clamp(score > 1 ? score / 100 : score);
  const severity = meta.severity;
  if (typeof severity === 'string' && SEVERITY[severity.toLowerCase()] !== undefined) {
    return SEVERITY[severity.toLowerCase()] ?? DEFAULT_WEIGHT;
  }
  const level = number(severity);
  if (level !== undefined) return clamp(level > 1 ? level / 10 : level);
  return DEFAULT_WEIGHT;
}

function reasonOf(match: RuleMatch): string {
  const description = match.meta.description;
  const name =
    match.namespace === 'default'
      ? match.ruleIdentifier
      : `${match.namespace}.${match.ruleIdentifier}`;
  const tags = match.tags.length > 0 ? ` [${match.tags.join(', ')}]` : '';
  return `YARA rule ${name}${tags} matched${typeof description === 'string' ? `: ${description}` : ''}`;
}

function number(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+(?:\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}
