// GET /api/v1/alerts (filters, cursor pagination) and /alerts/{id}: the common alert stream as
// stored, whichever detector raised the alerts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ChanceryError } from '../../../core/index.ts';
import type { Stores } from '../../../storage/ports.ts';
import { ErrorBody } from '../../errors.ts';
import { queryTime } from '../../query-time.ts';
import { AlertDocument, AlertParams, AlertsPage, AlertsQuery } from './schema.ts';

export const alertRoutes =
  (stores: Stores): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/alerts',
      {
        config: { permission: 'alerts:read' },
        schema: {
          summary: 'Search alerts, newest first',
          tags: ['alerts'],
          querystring: AlertsQuery,
          response: { 200: AlertsPage, 400: ErrorBody },
        },
      },
      async (request) => {
        const q = request.query;
        const since = queryTime('since', q.since);
        const until = queryTime('until', q.until);
        const page = await stores.alerts.query({
          limit: q.limit,
          order: q.order,
          ...(since === undefined ? {} : { since }),
          ...(until === undefined ? {} : { until }),
          ...(q.level === undefined ? {} : { level: q.level }),
          ...(q.detector === undefined ? {} : { detector: q.detector }),
          ...(q.rule === undefined ? {} : { ruleId: q.rule }),
          ...(q.site === undefined ? {} : { site: q.site }),
          ...(q.host === undefined ? {} : { host: q.host }),
          ...(q.retrospective === undefined ? {} : { retrospective: q.retrospective }),
          ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
        });
        return { alerts: page.alerts, next_cursor: page.nextCursor ?? null };
      },
    );

    app.get(
      '/alerts/:id',
      {
        config: { permission: 'alerts:read' },
        schema: {
          summary: 'One alert by id',
          tags: ['alerts'],
          params: AlertParams,
          response: { 200: AlertDocument, 404: ErrorBody },
        },
      },
      async (request) => {
        const alert = await stores.alerts.get(request.params.id);
        if (alert === undefined)
          throw new ChanceryError('CHN_ERR_NOT_FOUND', `No alert ${request.params.id}`);
        return alert;
      },
    );
  };
