// Alerts shaped as each detector raises them, at a given time, host and site, for incident tests.
import type { Alert, AlertLevel, Observable } from '../../src/core/index.ts';

let serial = 0;

export interface AlertPlace {
  at: number;
  host?: string;
  site?: string;
}

function base(
  place: AlertPlace,
  parts: Partial<Alert> & Pick<Alert, 'detector' | 'rule' | 'level'>,
): Alert {
  serial++;
  const time = new Date(place.at).toISOString();
  const alert: Alert = {
    id: `alert-${String(serial).padStart(6, '0')}`,
    tags: [],
    '@timestamp': time,
    last_seen: time,
    count: 1,
    event_ids: [`event-${String(serial)}`],
    matched: [],
    observables: [],
    retrospective: false,
    created: new Date(place.at + 30_000).toISOString(),
    ...parts,
  };
  if (place.host !== undefined) alert.host = place.host;
  if (place.site !== undefined) alert.site = { id: place.site };
  return alert;
}

/** A network beacon from the host to a C2 address (and name). */
export function beaconAlert(place: AlertPlace, c2: string, name?: string, country = 'CN'): Alert {
  const observables: Observable[] = [{ type: 'ip', value: c2, role: 'destination' }];
  if (name !== undefined) observables.push({ type: 'domain', value: name, role: 'destination' });
  return base(place, {
    detector: 'network',
    rule: { id: 'chancery-network-beacon', name: 'Beaconing to a rare destination' },
    level: 'high',
    tags: ['attack.command-and-control', 'attack.t1071'],
    matched: [{ field: 'destination', value: name ?? c2 }],
    observables,
    details: { score: 0.9, destination: { addresses: [c2], country }, reasons: [] },
  });
}

/** A Sigma execution alert (a process start) on the host, with the process hash. */
export function executionAlert(
  place: AlertPlace,
  sha256: string,
  level: AlertLevel = 'high',
): Alert {
  return base(place, {
    detector: 'sigma',
    rule: { id: 'sigma-exec', name: 'Suspicious Encoded PowerShell Command Line', author: 'Test' },
    level,
    tags: ['attack.execution', 'attack.t1059.001'],
    observables: [{ type: 'sha256', value: sha256, role: 'process' }],
  });
}
