// One search identifier of a detection (sigma.md §1.1): a map of `Field|modifiers: values`
// (AND), a list of such maps (OR), or keywords (a scalar, a list of scalars, or the `'|all'`
// form). Values stay typed YAML scalars, each with its own position, so the compiler can point at
// the exact value it rejects.
import { isMap, isScalar, isSeq, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { DetectionItem, Search, SigmaValue, SourceRef } from './model.ts';
import {
  describeNode,
  isAbsent,
  scalarValue,
  type DocReader,
  type Entry,
  type YamlNode,
} from './reader.ts';

/** The search, or undefined when its body has problems (they are reported on `r`). */
export function readSearch(r: DocReader, entry: Entry): Search | undefined {
  const { key, keyNode, value } = entry;
  const at = r.at(keyNode);
  if (isAbsent(value)) {
    r.report(keyNode, 'empty-search', `the search '${key}' has no body`);
    return undefined;
  }
  if (isMap(value)) return mapSearch(r, key, value, at);
  if (isSeq(value)) return listSearch(r, key, value, at);
  const item: DetectionItem = { field: null, modifiers: [], values: [valueOf(r, value)], at };
  return { kind: 'keywords', item, at };
}

function mapSearch(r: DocReader, name: string, map: YAMLMap, at: SourceRef): Search | undefined {
  const items = readItems(r, name, map);
  if (items === undefined) return undefined;
  const [only] = items;
  // `'|all': [a, b]` alone is a keyword search whose values must all occur.
  if (only !== undefined && items.length === 1 && only.field === null) {
    return { kind: 'keywords', item: only, at };
  }
  return { kind: 'maps', alternatives: [items], at };
}

function listSearch(r: DocReader, name: string, seq: YAMLSeq, at: SourceRef): Search | undefined {
  const elements = seq.items.map((item) => r.deref(item));
  const [first] = elements;
  if (first === undefined) {
    r.report(seq, 'empty-search', `the search '${name}' is an empty list`);
    return undefined;
  }
  const wantMaps = isMap(first);
  const stray = elements.find((element) => isMap(element) !== wantMaps);
  if (stray !== undefined) {
    const message = `the search '${name}' mixes maps and plain values in one list`;
    r.report(stray ?? seq, 'mixed-search', message);
    return undefined;
  }
  if (!wantMaps) {
    const values = readValues(r, name, seq, at);
    if (values === undefined) return undefined;
    return { kind: 'keywords', item: { field: null, modifiers: [], values, at: r.at(seq) }, at };
  }
  const before = r.issues.length;
  const alternatives = elements.filter(isMap).map((map) => readItems(r, name, map) ?? []);
  return r.issues.length === before ? { kind: 'maps', alternatives, at } : undefined;
}

/** The map's items (AND-ed), or undefined when one of them has a problem. */
function readItems(r: DocReader, name: string, map: YAMLMap): DetectionItem[] | undefined {
  const before = r.issues.length;
  const entries = r.entries(map);
  if (entries.length === 0 && r.issues.length === before) {
    r.report(map, 'empty-search', `the search '${name}' holds an empty map`);
  }
  const items = entries.map((entry) => readItem(r, entry));
  return r.issues.length === before ? items : undefined;
}

/** `Field|mod1|mod2: values`; a key starting with `|` has no field (a keyword item). */
function readItem(r: DocReader, entry: Entry): DetectionItem {
  const [field = '', ...modifiers] = entry.key.split('|');
  const at = r.at(entry.keyNode);
  if (field === '' && modifiers.length === 0) {
    r.report(entry.keyNode, 'bad-key', 'a detection key needs a field name or modifiers');
  }
  if (modifiers.includes('')) {
    r.report(entry.keyNode, 'bad-modifier', `'${entry.key}' has an empty modifier name`);
  }
  const values = readValues(r, entry.key, entry.value, at) ?? [];
  return { field: field === '' ? null : field, modifiers, values, at };
}

/**
 * A scalar or a flat list of scalars. `null` means "the field is absent", which cannot be one
 * alternative among others (spec §1.1: it must be its own selection).
 */
function readValues(
  r: DocReader,
  key: string,
  node: YamlNode | null,
  keyAt: SourceRef,
): SigmaValue[] | undefined {
  if (node === null) return [{ value: null, at: keyAt }];
  if (isScalar(node)) return [valueAt(r, node, keyAt)];
  if (isMap(node)) {
    const message = `'${key}' holds a map; values must be scalars or a list of them`;
    r.report(node, 'nested-value', message);
    return undefined;
  }
  const elements = node.items.map((item) => r.deref(item));
  if (elements.length === 0) {
    r.report(node, 'empty-values', `'${key}' holds an empty list`);
    return undefined;
  }
  const before = r.issues.length;
  const values = elements.map((element) => {
    if (isScalar(element)) return valueOf(r, element);
    const message = `'${key}' holds ${describeNode(element)} in its list`;
    r.report(element ?? node, 'nested-value', message);
    return { value: null, at: keyAt };
  });
  if (r.issues.length > before) return undefined;
  if (values.length === 1) return values;
  const nulls = values.filter((value) => value.value === null);
  for (const { at } of nulls) {
    r.report(at, 'null-in-list', `null in the list of '${key}': write it as its own selection`);
  }
  return nulls.length === 0 ? values : undefined;
}

function valueOf(r: DocReader, node: Scalar): SigmaValue {
  return { value: scalarValue(node), at: r.at(node) };
}

/** An empty value (`Field:`) has no text of its own to point at: use its key. */
function valueAt(r: DocReader, node: Scalar, keyAt: SourceRef): SigmaValue {
  return node.value === null && node.source === '' ? { value: null, at: keyAt } : valueOf(r, node);
}
