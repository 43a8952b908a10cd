// A MISP feed directory (`manifest.json`, `<event-uuid>.json` per event, `hashes.csv`) to
// indicators. Each event goes through importMispEvent, with the manifest's metadata filling what
// the event file lacks. Missing, unlisted and broken files are problems; the rest goes on.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ChanceryError, type ImportProblem, type ImportResult } from '../../../core/index.ts';
import { importMispEvent, type MispImportOptions } from './event.ts';
import { attributesOf, eventsOf } from './events-of.ts';
import { attributeValueHashes, parseFeedHashes, type FeedHashes } from './feed-hashes.ts';
import { addCount } from './counts.ts';
import { isRecord, textField, type JsonRecord } from './misp-json.ts';

const MANIFEST = 'manifest.json';
const HASHES = 'hashes.csv';
const EVENT_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.json$/i;

/** Whether `dir` is a MISP feed: it holds a `manifest.json` that maps event uuids to objects. */
export function isMispFeed(dir: string): boolean {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return false;
  try {
    const manifest: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return (
      isRecord(manifest) && Object.keys(manifest).every((key) => EVENT_FILE.test(`${key}.json`))
    );
  } catch {
    return false;
  }
}

/** Reads a feed directory; throws CHN_ERR_INPUT_NOT_FOUND only when `dir` is not a directory. */
export function importMispFeed(dir: string, options: MispImportOptions = {}): ImportResult {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new ChanceryError('CHN_ERR_INPUT_NOT_FOUND', `not a MISP feed directory: ${dir}`);
  const result: ImportResult = { indicators: [], problems: [], counts: {} };
  const manifestPath = join(dir, MANIFEST);
  const manifest = readManifest(manifestPath, result.problems);
  const eventFiles = new Map(
    readdirSync(dir).flatMap((name) => {
      const match = EVENT_FILE.exec(name);
      return match?.[1] === undefined ? [] : [[match[1].toLowerCase(), name] as const];
    }),
  );
  const hashesPath = join(dir, HASHES);
  const hashes = existsSync(hashesPath)
    ? parseFeedHashes(readFileSync(hashesPath, 'utf8'))
    : undefined;
  if (hashes === undefined)
    result.problems.push({ file: hashesPath, ref: HASHES, reason: 'feed has no hashes.csv' });

  set(result.counts, 'feed.event_listed', Object.keys(manifest).length);
  for (const [uuid, entry] of Object.entries(manifest)) {
    const name = eventFiles.get(uuid.toLowerCase());
    if (name === undefined) {
      addCount(result.counts, 'feed.event_missing');
      result.problems.push({
        file: join(dir, `${uuid}.json`),
        ref: uuid,
        reason: 'event listed in manifest.json but its file is missing',
      });
      continue;
    }
    importFeedEvent(join(dir, name), uuid, entry, options, hashes, result);
  }
  for (const [uuid, name] of eventFiles) {
    if (Object.keys(manifest).some((key) => key.toLowerCase() === uuid)) continue;
    addCount(result.counts, 'feed.file_unlisted');
    result.problems.push({
      file: join(dir, name),
      ref: uuid,
      reason: 'event file not listed in manifest.json; not imported',
    });
  }
  if (hashes !== undefined) {
    set(result.counts, 'hashes.listed', hashes.listed);
    set(result.counts, 'hashes.malformed', hashes.malformed);
  }
  return result;
}

function importFeedEvent(
  path: string,
  uuid: string,
  manifestEntry: JsonRecord,
  options: MispImportOptions,
  hashes: FeedHashes | undefined,
  result: ImportResult,
): void {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    addCount(result.counts, 'feed.file_broken');
    result.problems.push({
      file: path,
      ref: uuid,
      reason: `not JSON: ${(error as Error).message}`,
    });
    return;
  }
  const [event] = eventsOf(json);
  if (event === undefined) {
    addCount(result.counts, 'feed.file_broken');
    result.problems.push({ file: path, ref: uuid, reason: 'file holds no MISP event' });
    return;
  }
  const eventUuid = textField(event, 'uuid');
  if (eventUuid !== undefined && eventUuid.toLowerCase() !== uuid.toLowerCase())
    result.problems.push({
      file: path,
      ref: uuid,
      reason: `event uuid ${eventUuid} differs from its manifest entry; imported as written`,
    });
  // The event's own fields win: the manifest is a summary written at export time.
  const imported = importMispEvent({ Event: { ...manifestEntry, ...event } }, path, options);
  result.indicators.push(...imported.indicators);
  result.problems.push(...imported.problems);
  for (const [key, count] of Object.entries(imported.counts)) addCount(result.counts, key, count);
  if (hashes !== undefined) checkHashes(event, eventUuid ?? uuid, hashes, result.counts);
}

/** Counts attribute values whose md5 hashes.csv lists for their event, and those it does not. */
function checkHashes(
  event: JsonRecord,
  uuid: string,
  hashes: FeedHashes,
  counts: Record<string, number>,
): void {
  const listed = hashes.byEvent.get(uuid) ?? new Set<string>();
  addCount(counts, 'hashes.confirmed', 0);
  addCount(counts, 'hashes.mismatched', 0);
  for (const { attribute } of attributesOf(event))
    for (const md5 of attributeValueHashes(attribute))
      addCount(counts, listed.has(md5) ? 'hashes.confirmed' : 'hashes.mismatched');
}

function readManifest(path: string, problems: ImportProblem[]): Record<string, JsonRecord> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    problems.push({ file: path, ref: MANIFEST, reason: `unreadable: ${(error as Error).message}` });
    return {};
  }
  if (!isRecord(manifest)) {
    problems.push({ file: path, ref: MANIFEST, reason: 'not a JSON object of event uuids' });
    return {};
  }
  const entries: Record<string, JsonRecord> = {};
  for (const [uuid, entry] of Object.entries(manifest)) {
    if (isRecord(entry)) entries[uuid] = entry;
    else problems.push({ file: path, ref: uuid, reason: 'manifest entry is not an object' });
  }
  return entries;
}

function set(counts: Record<string, number>, key: string, value: number): void {
  counts[key] = value;
}
