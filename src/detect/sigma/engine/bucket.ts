// The rules that apply to one kind of event (one set of route keys), with the pre-filter built
// for them: Aho-Corasick automata over the literals the rules need. An event's text is scanned
// once; only rules whose literals were seen, plus the few with no usable literal, are evaluated.
//
// Where keyword searches read a whole object (Windows EventData), each value of the object is
// scanned exactly once, by an automaton holding both the literals of rules on that key and the
// keyword literals, instead of once per field and again for the keywords.
import { foldsLikeLowercase } from '../compile/ascii.ts';
import { AhoCorasick, type Pattern } from '../prefilter/aho-corasick.ts';
import type { BoundRule } from './bind.ts';
import type { EventView } from './event-view.ts';
import { asText, pathAccessor, type Accessor } from './field-access.ts';

export interface BucketStats {
  rules: number;
  /** Rules evaluated on every event of this kind: no literal could pre-filter them. */
  unfiltered: number;
  scannedSlots: number;
  patterns: number;
}

interface Scanner {
  automaton: AhoCorasick;
  /** Scan the text as it is (ASCII literals, case folded) rather than lowercased. */
  folded: boolean;
}

interface ContainerScan {
  read: Accessor;
  byKey: Map<string, Scanner>;
  /** For keys no rule names: the keyword literals alone. */
  other: Scanner | undefined;
}

export class Bucket {
  private readonly unfiltered: number[] = [];
  private readonly scanners: (Scanner & { slot: number })[] = [];
  private readonly containers: ContainerScan[] = [];
  private marks: Uint32Array;
  private generation = 0;
  private readonly candidates: number[] = [];
  /** Rules per literal: automata report a literal once per occurrence, rules follow once per event. */
  private readonly literalRules: number[][] = [];
  private literalMarks = new Uint32Array(0);
  private readonly mark = (literal: number): void => {
    if (this.literalMarks[literal] === this.generation) return;
    this.literalMarks[literal] = this.generation;
    for (const id of this.literalRules[literal] ?? [])
      if (this.marks[id] !== this.generation) {
        this.marks[id] = this.generation;
        this.candidates.push(id);
      }
  };

  constructor(readonly rules: readonly BoundRule[]) {
    this.marks = new Uint32Array(rules.length);
    const bySlot = new Map<number, Pattern[]>();
    const byContainer = new Map<string, { keys: Map<string, Pattern[]>; keywords: Pattern[] }>();
    const push = <K>(map: Map<K, Pattern[]>, key: K, pattern: Pattern): void => {
      const list = map.get(key);
      if (list === undefined) map.set(key, [pattern]);
      else list.push(pattern);
    };
    const containerOf = (path: string): { keys: Map<string, Pattern[]>; keywords: Pattern[] } => {
      let entry = byContainer.get(path);
      if (entry === undefined) byContainer.set(path, (entry = { keys: new Map(), keywords: [] }));
      return entry;
    };
    const keywordContainers = new Set(
      rules.flatMap((rule) =>
        rule.route.keywords.filter((p) => p.endsWith('.*')).map((p) => p.slice(0, -2)),
      ),
    );
    rules.forEach((rule, id) => {
      const need = rule.compiled.need;
      if (need === null) {
        this.unfiltered.push(id);
        return;
      }
      for (const needle of need) {
        const pattern = { text: needle.text, id };
        const inContainer = rule.containerKeyOf(needle.field);
        if (inContainer !== undefined && keywordContainers.has(inContainer.container)) {
          push(containerOf(inContainer.container).keys, inContainer.key, pattern);
          continue;
        }
        if (needle.field === null)
          for (const path of rule.route.keywords)
            if (path.endsWith('.*')) containerOf(path.slice(0, -2)).keywords.push(pattern);
        for (const slot of rule.slotsOf(needle.field)) {
          if (needle.field === null && this.isContainerSlot(rule, slot)) continue;
          push(bySlot, slot, pattern);
        }
      }
    });
    const build = (patterns: readonly Pattern[]): Scanner => scanner(this.literals(patterns));
    for (const [slot, patterns] of bySlot) this.scanners.push({ slot, ...build(patterns) });
    for (const [path, { keys, keywords }] of byContainer) {
      const byKey = new Map<string, Scanner>();
      for (const [key, patterns] of keys) byKey.set(key, build([...patterns, ...keywords]));
      this.containers.push({
        read: pathAccessor(path.split('.')),
        byKey,
        other: keywords.length === 0 ? undefined : build(keywords),
      });
    }
    this.literalMarks = new Uint32Array(this.literalRules.length);
  }

  /** One pattern per distinct text, its id a literal that stands for all the rules needing it. */
  private literals(patterns: readonly Pattern[]): Pattern[] {
    const byText = new Map<string, number>();
    for (const { text, id } of patterns) {
      let literal = byText.get(text);
      if (literal === undefined) {
        literal = this.literalRules.length;
        this.literalRules.push([]);
        byText.set(text, literal);
      }
      const rules = this.literalRules[literal] as number[];
      if (!rules.includes(id)) rules.push(id);
    }
    return [...byText].map(([text, id]) => ({ text, id }));
  }

  /** The rules that match the event in `view`, in rule order. */
  match(view: EventView): BoundRule[] {
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.marks.fill(0);
      this.literalMarks.fill(0);
      this.generation = 1;
    }
    this.candidates.length = 0;
    for (const { slot, automaton, folded } of this.scanners) {
      const text = folded ? view.text(slot) : view.lower(slot);
      if (text === undefined) continue;
      if (typeof text === 'string') automaton.scan(text, this.mark);
      else for (const each of text) automaton.scan(each, this.mark);
    }
    for (const container of this.containers) this.scanContainer(container, view);
    for (const id of this.unfiltered) this.candidates.push(id);
    const matched: BoundRule[] = [];
    if (this.candidates.length > 1) this.candidates.sort((a, b) => a - b);
    for (const id of this.candidates) {
      const rule = this.rules[id];
      if (rule?.matches(view) === true) matched.push(rule);
    }
    return matched;
  }

  stats(): BucketStats {
    let patterns = this.scanners.reduce((sum, s) => sum + s.automaton.patternCount, 0);
    for (const container of this.containers) {
      for (const s of container.byKey.values()) patterns += s.automaton.patternCount;
      patterns += container.other?.automaton.patternCount ?? 0;
    }
    return {
      rules: this.rules.length,
      unfiltered: this.unfiltered.length,
      scannedSlots:
        this.scanners.length + this.containers.reduce((sum, c) => sum + c.byKey.size + 1, 0),
      patterns,
    };
  }

  private scanContainer(container: ContainerScan, view: EventView): void {
    const object = container.read(view.event);
    if (typeof object !== 'object' || object === null) return;
    const values = object as Record<string, unknown>;
    if (container.other === undefined) {
      for (const [key, scan] of container.byKey) this.scanValue(scan, values[key]);
      return;
    }
    for (const key in values) {
      if (!Object.hasOwn(values, key)) continue;
      this.scanValue(container.byKey.get(key) ?? container.other, values[key]);
    }
  }

  private scanValue(scan: Scanner, value: unknown): void {
    const text = asText(value);
    if (text === undefined) return;
    if (typeof text === 'string')
      scan.automaton.scan(scan.folded ? text : text.toLowerCase(), this.mark);
    else
      for (const each of text)
        scan.automaton.scan(scan.folded ? each : each.toLowerCase(), this.mark);
  }

  /** Keyword slots reading a whole object are covered by the container scan. */
  private isContainerSlot(rule: BoundRule, slot: number): boolean {
    const wholeObjects = rule.route.keywords.filter((p) => p.endsWith('.*')).length;
    const keywordSlots = rule.slotsOf(null);
    // slotsOf(null) lists the route's keyword paths in order; whole-object ones are covered.
    const index = keywordSlots.indexOf(slot);
    return index !== -1 && wholeObjects > 0 && (rule.route.keywords[index] ?? '').endsWith('.*');
  }
}

/**
 * Case folding per character equals lowercasing the whole text only for ASCII literals (`İ`
 * lowercases to two characters, a final `Σ` depends on context); literals of characters without
 * case (emoji: surrogate pairs) are safe too. Other literals scan the lowercased text.
 */
function scanner(patterns: readonly Pattern[]): Scanner {
  const folded = patterns.every(({ text }) => foldsLikeLowercase(text));
  return { automaton: new AhoCorasick(patterns, { caseFold: folded }), folded };
}
