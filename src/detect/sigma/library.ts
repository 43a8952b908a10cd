// The rule library in the data directory: rule files added with `chancery rules add` (copied in,
// so the set that runs does not change when a source checkout does) and the enable/disable
// toggles. Plain files, so an administrator can read them and back them up with the store.
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Toggle } from './selection.ts';

export class RuleLibrary {
  readonly rulesDir: string;
  private readonly togglesFile: string;
  /** Touched on every change, so a running server sees what another process added or toggled. */
  private readonly changedFile: string;

  constructor(dataDir: string) {
    this.rulesDir = join(dataDir, 'sigma', 'rules');
    this.togglesFile = join(dataDir, 'sigma', 'toggles.json');
    this.changedFile = join(dataDir, 'sigma', 'changed');
  }

  /** Changes whenever rules are added or toggled, by this process or another one. */
  version(): number {
    return existsSync(this.changedFile) ? statSync(this.changedFile).mtimeMs : 0;
  }

  private touch(): void {
    mkdirSync(join(this.changedFile, '..'), { recursive: true });
    writeFileSync(this.changedFile, `${new Date().toISOString()}\n`);
  }

  /** Copies a rule file or directory into the library; returns where it now lives. */
  add(source: string): string {
    mkdirSync(this.rulesDir, { recursive: true });
    const target = join(this.rulesDir, basename(source));
    const directory = statSync(source).isDirectory();
    cpSync(source, target, {
      recursive: directory,
      force: true,
      filter: (path) => statSync(path).isDirectory() || /\.ya?ml$/i.test(path),
    });
    this.touch();
    return target;
  }

  toggles(): Toggle[] {
    if (!existsSync(this.togglesFile)) return [];
    return JSON.parse(readFileSync(this.togglesFile, 'utf8')) as Toggle[];
  }

  addToggle(toggle: Toggle): Toggle[] {
    // A toggle identical in selector replaces the older one: the list stays short and readable.
    const toggles = this.toggles().filter(
      (t) => !(t.key === toggle.key && t.value === toggle.value),
    );
    toggles.push(toggle);
    mkdirSync(join(this.togglesFile, '..'), { recursive: true });
    writeFileSync(this.togglesFile, `${JSON.stringify(toggles, null, 2)}\n`);
    this.touch();
    return toggles;
  }

  /** The library directory when it holds rules, for loading. */
  paths(): string[] {
    return existsSync(this.rulesDir) ? [this.rulesDir] : [];
  }
}
