// Request and response schemas of the intel routes.
import Type from 'typebox';

const IndicatorTypeSchema = Type.Union([
  Type.Literal('ipv4'),
  Type.Literal('ipv6'),
  Type.Literal('cidr'),
  Type.Literal('domain'),
  Type.Literal('url'),
  Type.Literal('md5'),
  Type.Literal('sha1'),
  Type.Literal('sha256'),
  Type.Literal('sha512'),
  Type.Literal('email'),
  Type.Literal('filename'),
  Type.Literal('pattern'),
]);

const TlpSchema = Type.Union([
  Type.Literal('clear'),
  Type.Literal('green'),
  Type.Literal('amber'),
  Type.Literal('amber+strict'),
  Type.Literal('red'),
]);

const Time = Type.String({
  maxLength: 64,
  description: 'ISO time, epoch seconds, or 24h / 7d back from now',
});

export const ImportQuery = Type.Object(
  {
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    tlp: Type.Optional(TlpSchema),
    name: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'a name for the input in problems',
      }),
    ),
    hunt: Type.Boolean({ default: true, description: 'hunt history for the new indicators' }),
  },
  { additionalProperties: false },
);

export const IndicatorsQuery = Type.Object(
  {
    type: Type.Optional(IndicatorTypeSchema),
    search: Type.Optional(Type.String({ maxLength: 500 })),
    source: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);

export const HuntBody = Type.Object(
  { since: Type.Optional(Time), until: Type.Optional(Time) },
  { additionalProperties: false },
);

// Indicators carry sources with optional parts; the schema names the top level and lets the rest
// through whole, so the API serves exactly what `chancery intel list --json` prints.
export const IndicatorDocument = Type.Object(
  {
    id: Type.Integer(),
    indicator: Type.Object(
      { type: IndicatorTypeSchema, value: Type.String(), tlp: TlpSchema },
      { additionalProperties: true },
    ),
    warninglists: Type.Array(Type.String()),
    forced: Type.Boolean(),
    added: Type.String(),
    updated: Type.String(),
    state: Type.Object(
      { confidence: Type.Number(), expired: Type.Boolean(), reason: Type.Optional(Type.String()) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
