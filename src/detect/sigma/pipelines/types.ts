// The log-source pipeline port: how a rule's `logsource` turns into the kinds of events it
// applies to (routes), and how a Sigma field name reads on those events. The engine codes against
// these types only; pipeline.ts builds them from the YAML data in this folder.
import type { EcsEvent } from '../../../core/index.ts';
import type { LogSource } from '../rule/model.ts';

/** Where events of one kind come from and how Sigma field names read on them. */
export interface Route {
  /**
   * Route key events are filed under, e.g. 'windows:microsoft-windows-sysmon/operational:1',
   * 'windows:security:*', 'windows:*:*', 'dataset:zeek.dns', 'dataset:suricata.eve:dns'
   * (Windows channels lowercase; `*` = any channel or event id).
   */
  key: string;
  /** Sigma field name -> ECS dotted paths to try in order (the first present wins). */
  fields: Readonly<Record<string, readonly string[]>>;
  /**
   * Path prefix for Sigma fields not listed in `fields` (e.g. 'winlog.event_data.'); absent: the
   * Sigma name is used as a dotted path.
   */
  defaultPrefix?: string;
  /**
   * Extra conditions an event must meet (e.g. EventType for registry_add): dotted path -> allowed
   * values (string compare, case-insensitive).
   */
  where?: readonly { path: string; values: readonly string[] }[];
  /** Paths a keyword search (a Sigma keyword list) looks in; `x.*` means every value under x. */
  keywords: readonly string[];
  /**
   * The Sigma field whose exact values a key's last part stands for (`EventID` for Windows keys):
   * a rule that pins the field down is filed under those values only.
   */
  refineBy?: string;
}

export interface LogsourcePipeline {
  /** Routes for a rule's logsource; [] when no event Chancery ingests can match it (e.g. product: aws). */
  resolve(logsource: LogSource): readonly Route[];
  /**
   * The route keys an event is filed under, most specific first (exact channel and event id,
   * channel wildcard, product wildcard). Called once per event: answers come from a cache.
   */
  routeKeys(event: EcsEvent): readonly string[];
}
