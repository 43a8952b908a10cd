// One reader per detector, chosen from a table: adding a detector is adding a row here.
import type { Alert, Detector } from '../../core/index.ts';
import { readIntel } from './read-intel.ts';
import { readMail } from './read-mail.ts';
import { readNetwork } from './read-network.ts';
import { readSigma } from './read-sigma.ts';
import type { AlertSignal } from './signal.ts';

const READERS: Readonly<Record<Detector, (alert: Alert) => AlertSignal>> = {
  sigma: readSigma,
  mail: readMail,
  network: readNetwork,
  intel: readIntel,
};

export function readSignals(alerts: readonly Alert[]): AlertSignal[] {
  return alerts.map((alert) => READERS[alert.detector](alert));
}
