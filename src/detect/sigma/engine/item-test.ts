// One compiled detection item as a test over an event view. Lists (ECS arrays, keyword message
// slots) match when any element does; `all` requires every value to match the same field.
import type { CompiledItem, FieldRefMode } from '../compile/item.ts';
import type { TextTest } from '../compile/text-test.ts';
import type { EventView } from './event-view.ts';

type Test = (view: EventView) => boolean;

export function itemTest(
  item: CompiledItem,
  slots: readonly number[],
  fieldSlot: (field: string) => number,
): Test {
  const test = positive(item, slots, fieldSlot);
  return item.negate ? (view) => !test(view) : test;
}

function positive(
  item: CompiledItem,
  slots: readonly number[],
  fieldSlot: (f: string) => number,
): Test {
  const check = item.check;
  const [slot] = slots;
  switch (check.kind) {
    case 'null':
      return (view) => slots.every((s) => isNull(view.raw(s)));
    case 'exists':
      return (view) => slots.some((s) => view.raw(s) !== undefined) === check.present;
    case 'fieldref': {
      const refs = check.refs.map((ref) => ({ ...ref, slot: fieldSlot(ref.field) }));
      const one = (view: EventView, ref: (typeof refs)[number]): boolean =>
        slots.some((s) => refMatches(view, s, ref.slot, ref.mode, ref.cased));
      return check.all
        ? (view) => refs.every((ref) => one(view, ref))
        : (view) => refs.some((ref) => one(view, ref));
    }
    case 'values': {
      const tests = check.tests;
      if (slots.length === 1 && slot !== undefined) {
        if (check.all) return (view) => tests.every((t) => onSlot(view, slot, t));
        const [only] = tests;
        if (tests.length === 1 && only !== undefined) return (view) => onSlot(view, slot, only);
        return (view) => {
          const text = view.text(slot);
          if (text === undefined) return false;
          const lower = view.lower(slot);
          if (typeof text === 'string' && typeof lower === 'string') {
            for (const t of tests) if (t.test(text, lower)) return true;
            return false;
          }
          return tests.some((t) => onSlot(view, slot, t));
        };
      }
      const onAny = (view: EventView, t: TextTest): boolean =>
        slots.some((s) => onSlot(view, s, t));
      return check.all
        ? (view) => tests.every((t) => onAny(view, t))
        : (view) => tests.some((t) => onAny(view, t));
    }
  }
}

function onSlot(view: EventView, slot: number, test: TextTest): boolean {
  const text = view.text(slot);
  if (text === undefined) return false;
  const lower = view.lower(slot);
  if (typeof text === 'string') return test.test(text, lower as string);
  const lowers = lower as string[];
  for (let index = 0; index < text.length; index++)
    if (test.test(text[index] ?? '', lowers[index] ?? '')) return true;
  return false;
}

function isNull(value: unknown): boolean {
  return value === undefined || value === null;
}

function refMatches(
  view: EventView,
  slot: number,
  other: number,
  mode: FieldRefMode,
  cased: boolean,
): boolean {
  const read = (s: number): string | undefined => {
    const text = cased ? view.text(s) : view.lower(s);
    return typeof text === 'string' ? text : text?.[0];
  };
  const value = read(slot);
  const reference = read(other);
  if (value === undefined || reference === undefined) return false;
  switch (mode) {
    case 'exact':
      return value === reference;
    case 'prefix':
      return value.startsWith(reference);
    case 'suffix':
      return value.endsWith(reference);
    case 'contains':
      return value.includes(reference);
  }
}
