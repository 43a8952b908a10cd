// One event as the rules see it while it is being evaluated: each field slot is read, turned to
// text and lowercased at most once per event, however many rules test it.
import type { EcsEvent } from '../../../core/index.ts';
import { type Accessor, asText } from './field-access.ts';

type Text = string | string[] | undefined;

export class SlotTable {
  readonly accessors: Accessor[] = [];
  private readonly byKey = new Map<string, number>();

  /** The slot for a field location; the same location always gets the same slot. */
  slot(key: string, create: () => Accessor): number {
    let slot = this.byKey.get(key);
    if (slot === undefined) {
      slot = this.accessors.length;
      this.accessors.push(create());
      this.byKey.set(key, slot);
    }
    return slot;
  }
}

export class EventView {
  event!: EcsEvent;
  private generation = 0;
  private stamps = new Uint32Array(64);
  private lowerStamps = new Uint32Array(64);
  private raws: unknown[] = [];
  private texts: Text[] = [];
  private lowers: Text[] = [];

  constructor(private readonly slots: SlotTable) {}

  reset(event: EcsEvent): void {
    this.event = event;
    this.generation++;
    if (this.stamps.length < this.slots.accessors.length) {
      const grown = new Uint32Array(this.slots.accessors.length * 2);
      grown.set(this.stamps);
      this.stamps = grown;
      const grownLower = new Uint32Array(grown.length);
      grownLower.set(this.lowerStamps);
      this.lowerStamps = grownLower;
    }
  }

  raw(slot: number): unknown {
    this.load(slot);
    return this.raws[slot];
  }

  text(slot: number): Text {
    this.load(slot);
    return this.texts[slot];
  }

  /** Lowercased on first use: most fields are only scanned (case-folded), never compared. */
  lower(slot: number): Text {
    if (this.lowerStamps[slot] !== this.generation) {
      this.lowerStamps[slot] = this.generation;
      const text = this.text(slot);
      this.lowers[slot] =
        text === undefined
          ? undefined
          : typeof text === 'string'
            ? text.toLowerCase()
            : text.map((t) => t.toLowerCase());
    }
    return this.lowers[slot];
  }

  private load(slot: number): void {
    if (this.stamps[slot] === this.generation) return;
    this.stamps[slot] = this.generation;
    const accessor = this.slots.accessors[slot];
    const raw = accessor === undefined ? undefined : accessor(this.event);
    this.raws[slot] = raw;
    this.texts[slot] = asText(raw);
  }
}
