// Alerts for tests: a detector's candidate match at a given minute of a fixed morning.
import type { Alert } from '../../src/core/index.ts';

export const MINUTE = 60_000;
const T0 = Date.UTC(2024, 3, 19, 8, 0, 0);

/** A detector's candidate: one match at `minutes` after T0 on event `eventId`. */
export function candidate(minutes: number, eventId: string, overrides: Partial<Alert> = {}): Alert {
  const time = new Date(T0 + minutes * MINUTE).toISOString();
  return {
    id: '',
    detector: 'sigma',
    rule: { id: 'r-1', name: 'Encoded PowerShell', author: 'Florian Roth' },
    level: 'high',
    tags: ['attack.t1059.001'],
    '@timestamp': time,
    last_seen: time,
    count: 1,
    site: { id: 'paris' },
    host: 'ws-07',
    event_ids: [eventId],
    matched: [{ field: 'process.command_line', value: 'powershell -enc AAAA' }],
    observables: [{ type: 'host', value: 'ws-07' }],
    retrospective: false,
    created: '2024-04-19T09:00:00.000Z',
    ...overrides,
  };
}
