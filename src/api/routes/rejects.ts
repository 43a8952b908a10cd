// GET /api/v1/rejects: the dead-letter store, paged.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { Stores } from '../../storage/ports.ts';

const RejectsQuery = Type.Object(
  {
    source: Type.Optional(Type.String({ maxLength: 4096 })),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    cursor: Type.Optional(Type.String({ maxLength: 32 })),
  },
  { additionalProperties: false },
);

const RejectsPage = Type.Object({
  rejects: Type.Array(
    Type.Object({
      id: Type.Integer(),
      source: Type.String(),
      line: Type.Integer(),
      reason: Type.String(),
      raw: Type.String(),
      rawBytes: Type.Integer(),
      format: Type.Optional(Type.String()),
      receivedAt: Type.String(),
    }),
  ),
  next_cursor: Type.Union([Type.String(), Type.Null()]),
  total: Type.Integer(),
});

export const rejectRoutes =
  (stores: Stores): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/rejects',
      {
        config: { permission: 'rejects:read' },
        schema: {
          summary: 'Records that could not be ingested',
          tags: ['ingest'],
          querystring: RejectsQuery,
          response: { 200: RejectsPage },
        },
      },
      async (request) => {
        const { source, limit, cursor } = request.query;
        const page = await stores.rejects.list({
          limit,
          ...(source === undefined ? {} : { source }),
          ...(cursor === undefined ? {} : { cursor }),
        });
        return {
          rejects: page.rejects,
          next_cursor: page.nextCursor ?? null,
          total: await stores.rejects.count(),
        };
      },
    );
  };
