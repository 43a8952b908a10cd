// The rules that apply to one kind of event (one set of route keys), with the pre-filter built
// for them: one Aho-Corasick automaton per field slot over the literals the rules need. An event
// is scanned once per slot; only rules whose literals were seen, plus the few with no usable
// literal, are evaluated in full.
import { AhoCorasick } from '../prefilter/aho-corasick.ts';
import type { BoundRule } from './bind.ts';
import type { EventView } from './event-view.ts';

export interface BucketStats {
  rules: number;
  /** Rules evaluated on every event of this kind: no literal could pre-filter them. */
  unfiltered: number;
  scannedSlots: number;
  patterns: number;
}

export class Bucket {
  private readonly unfiltered: number[] = [];
  private readonly scanners: { slot: number; automaton: AhoCorasick }[] = [];
  private marks: Uint32Array;
  private generation = 0;
  private readonly candidates: number[] = [];
  private readonly mark = (id: number): void => {
    if (this.marks[id] !== this.generation) {
      this.marks[id] = this.generation;
      this.candidates.push(id);
    }
  };

  constructor(readonly rules: readonly BoundRule[]) {
    this.marks = new Uint32Array(rules.length);
    const patternsBySlot = new Map<number, { text: string; id: number }[]>();
    rules.forEach((rule, id) => {
      const need = rule.compiled.need;
      if (need === null) {
        this.unfiltered.push(id);
        return;
      }
      for (const needle of need)
        for (const slot of rule.slotsOf(needle.field)) {
          let patterns = patternsBySlot.get(slot);
          if (patterns === undefined) patternsBySlot.set(slot, (patterns = []));
          patterns.push({ text: needle.text, id });
        }
    });
    for (const [slot, patterns] of patternsBySlot)
      this.scanners.push({ slot, automaton: new AhoCorasick(patterns) });
  }

  /** The rules that match the event in `view`, in rule order. */
  match(view: EventView): BoundRule[] {
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.marks.fill(0);
      this.generation = 1;
    }
    this.candidates.length = 0;
    for (const { slot, automaton } of this.scanners) {
      const lower = view.lower(slot);
      if (lower === undefined) continue;
      if (typeof lower === 'string') automaton.scan(lower, this.mark);
      else for (const text of lower) automaton.scan(text, this.mark);
    }
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
    return {
      rules: this.rules.length,
      unfiltered: this.unfiltered.length,
      scannedSlots: this.scanners.length,
      patterns: this.scanners.reduce((sum, s) => sum + s.automaton.patternCount, 0),
    };
  }
}
