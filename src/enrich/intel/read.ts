// Reads indicator inputs from files and directories, whatever their format: a STIX 2.1 bundle
// (or object, or array), a MISP event (wrapped, bare or a REST search result), a MISP feed
// directory, or a plain list (TXT/CSV). The format is recognised from the content, not the name.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { ImportResult, Tlp } from '../../core/index.ts';
import { importMispEvent } from './misp/event.ts';
import { importMispFeed, isMispFeed } from './misp/feed.ts';
import { importPlainList } from './lists/plain-list.ts';
import { importStixBundle } from './stix/bundle.ts';
import type { SchemaValidator } from './stix/schema.ts';

export interface ReadOptions {
  /** Source name given to every indicator (default: the STIX identity, MISP org or file name). */
  source?: string;
  /** TLP of indicators their source marks none. */
  defaultTlp?: Tlp;
  /** Validates STIX objects against the OASIS schemas when given. */
  schemas?: SchemaValidator;
  /** Largest file read; larger ones are one problem each. */
  maxFileBytes?: number;
}

export type InputFormat = 'stix' | 'misp-event' | 'misp-feed' | 'list';

export interface ReadResult extends ImportResult {
  file: string;
  format: InputFormat | 'unreadable';
}

const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;
const LIST_EXTENSIONS = new Set(['.txt', '.csv', '.list', '.ioc']);

/** Every input under the paths, each read into indicators and problems. */
export function readIntel(paths: readonly string[], options: ReadOptions = {}): ReadResult[] {
  return paths.flatMap((path) => readPath(path, options));
}

function readPath(path: string, options: ReadOptions): ReadResult[] {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    return [unreadable(path, (error as Error).message)];
  }
  if (!stat.isDirectory()) return [readFile(path, stat.size, options)];
  if (isMispFeed(path))
    return [{ file: path, format: 'misp-feed', ...importMispFeed(path, mispOptions(options)) }];
  return readdirSync(path)
    .filter((name) => !name.startsWith('.'))
    .sort()
    .flatMap((name) => {
      const child = join(path, name);
      // Inside a directory only recognisable inputs are read: a README is not an indicator list.
      if (statSync(child).isFile() && !isInputName(name)) return [];
      return readPath(child, options);
    });
}

function readFile(file: string, size: number, options: ReadOptions): ReadResult {
  const limit = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (size > limit) return unreadable(file, `file is ${size} bytes, over the ${limit}-byte limit`);
  return readIntelText(readFileSync(file, 'utf8'), file, options);
}

/** One input given as text (an API request body), named `file` in problems and sources. */
export function readIntelText(text: string, file: string, options: ReadOptions = {}): ReadResult {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return unreadable(file, `not valid JSON: ${(error as Error).message}`);
    }
    if (isMispJson(json))
      return { file, format: 'misp-event', ...importMispEvent(json, file, mispOptions(options)) };
    return {
      file,
      format: 'stix',
      ...importStixBundle(json, file, {
        ...(options.schemas === undefined ? {} : { schemas: options.schemas }),
        ...(options.source === undefined ? {} : { source: options.source }),
        ...(options.defaultTlp === undefined ? {} : { defaultTlp: options.defaultTlp }),
      }),
    };
  }
  return {
    file,
    format: 'list',
    ...importPlainList(text, file, {
      ...(options.source === undefined ? {} : { source: options.source }),
      ...(options.defaultTlp === undefined ? {} : { tlp: options.defaultTlp }),
    }),
  };
}

/** MISP JSON: `{Event: …}`, `{response: […]}`, or a bare event (has `Attribute` or `info` and `uuid`). */
function isMispJson(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  return (
    'Event' in json ||
    'response' in json ||
    ('uuid' in json && ('Attribute' in json || 'Object' in json || 'info' in json))
  );
}

function isInputName(name: string): boolean {
  const extension = extname(name).toLowerCase();
  return extension === '.json' || LIST_EXTENSIONS.has(extension);
}

function mispOptions(options: ReadOptions): { source?: string; defaultTlp?: Tlp } {
  return {
    ...(options.source === undefined ? {} : { source: options.source }),
    ...(options.defaultTlp === undefined ? {} : { defaultTlp: options.defaultTlp }),
  };
}

function unreadable(file: string, reason: string): ReadResult {
  return {
    file,
    format: 'unreadable',
    indicators: [],
    problems: [{ file, ref: 'file', reason }],
    counts: {},
  };
}
