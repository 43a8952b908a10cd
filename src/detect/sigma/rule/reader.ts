// Reading one YAML document of a rule file: positions (file:line:column) for every node, alias
// and merge-key resolution, scalars typed the way Sigma needs them, and the issue list that every
// part of the front end appends to while reading the document.
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  visit,
  type Alias,
  type Document,
  type LineCounter,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { RuleIssue, SigmaScalar, SourceRef } from './model.ts';

/** A node with its aliases followed. */
export type YamlNode = Scalar | YAMLMap | YAMLSeq;

/** One key of a map, with its value's aliases followed (`null` when no value is written). */
export interface Entry {
  key: string;
  keyNode: Scalar;
  value: YamlNode | null;
}

/** What issues point at: a node (its start), or a position already computed. */
export type Where = YamlNode | SourceRef;

export class DocReader {
  /** Set once the document's id is known, so later issues carry it. */
  ruleId: string | undefined;
  readonly issues: RuleIssue[] = [];
  /** Maps read once, so a map read twice does not report its bad keys twice. */
  private readonly read = new WeakMap<YAMLMap, Entry[]>();
  private targets: Map<Alias, unknown> | undefined;

  constructor(
    readonly file: string,
    readonly text: string,
    private readonly lines: LineCounter,
    private readonly doc: Document,
  ) {}

  /** The 1-based position of a character offset of the file's text. */
  atOffset(offset: number): SourceRef {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line: Math.max(line, 1), column: col };
  }

  at(where: Where): SourceRef {
    if ('file' in where) return where;
    return this.atOffset(where.range?.[0] ?? 0);
  }

  report(where: Where, reason: string, message: string): void {
    const issue: RuleIssue = { at: this.at(where), message, reason };
    if (this.ruleId !== undefined) issue.ruleId = this.ruleId;
    this.issues.push(issue);
  }

  /** Follows an alias to its anchored node; `null` for an absent value or a broken alias. */
  deref(node: unknown): YamlNode | null {
    const target = isAlias(node) ? this.target(node) : node;
    if (isScalar(target) || isMap(target) || isSeq(target)) return target;
    return null;
  }

  /**
   * The node an alias names: the last node anchored with that name before it, as YAML defines.
   * yaml's own `Alias.resolve` walks the whole document on every call, which a text with many
   * aliases (given to the API) would turn quadratic; one walk here serves every alias.
   */
  private target(alias: Alias): unknown {
    if (this.targets === undefined) {
      const targets = new Map<Alias, unknown>();
      const anchored = new Map<string, unknown>();
      visit(this.doc, {
        Node: (_key, node) => {
          if (isAlias(node)) targets.set(node, anchored.get(node.source));
          else if (node.anchor !== undefined) anchored.set(node.anchor, node);
        },
      });
      this.targets = targets;
    }
    return this.targets.get(alias);
  }

  /**
   * The keys of a map in order, with `<<` merge keys expanded as YAML 1.1 defines them: merged
   * keys come first and a key written in the map itself wins over a merged one. A key that is not
   * a plain scalar cannot name anything Sigma knows.
   */
  entries(map: YAMLMap): Entry[] {
    let entries = this.read.get(map);
    if (entries === undefined) {
      entries = this.readEntries(map);
      this.read.set(map, entries);
    }
    return entries;
  }

  private readEntries(map: YAMLMap): Entry[] {
    const own: Entry[] = [];
    const merged: Entry[] = [];
    for (const pair of map.items) {
      const keyNode = this.deref(pair.key);
      if (keyNode === null || !isScalar(keyNode) || keyNode.value === null) {
        this.report(keyNode ?? map, 'bad-key', 'a key must be a plain, non-empty scalar');
      } else if (typeof keyNode.value === 'symbol') {
        merged.push(...this.merged(pair.value));
      } else {
        own.push({ key: textOf(keyNode), keyNode, value: this.deref(pair.value) });
      }
    }
    const seen = new Set(own.map((entry) => entry.key));
    const inherited: Entry[] = [];
    for (const entry of merged) {
      if (seen.has(entry.key)) continue;
      seen.add(entry.key);
      inherited.push(entry);
    }
    return [...inherited, ...own];
  }

  private merged(value: unknown): Entry[] {
    const source = this.deref(value);
    const maps = isSeq(source) ? source.items.map((item) => this.deref(item)) : [source];
    return maps.flatMap((map) => {
      if (isMap(map)) return this.entries(map);
      this.report(map ?? source ?? this.atOffset(0), 'bad-key', "'<<' must merge a map");
      return [];
    });
  }
}

/**
 * A scalar as Sigma reads it. A number stays a number only when it reads back exactly as written
 * (`4688`, `-1`, `0.5`): `00000429`, `0x1F`, `1.10` or a 20-digit id are kept as the written text,
 * because pySigma (YAML 1.1) keeps most of them as strings and rules use them as substrings
 * (`Details|contains: 00000429`); turning them into 429 or 31 would change what the rule matches.
 */
export function scalarValue(node: Scalar): SigmaScalar {
  const value = node.value;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && String(value) === node.source) return value;
  return textOf(node);
}

/** The scalar's text as written (quotes and escapes resolved, but not typed). */
export function textOf(node: Scalar): string {
  if (typeof node.value === 'string') return node.value;
  return node.source ?? String(node.value);
}

/** The scalar's text when it is a non-null scalar, else undefined. */
export function scalarText(node: YamlNode | null): string | undefined {
  return isScalar(node) && node.value !== null ? textOf(node) : undefined;
}

/** No value at all: `key:` with nothing after it, `~`, `null`, or a broken alias. */
export function isAbsent(node: YamlNode | null): node is Scalar<null> | null {
  return node === null || (isScalar(node) && node.value === null);
}

/** A short description of a node for messages: `a map`, `a list`, `null`, `'text'`. */
export function describeNode(node: YamlNode | null): string {
  if (isAbsent(node)) return 'nothing';
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  return `'${textOf(node)}'`;
}
