// Indicator matches: where the value sat in the event says the stage (a destination is command
// and control, a process hash is execution, a mail value is delivery), and the sources' context
// says the actor when it names a campaign, an intrusion set or a state group.
import type { Alert } from '../../core/index.ts';
import { baseSignal, type AlertSignal, type Stage } from './signal.ts';

// Roles as core/event-values.ts names them.
const ROLE_STAGE: Readonly<Record<string, Stage>> = {
  destination: 'command-and-control',
  query: 'command-and-control',
  answer: 'command-and-control',
  request: 'command-and-control',
  referrer: 'command-and-control',
  process: 'execution',
  parent: 'execution',
  file: 'execution',
  sender: 'delivery',
  'reply-to': 'delivery',
  recipient: 'delivery',
  attachment: 'delivery',
  source: 'delivery',
};

// Words sources use for a chosen target rather than a commodity family: campaigns, intrusion
// sets, APT and UNC/TA numbers, and the vendors' state-actor names (Microsoft's Blizzard,
// Typhoon, Sandstorm, Sleet; CrowdStrike's Bear, Panda, Kitten, Chollima).
const TARGETED_CONTEXT =
  /\b(apt ?-?\d*|campaign|operation|intrusion[ -]set|threat[ -]actor|unc\d+|ta\d{3,4}|g\d{4}|blizzard|typhoon|sandstorm|sleet|bear|panda|kitten|chollima)\b/i;

export function readIntel(alert: Alert): AlertSignal {
  const signal = baseSignal(alert, 'known-bad-indicator');
  const role = typeof alert.details?.matched_role === 'string' ? alert.details.matched_role : '';
  const onMail = alert.event?.email !== undefined;
  const stage = onMail ? 'delivery' : ROLE_STAGE[role];
  if (stage !== undefined) signal.stage = stage;
  signal.offHost = onMail;
  const named = contexts(alert).filter((context) => TARGETED_CONTEXT.test(context));
  if (named.length > 0) signal.targeted = `intelligence names ${named.slice(0, 3).join(', ')}`;
  if (stage === 'command-and-control') {
    const matched = alert.matched[0]?.value;
    if (matched !== undefined) signal.destination.addresses = [matched];
  }
  return signal;
}

function contexts(alert: Alert): string[] {
  const indicator = alert.details?.indicator;
  if (typeof indicator !== 'object' || indicator === null || !('sources' in indicator)) return [];
  const sources = indicator.sources;
  if (!Array.isArray(sources)) return [];
  const out: string[] = [];
  for (const source of sources as unknown[]) {
    if (typeof source !== 'object' || source === null || !('context' in source)) continue;
    if (Array.isArray(source.context))
      for (const context of source.context as unknown[])
        if (typeof context === 'string') out.push(context);
  }
  return out;
}
