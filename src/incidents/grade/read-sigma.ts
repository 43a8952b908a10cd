// Sigma alerts: the stage is the rule's furthest ATT&CK tactic; an antivirus detection (Windows
// Defender's events, SigmaHQ's `antivirus` rules) is commodity malware the product caught, and
// whether it removed it decides how much is left to recover.
import type { Alert, EcsEvent } from '../../core/index.ts';
import {
  baseSignal,
  groupTags,
  stageOfTactics,
  tacticsOf,
  type AlertSignal,
  type AntivirusOutcome,
} from './signal.ts';

// Defender's Operational channel: 1006/1116 found, 1015 behaviour found, 1007/1117 acted,
// 1008/1118/1119 the action failed (learn.microsoft.com, "Microsoft Defender Antivirus event IDs").
const DEFENDER_ACTED = new Set([1007, 1117]);
const DEFENDER_FAILED = new Set([1008, 1118, 1119]);
const REMOVING_ACTIONS = /quarantine|remove|clean|delete/i;

export function readSigma(alert: Alert): AlertSignal {
  const tactics = tacticsOf(alert.tags);
  const antivirus = antivirusOutcome(alert);
  const stage = stageOfTactics(tactics) ?? (antivirus === undefined ? undefined : 'execution');
  const signal = baseSignal(alert, categoryOf(stage, tactics, antivirus));
  if (stage !== undefined) signal.stage = stage;
  signal.credentials = tactics.has('credential-access');
  signal.destructive = tactics.has('impact');
  const groups = groupTags(alert.tags);
  if (groups.length > 0) signal.targeted = `the rule names intrusion set ${groups.join(', ')}`;
  if (antivirus !== undefined) {
    signal.antivirus = antivirus;
    const threat = threatName(alert.event);
    signal.untargeted = `antivirus caught commodity malware${threat === undefined ? '' : ` (${threat})`}`;
  }
  return signal;
}

function categoryOf(
  stage: AlertSignal['stage'],
  tactics: ReadonlySet<string>,
  antivirus: AntivirusOutcome | undefined,
): AlertSignal['category'] {
  if (tactics.has('exfiltration')) return 'exfiltration';
  // Encryption, wiping, inhibited recovery: the work of malware, whatever delivered it.
  if (tactics.has('impact')) return 'malware';
  if (stage === 'command-and-control') return 'command-and-control';
  return antivirus === undefined ? 'suspicious-activity' : 'malware';
}

/** Undefined when the alert is not an antivirus detection. */
function antivirusOutcome(alert: Alert): AntivirusOutcome | undefined {
  const event = alert.event;
  const channel = event?.winlog?.channel ?? event?.event.provider ?? '';
  const logsource = alert.details?.logsource;
  const fromRule =
    typeof logsource === 'object' &&
    logsource !== null &&
    (('category' in logsource && logsource.category === 'antivirus') ||
      ('service' in logsource && logsource.service === 'windefend'));
  if (!fromRule && !/windows defender/i.test(channel)) return undefined;
  const id = event?.winlog?.event_id ?? Number(event?.event.code);
  if (DEFENDER_FAILED.has(id)) return 'failed';
  const action = eventData(event, 'Action Name', 'ActionName');
  if (DEFENDER_ACTED.has(id) || (action !== undefined && REMOVING_ACTIONS.test(action)))
    return 'removed';
  return 'detected';
}

function threatName(event: EcsEvent | undefined): string | undefined {
  return eventData(event, 'Threat Name', 'ThreatName');
}

function eventData(event: EcsEvent | undefined, ...names: string[]): string | undefined {
  const data = event?.winlog?.event_data;
  for (const name of names) {
    const value = data?.[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}
