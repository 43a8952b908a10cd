// Indicator matches into the common alert stream, each with the indicator's provenance (every
// source, its reference, confidence and context), its TLP, and the event value that matched.
import type { Alert, AlertLevel, EcsEvent, Observable, ObservableType } from '../../core/index.ts';
import { eventObservables } from '../observables.ts';
import type { IndicatorHit } from './indicator-index.ts';

export interface IntelAlertOptions {
  retrospective: boolean;
  now: Date;
}

const OBSERVABLE_TYPE: Readonly<Record<string, ObservableType>> = {
  ipv4: 'ip',
  ipv6: 'ip',
  domain: 'domain',
  url: 'url',
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  email: 'email',
  filename: 'file',
};

export function intelAlert(event: EcsEvent, hit: IndicatorHit, options: IntelAlertOptions): Alert {
  const { indicator, confidence } = hit.entry;
  const contexts = [...new Set(indicator.sources.flatMap((source) => source.context ?? []))];
  const sourceNames = [...new Set(indicator.sources.map((source) => source.name))];
  const label = indicator.type === 'pattern' ? 'STIX pattern' : indicator.type;
  const observables: Observable[] = eventObservables(event);
  const type = OBSERVABLE_TYPE[hit.value.type];
  if (type !== undefined) observables.unshift({ type, value: hit.value.value, role: 'indicator' });
  const alert: Alert = {
    id: '',
    detector: 'intel',
    rule: {
      id: `chancery-intel:${indicator.type}:${indicator.value}`,
      name: `Known-bad ${label} ${indicator.value}${contexts.length > 0 ? ` (${contexts.slice(0, 3).join(', ')})` : ''}`,
      author: sourceNames.join(', '),
      description: `A value in the event matches a threat-intelligence indicator reported by ${sourceNames.join(', ')}.`,
      source: sourceNames.join(', '),
    },
    level: levelOf(confidence),
    tags: ['chancery.intel', `tlp.${indicator.tlp}`],
    '@timestamp': event['@timestamp'],
    last_seen: event['@timestamp'],
    count: 1,
    event_ids: [event.event.id],
    event,
    matched: [{ field: hit.value.field, value: hit.value.value }],
    observables,
    retrospective: options.retrospective,
    created: options.now.toISOString(),
    details: {
      indicator: {
        type: indicator.type,
        value: indicator.value,
        tlp: indicator.tlp,
        confidence,
        sources: indicator.sources,
        ...(indicator.valid_from === undefined ? {} : { valid_from: indicator.valid_from }),
        ...(indicator.valid_until === undefined ? {} : { valid_until: indicator.valid_until }),
      },
      matched_role: hit.value.role,
    },
  };
  if (event.site !== undefined)
    alert.site = {
      id: event.site.id,
      ...(event.site.name === undefined ? {} : { name: event.site.name }),
    };
  const host = event.host?.name ?? internalAddress(event);
  if (host !== undefined) alert.host = host;
  return alert;
}

/** The level follows how much the indicator is still trusted. */
function levelOf(confidence: number): AlertLevel {
  if (confidence >= 75) return 'high';
  if (confidence >= 40) return 'medium';
  return 'low';
}

function internalAddress(event: EcsEvent): string | undefined {
  if (event.source?.ip !== undefined && event.source.zone !== 'external') return event.source.ip;
  if (event.destination?.ip !== undefined && event.destination.zone !== 'external')
    return event.destination.ip;
  return undefined;
}
