// Request and response schemas of the incidents routes.
import Type from 'typebox';

const Status = Type.Union([
  Type.Literal('new'),
  Type.Literal('triage'),
  Type.Literal('contained'),
  Type.Literal('eradicated'),
  Type.Literal('recovered'),
  Type.Literal('closed'),
]);

const Level = Type.Union([0, 1, 2, 3, 4, 5].map((level) => Type.Literal(level)));

export const IncidentsQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Status, Type.Literal('open')])),
    severity: Type.Optional(Type.Integer({ minimum: 0, maximum: 5 })),
    site: Type.Optional(Type.String({ maxLength: 64 })),
    campaign: Type.Optional(Type.String({ maxLength: 64 })),
    campaigns: Type.Optional(Type.Boolean()),
    since: Type.Optional(Type.String({ maxLength: 64 })),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);

export const IncidentSummary = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    status: Type.String(),
    severity: Type.Integer(),
    severity_label: Type.String(),
    category: Type.String(),
    sites: Type.Array(Type.String()),
    hosts: Type.Array(Type.String()),
    observables: Type.Array(Type.Object({ type: Type.String(), value: Type.String() })),
    alert_ids: Type.Array(Type.String()),
    campaign_id: Type.Union([Type.String(), Type.Null()]),
    first_seen: Type.String(),
    last_seen: Type.String(),
    reasons: Type.Array(Type.String()),
  },
  { additionalProperties: true },
);

export const IncidentChangesBody = Type.Object(
  {
    status: Type.Optional(Status),
    assignee: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000 })),
    task: Type.Optional(
      Type.Union([
        Type.Object(
          { title: Type.String({ minLength: 1, maxLength: 500 }) },
          { additionalProperties: false },
        ),
        Type.Object(
          { id: Type.String({ maxLength: 20 }), done: Type.Boolean() },
          { additionalProperties: false },
        ),
      ]),
    ),
    evidence: Type.Optional(
      Type.Object(
        {
          kind: Type.Union([
            Type.Literal('observable'),
            Type.Literal('file'),
            Type.Literal('event'),
            Type.Literal('link'),
          ]),
          value: Type.String({ minLength: 1, maxLength: 4000 }),
          sha256: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })),
          description: Type.Optional(Type.String({ maxLength: 2000 })),
        },
        { additionalProperties: false },
      ),
    ),
    override: Type.Optional(
      Type.Object(
        { level: Level, reason: Type.String({ minLength: 1, maxLength: 2000 }) },
        { additionalProperties: false },
      ),
    ),
    reported: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const ActionBody = Type.Object(
  {
    kind: Type.Union([
      Type.Literal('isolate-host'),
      Type.Literal('block-domain'),
      Type.Literal('block-ip'),
      Type.Literal('reset-credentials'),
      Type.Literal('disinfect-and-verify'),
    ]),
    targets: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), {
      minItems: 1,
      maxItems: 100,
    }),
  },
  { additionalProperties: false },
);
