// POST /api/v1/ingest: an NDJSON (or any supported line format, optionally gzip) body, stored
// before the response is sent, so an acknowledged event survives a crash of the server.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ChanceryError } from '../../../core/index.ts';
import type { App } from '../../../main.ts';
import { FORMATS, formatByType } from '../../../parsers/registry.ts';
import { ErrorBody } from '../../errors.ts';
import { siteOf } from '../../site-param.ts';

const IngestQuery = Type.Object(
  {
    site: Type.Optional(Type.String({ maxLength: 64, description: 'site of every event' })),
    format: Type.Optional(
      Type.String({
        maxLength: 32,
        description: `skip detection: ${FORMATS.map((f) => f.type).join(', ')}`,
      }),
    ),
  },
  { additionalProperties: false },
);

const IngestReport = Type.Object({
  events: Type.Integer(),
  inserted: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Integer(),
  datasets: Type.Record(Type.String(), Type.Integer()),
  problem: Type.Optional(Type.String()),
  seconds: Type.Number(),
});

export const BODY_TYPES = [
  'application/x-ndjson',
  'application/jsonl',
  'application/json',
  'text/plain',
  'application/octet-stream',
  'application/gzip',
];

export const ingestRoutes =
  (app: App): FastifyPluginAsyncTypebox =>
  async (server) => {
    server.post(
      '/ingest',
      {
        config: { permission: 'events:write' },
        schema: {
          summary: 'Ingest records (NDJSON or any line format Chancery reads; gzip allowed)',
          tags: ['ingest'],
          querystring: IngestQuery,
          consumes: BODY_TYPES,
          response: { 200: IngestReport, 400: ErrorBody, 413: ErrorBody },
        },
      },
      async (request) => {
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0)
          throw new ChanceryError('CHN_ERR_BAD_REQUEST', 'The body is empty');
        const format =
          request.query.format === undefined ? undefined : formatByType(request.query.format);
        if (request.query.format !== undefined && format === undefined)
          throw new ChanceryError(
            'CHN_ERR_FORMAT_UNKNOWN',
            `Unknown format '${request.query.format}'`,
          );
        const site = await siteOf(app.stores.sites, request.query.site);
        const summary = await app.ingestor.ingestBytes(
          `http:${request.token?.name ?? 'unknown'}`,
          body,
          {
            ...(site === undefined ? {} : { site }),
            ...(format === undefined ? {} : { format }),
          },
        );
        const report = summary.toJSON();
        const problem = report.files[0]?.problem;
        return {
          events: report.events,
          inserted: report.inserted,
          duplicates: report.duplicates,
          rejected: report.rejected,
          datasets: report.datasets,
          seconds: report.seconds,
          ...(problem === undefined ? {} : { problem }),
        };
      },
    );
  };
