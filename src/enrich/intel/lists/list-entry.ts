// One entry of a plain list (a TXT line or a CSV row, already split into fields) to indicators,
// or to the reason the line gives none. A line is all or nothing: a value with an unreadable date
// or TLP is a problem, not a half-read indicator.
import {
  isoFromText,
  stricterTlp,
  type Indicator,
  type IndicatorType,
  type Tlp,
} from '../../../core/index.ts';
import { tlpOfTag } from '../tlp.ts';
import { indicatorsOfListValue, listTypeOfName, type ListTypeName } from './list-value.ts';

export interface PlainListOptions {
  /** The type of every value without its own `type` column; otherwise inferred per value. */
  type?: IndicatorType;
  /** Source name; default the file's base name. */
  source?: string;
  /** The list's marking; a line's own stricter TLP wins. Default amber. */
  tlp?: Tlp;
  /** 0..100, for lines without a confidence column. */
  confidence?: number;
}

/** What a line says, as text, before any of it is checked. */
export interface ListEntry {
  line: number;
  value: string;
  /** The type the value's column implies (`md5` column), below `type` and the caller's. */
  columnType?: ListTypeName;
  type?: string;
  tlp?: string;
  confidence?: string;
  description?: string;
  context?: string;
  firstSeen?: string;
  lastSeen?: string;
  validUntil?: string;
}

export interface ListContext {
  sourceName: string;
  options: PlainListOptions;
}

export type EntryResult = { indicators: Indicator[] } | { error: string };

export function indicatorsOfEntry(entry: ListEntry, list: ListContext): EntryResult {
  const type = typeOf(entry, list.options);
  if ('error' in type) return type;
  const tlp = tlpOf(entry.tlp, list.options.tlp);
  if ('error' in tlp) return tlp;
  const confidence = confidenceOf(entry.confidence, list.options.confidence);
  if (typeof confidence === 'string') return { error: confidence };
  const times = timesOf(entry);
  if ('error' in times) return times;

  const values = indicatorsOfListValue(entry.value, type.type);
  const failed = values.find((value) => 'error' in value);
  if (failed !== undefined && 'error' in failed) return { error: failed.error };
  const indicators = values.flatMap((value): Indicator[] => {
    if ('error' in value) return [];
    const weighted = confidence === undefined ? undefined : Math.round(confidence * value.weight);
    return [
      {
        type: value.type,
        value: value.value,
        tlp: tlp.tlp,
        ...times.times,
        sources: [
          {
            name: list.sourceName,
            ref: `${list.sourceName}:${entry.line}`,
            ...(weighted === undefined ? {} : { confidence: weighted }),
            ...(entry.description ? { description: entry.description } : {}),
            ...(entry.context ? { context: [entry.context] } : {}),
          },
        ],
      },
    ];
  });
  return { indicators };
}

/** The line's own type, else the caller's, else the column's; undefined: infer it. */
function typeOf(
  entry: ListEntry,
  options: PlainListOptions,
): { type?: ListTypeName } | { error: string } {
  const named = entry.type?.trim();
  if (!named) return { type: options.type ?? entry.columnType };
  const type = listTypeOfName(named);
  return type === undefined ? { error: `unknown type: ${named}` } : { type };
}

function tlpOf(
  text: string | undefined,
  listTlp: Tlp | undefined,
): { tlp: Tlp } | { error: string } {
  if (!text?.trim()) return { tlp: listTlp ?? 'amber' };
  const own = tlpOfTag(text);
  if (own === undefined) return { error: `unknown TLP: ${text.trim()}` };
  return { tlp: listTlp === undefined ? own : stricterTlp(own, listTlp) };
}

/** A number 0..100, undefined when absent, or the error text. */
function confidenceOf(
  text: string | undefined,
  fallback: number | undefined,
): number | string | undefined {
  if (!text?.trim()) return fallback;
  const value = Number(text.trim());
  if (!Number.isFinite(value) || value < 0 || value > 100)
    return `confidence not a number 0..100: ${text.trim()}`;
  return value;
}

type Times = Pick<Indicator, 'first_seen' | 'last_seen' | 'valid_until'>;

function timesOf(entry: ListEntry): { times: Times } | { error: string } {
  const times: Times = {};
  const fields = [
    ['first_seen', entry.firstSeen],
    ['last_seen', entry.lastSeen],
    ['valid_until', entry.validUntil],
  ] as const;
  for (const [key, text] of fields) {
    if (!text?.trim()) continue;
    const iso = isoFromText(text);
    if (iso === undefined) return { error: `${key} not a date: ${text.trim()}` };
    times[key] = iso;
  }
  return { times };
}
