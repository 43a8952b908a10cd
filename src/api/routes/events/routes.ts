// GET /api/v1/events (search with cursor pagination), /events/{id}, and /stats.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ChanceryError } from '../../../core/index.ts';
import { parseFieldFilter } from '../../../storage/field-filter.ts';
import type { Stores } from '../../../storage/ports.ts';
import { ErrorBody } from '../../errors.ts';
import { queryTime } from '../../query-time.ts';
import { DatasetCounts, EventDocument, EventParams, EventsPage, EventsQuery } from './schema.ts';

export const eventRoutes =
  (stores: Stores): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/events',
      {
        config: { permission: 'events:read' },
        schema: {
          summary: 'Search events',
          tags: ['events'],
          querystring: EventsQuery,
          response: { 200: EventsPage, 400: ErrorBody },
        },
      },
      async (request) => {
        const q = request.query;
        const since = queryTime('since', q.since);
        const until = queryTime('until', q.until);
        const page = await stores.events.query({
          limit: q.limit,
          order: q.order,
          where: (q.where ?? []).map(parseFieldFilter),
          ...(q.site === undefined ? {} : { site: q.site }),
          ...(q.host === undefined ? {} : { host: q.host }),
          ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
          ...(since === undefined ? {} : { since }),
          ...(until === undefined ? {} : { until }),
        });
        return { events: page.events, next_cursor: page.nextCursor ?? null };
      },
    );

    app.get(
      '/events/:id',
      {
        config: { permission: 'events:read' },
        schema: {
          summary: 'One event by id',
          tags: ['events'],
          params: EventParams,
          response: { 200: EventDocument, 404: ErrorBody },
        },
      },
      async (request) => {
        const event = await stores.events.get(request.params.id);
        if (event === undefined)
          throw new ChanceryError('CHN_ERR_NOT_FOUND', `No event ${request.params.id}`);
        return event;
      },
    );

    app.get(
      '/stats',
      {
        config: { permission: 'events:read' },
        schema: {
          summary: 'Stored events by dataset, and the number of rejects',
          tags: ['events'],
          response: { 200: DatasetCounts },
        },
      },
      async () => ({
        datasets: await stores.events.countByDataset(),
        rejects: await stores.rejects.count(),
      }),
    );
  };
