// The log-source pipeline port: how a rule's `logsource` turns into the kinds of events it
// applies to (routes), and how a Sigma field name reads on those events.
import type { EcsEvent } from '../../../core/index.ts';
import type { LogSource } from '../rule/model.ts';

/** Where events of one kind come from and how Sigma field names read on them. */
export interface Route {
  /**
   * Route key events are filed under: `windows:<channel>:<event id>`, `windows:<channel>:*`,
   * `windows:*:*`, `dataset:<dataset>` or `dataset:<dataset>:<event.action>` (channels lowercase).
   */
  key: string;
  /** Sigma field name -> ECS dotted paths to try in order (the first present wins). */
  fields: Readonly<Record<string, readonly string[]>>;
  /** Path prefix for Sigma fields not listed in `fields`; absent: the Sigma name is the path. */
  defaultPrefix?: string;
  /** Extra conditions an event must meet (e.g. EventType for registry_add); case-insensitive. */
  where?: readonly { path: string; values: readonly string[] }[];
  /** Paths a keyword search looks in; a path ending in `.*` means every value under it. */
  keywords: readonly string[];
}

export interface LogsourcePipeline {
  /** Routes for a rule's log source; [] when no event Chancery ingests can match it. */
  resolve(logsource: LogSource): readonly Route[];
  /** The route keys an event is filed under, most specific first. Called once per event. */
  routeKeys(event: EcsEvent): readonly string[];
}
