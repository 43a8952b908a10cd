// What one alert says about an incident's severity, read once per alert whatever its detector:
// how far the attack got, who seems to be behind it, where it happened and what it put at risk.
// The factor rules (factors.ts) combine these; only the readers (read-*.ts) know detector details.
import type { Alert, EcsEvent, IncidentCategory, SeverityFactors } from '../../core/index.ts';

export type Stage = SeverityFactors['stage'];

export type AntivirusOutcome = 'removed' | 'detected' | 'failed';

export interface AlertSignal {
  alert: Alert;
  /** How far this alert shows the attack got; absent when it says nothing about that. */
  stage?: Stage;
  /** The category this alert alone would give the incident. */
  category: IncidentCategory;
  /** Why this alert points at a targeted actor. */
  targeted?: string;
  /** Why this alert points at commodity, untargeted activity. */
  untargeted?: string;
  /** Why this alert is activity on the closed (classified) network. */
  closed?: string;
  /** The alert never reached a host: mail stopped or delivered, an indicator on a mail. */
  offHost: boolean;
  /** A lure (phishing or targeted mail) that asks for credentials or carries a payload. */
  lure: boolean;
  /** Credential theft was observed (ATT&CK credential access). */
  credentials: boolean;
  /** Destruction or denial was observed (ATT&CK impact). */
  destructive: boolean;
  /** What the antivirus did, when the alert is its detection. */
  antivirus?: AntivirusOutcome;
  /** A beacon or long connection to a destination few hosts reach. */
  rareDestination: boolean;
  /** Where traffic went, when the alert says: addresses and country (ISO 3166). */
  destination: { addresses: string[]; country?: string };
  /** Site ids the alert concerns (its own and, for mail, the recipients'). */
  sites: string[];
}

/** The fields every reader starts from; readers fill in what their detector knows. */
export function baseSignal(alert: Alert, category: IncidentCategory): AlertSignal {
  const signal: AlertSignal = {
    alert,
    category,
    offHost: false,
    lure: false,
    credentials: false,
    destructive: false,
    rareDestination: false,
    destination: { addresses: [] },
    sites: alert.site === undefined ? [] : [alert.site.id],
  };
  const closed = closedZone(alert.event);
  if (closed !== undefined) signal.closed = closed;
  return signal;
}

/** ATT&CK tactics in a rule's tags, hyphenated (SigmaHQ wrote `command_and_control` before 2024). */
export function tacticsOf(tags: readonly string[]): Set<string> {
  const tactics = new Set<string>();
  for (const tag of tags) {
    const lower = tag.toLowerCase();
    if (!lower.startsWith('attack.')) continue;
    const name = lower.slice('attack.'.length).replaceAll('_', '-');
    // Techniques (t1059), groups (g0007), software (s0154) and mitigations are not tactics.
    if (!/^[tgsm]\d{4}/.test(name)) tactics.add(name);
  }
  return tactics;
}

// ATT&CK tactics by the stage they show; a rule's furthest tactic sets its stage.
const TACTIC_STAGE: Readonly<Record<string, Stage>> = {
  reconnaissance: 'delivery',
  'resource-development': 'delivery',
  'initial-access': 'delivery',
  execution: 'execution',
  persistence: 'execution',
  'privilege-escalation': 'execution',
  'defense-evasion': 'execution',
  'credential-access': 'execution',
  discovery: 'execution',
  'lateral-movement': 'execution',
  collection: 'execution',
  'command-and-control': 'command-and-control',
  exfiltration: 'exfiltration',
  // Impact (encryption, wiping) is as far as an attack goes; the stage scale ends at exfiltration.
  impact: 'exfiltration',
};

export const STAGES: readonly Stage[] = [
  'delivery',
  'execution',
  'command-and-control',
  'exfiltration',
];

export function stageOfTactics(tactics: ReadonlySet<string>): Stage | undefined {
  let best: Stage | undefined;
  for (const tactic of tactics) {
    const stage = TACTIC_STAGE[tactic];
    if (stage !== undefined && (best === undefined || STAGES.indexOf(stage) > STAGES.indexOf(best)))
      best = stage;
  }
  return best;
}

/** ATT&CK group tags (`attack.g0007`) name an intrusion set: someone chose this target. */
export function groupTags(tags: readonly string[]): string[] {
  return tags.filter((tag) => /^attack\.g\d{4}$/i.test(tag));
}

function closedZone(event: EcsEvent | undefined): string | undefined {
  if (event === undefined) return undefined;
  const zones: [string, string | undefined][] = [
    ['network.zone', event.network?.zone],
    ['source.zone', event.source?.zone],
    ['destination.zone', event.destination?.zone],
    ['client.zone', event.client?.zone],
    ['server.zone', event.server?.zone],
  ];
  const field = zones.find(([, zone]) => zone === 'closed')?.[0];
  return field === undefined ? undefined : `its event's ${field} is closed`;
}
