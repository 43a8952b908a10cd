// What a per-log ECS mapping provides (conn.ts, dns.ts, ...), and small helpers they share.
import type { EventDraft } from '../../core/index.ts';
import type { ZeekRecord } from './record.ts';
import type { Section } from './vendor.ts';

export interface LogSpec {
  /** Zeek fields the ECS mapping fully carries, so they are not repeated under `zeek.<log>`. */
  readonly consumed: readonly string[];
  /** Zeek field -> its name under `zeek.<log>`, where Elastic's integration renames it. */
  readonly renames?: Readonly<Record<string, string>>;
  /** Sets the ECS fields of the record; may add to the `zeek.<log>` section. */
  map(record: ZeekRecord, draft: EventDraft, section: Section): void;
}

/** ECS MAC address form: upper case, hyphen separated. */
export function ecsMac(mac: string): string {
  return mac.toUpperCase().replaceAll(':', '-');
}
