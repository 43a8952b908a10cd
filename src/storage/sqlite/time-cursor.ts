// Keyset cursors over (time, id) for stores that page newest first: opaque to callers, checked
// when they come back.
import { ChanceryError } from '../../core/index.ts';

export function encodeCursor(ts: number, id: string): string {
  return Buffer.from(`${ts}:${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): [number, string] {
  const match = /^(\d{1,16}):(\S{1,128})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new ChanceryError(
      'CHN_ERR_QUERY_INVALID',
      `'${cursor}' is not a cursor this store issued`,
    );
  }
  return [Number(match[1]), match[2]];
}

/** Detectors always write valid times; 0 keeps a broken one from failing the whole batch. */
export function epochMs(iso: string): number {
  const time = Date.parse(iso);
  return Number.isFinite(time) ? time : 0;
}
