// The incident's category for reports: the most serious any alert shows.
import type { IncidentCategory, SeverityFactors } from '../../core/index.ts';
import type { AlertSignal } from './signal.ts';

// Least serious first. Targeted mail ranks above commodity malware caught by antivirus: for a
// foreign ministry the chosen target matters more than the payload that was stopped.
const SERIOUSNESS: readonly IncidentCategory[] = [
  'spam',
  'suspicious-activity',
  'phishing',
  'known-bad-indicator',
  'malware',
  'targeted-mail',
  'command-and-control',
  'exfiltration',
  'closed-network-breach',
];

export function categoryOf(
  signals: readonly AlertSignal[],
  location: SeverityFactors['location'],
): IncidentCategory {
  if (location === 'closed-network') return 'closed-network-breach';
  const rank = Math.max(...signals.map((signal) => SERIOUSNESS.indexOf(signal.category)));
  return SERIOUSNESS[rank] ?? 'suspicious-activity';
}
