// GET /api/v1/beacons: the scored pairs of the network analytics, highest first, with filters
// and cursor pagination. POST /api/v1/analyze: run the analytics over stored telemetry.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { App } from '../../../main.ts';
import { ErrorBody } from '../../errors.ts';
import { queryTime } from '../../query-time.ts';

const Time = Type.String({
  maxLength: 64,
  description: 'ISO time, epoch seconds, or 24h / 7d back from now',
});

const BeaconsQuery = Type.Object(
  {
    min_score: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    alerts: Type.Optional(Type.Boolean()),
    site: Type.Optional(Type.String({ maxLength: 64 })),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);

// Pairs are documents with many optional parts; the schema names the top level and lets the
// parts through whole, so the API serves exactly what `chancery beacons --json` prints.
const ScoredPairDocument = Type.Object(
  {
    src: Type.String(),
    dst: Type.String(),
    kind: Type.String(),
    score: Type.Number(),
    severity: Type.String(),
    alert: Type.Boolean(),
  },
  { additionalProperties: true },
);

const AnalyzeBody = Type.Object(
  { since: Type.Optional(Time), until: Type.Optional(Time) },
  { additionalProperties: false },
);

export const networkRoutes =
  (app: App): FastifyPluginAsyncTypebox =>
  async (server) => {
    server.get(
      '/beacons',
      {
        config: { permission: 'alerts:read' },
        schema: {
          summary: 'Scored (source, destination) pairs: sub-scores, prevalence, first seen',
          tags: ['network'],
          querystring: BeaconsQuery,
          response: {
            200: Type.Object({
              pairs: Type.Array(ScoredPairDocument),
              next_cursor: Type.Union([Type.String(), Type.Null()]),
            }),
            400: ErrorBody,
          },
        },
      },
      async (request) => {
        const q = request.query;
        const page = await app.stores.network.pairs({
          limit: q.limit,
          ...(q.min_score === undefined ? {} : { minScore: q.min_score }),
          ...(q.alerts === undefined ? {} : { alerts: q.alerts }),
          ...(q.site === undefined ? {} : { site: q.site }),
          ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
        });
        return { pairs: page.pairs, next_cursor: page.nextCursor ?? null };
      },
    );

    server.post(
      '/analyze',
      {
        config: { permission: 'rules:write' },
        schema: {
          summary: 'Run the network analytics over stored telemetry (retrospective alerts)',
          tags: ['network'],
          body: AnalyzeBody,
          response: {
            200: Type.Object({
              window: Type.Object({ start: Type.String(), end: Type.String() }),
              hosts: Type.Integer(),
              connections: Type.Integer(),
              pairs: Type.Integer(),
              findings: Type.Integer(),
              alerts: Type.Integer(),
            }),
            400: ErrorBody,
          },
        },
      },
      async (request) => {
        const since = queryTime('since', request.body.since) ?? Date.now() - 86_400_000;
        const until = queryTime('until', request.body.until);
        const { report, alerts } = await app.network.analyzeHistory(app.stores.events, {
          since,
          ...(until === undefined ? {} : { until }),
        });
        await app.openAlertSink().raise(alerts);
        return {
          window: report.window,
          hosts: report.hosts,
          connections: report.connections,
          pairs: report.pairs.length,
          findings: report.findings.length,
          alerts: alerts.length,
        };
      },
    );
  };
