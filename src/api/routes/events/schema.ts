// Request and response schemas of the events resource.
import Type from 'typebox';

export const EventDocument = Type.Object(
  {},
  { additionalProperties: true, description: 'An ECS event (see docs/event-model.md)' },
);

export const EventsQuery = Type.Object(
  {
    site: Type.Optional(Type.String({ maxLength: 64 })),
    host: Type.Optional(Type.String({ maxLength: 255 })),
    since: Type.Optional(
      Type.String({
        maxLength: 64,
        description: 'ISO time, epoch seconds, or 24h / 7d back from now',
      }),
    ),
    until: Type.Optional(Type.String({ maxLength: 64 })),
    where: Type.Optional(
      Type.Array(Type.String({ maxLength: 1024 }), {
        maxItems: 32,
        description: 'field=value or field!=value; * is a wildcard',
      }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    cursor: Type.Optional(Type.String({ maxLength: 128 })),
    order: Type.Union([Type.Literal('desc'), Type.Literal('asc')], { default: 'desc' }),
  },
  { additionalProperties: false },
);

export const EventsPage = Type.Object({
  events: Type.Array(EventDocument),
  next_cursor: Type.Union([Type.String(), Type.Null()]),
});

export const EventParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{32}$' }) });

export const DatasetCounts = Type.Object({
  datasets: Type.Array(Type.Object({ dataset: Type.String(), count: Type.Integer() })),
  rejects: Type.Integer(),
});
