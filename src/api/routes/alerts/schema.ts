// Request and response schemas of the alerts resource (the shape is src/core/alert.ts).
import Type from 'typebox';
import { ALERT_LEVELS, DETECTORS } from '../../../core/index.ts';

export const Level = Type.Enum(ALERT_LEVELS);
export const DetectorName = Type.Enum(DETECTORS);

const Time = Type.String({
  maxLength: 64,
  description: 'ISO time, epoch seconds, or 24h / 7d back from now',
});

export const AlertsQuery = Type.Object(
  {
    since: Type.Optional(Time),
    until: Type.Optional(Time),
    level: Type.Optional(
      Type.Enum(ALERT_LEVELS, { description: 'Minimum level: high means high or critical' }),
    ),
    detector: Type.Optional(DetectorName),
    rule: Type.Optional(Type.String({ maxLength: 256, description: 'Rule id' })),
    site: Type.Optional(Type.String({ maxLength: 64 })),
    host: Type.Optional(Type.String({ maxLength: 255 })),
    retrospective: Type.Optional(
      Type.Boolean({ description: 'true: only hunt results; false: only live alerts' }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    cursor: Type.Optional(Type.String({ maxLength: 256 })),
    order: Type.Union([Type.Literal('desc'), Type.Literal('asc')], { default: 'desc' }),
  },
  { additionalProperties: false },
);

export const AlertDocument = Type.Object(
  {
    id: Type.String(),
    detector: DetectorName,
    rule: Type.Object({
      id: Type.String(),
      name: Type.String(),
      author: Type.Optional(Type.String()),
      description: Type.Optional(Type.String()),
      references: Type.Optional(Type.Array(Type.String())),
      source: Type.Optional(Type.String()),
    }),
    level: Level,
    tags: Type.Array(Type.String()),
    '@timestamp': Type.String(),
    last_seen: Type.String(),
    count: Type.Integer(),
    site: Type.Optional(Type.Object({ id: Type.String(), name: Type.Optional(Type.String()) })),
    host: Type.Optional(Type.String()),
    event_ids: Type.Array(Type.String()),
    event: Type.Optional(
      Type.Object({}, { additionalProperties: true, description: 'The first matching event' }),
    ),
    matched: Type.Array(Type.Object({ field: Type.String(), value: Type.String() })),
    observables: Type.Array(
      Type.Object({
        type: Type.String(),
        value: Type.String(),
        role: Type.Optional(Type.String()),
      }),
    ),
    retrospective: Type.Boolean(),
    created: Type.String(),
    details: Type.Optional(Type.Object({}, { additionalProperties: true })),
  },
  { description: 'An alert (see docs/alerts.md)' },
);

export const AlertsPage = Type.Object({
  alerts: Type.Array(AlertDocument),
  next_cursor: Type.Union([Type.String(), Type.Null()]),
});

export const AlertParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{32}$' }) });
