// GET /api/v1/sites and PUT /api/v1/sites (a CSV body replaces the registry, as `sites import` does).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ChanceryError } from '../../core/index.ts';
import { readSiteCsv } from '../../enrich/site/registry-csv.ts';
import type { App } from '../../main.ts';
import { ErrorBody } from '../errors.ts';

const SiteBody = Type.Object({
  id: Type.String(),
  name: Type.String(),
  country: Type.String(),
  timezoneOffsetMinutes: Type.Integer(),
  openCidrs: Type.Array(Type.String()),
  closedCidrs: Type.Array(Type.String()),
  attributes: Type.Record(Type.String(), Type.String()),
});

export const siteRoutes =
  (app: App): FastifyPluginAsyncTypebox =>
  async (server) => {
    server.get(
      '/sites',
      {
        config: { permission: 'sites:read' },
        schema: {
          summary: 'The site registry',
          tags: ['sites'],
          response: { 200: Type.Array(SiteBody) },
        },
      },
      async () => app.stores.sites.list(),
    );
    server.put(
      '/sites',
      {
        config: { permission: 'sites:write' },
        schema: {
          summary: 'Replace the registry from CSV (text/csv body)',
          tags: ['sites'],
          consumes: ['text/csv'],
          response: { 200: Type.Object({ imported: Type.Integer() }), 400: ErrorBody },
        },
      },
      async (request) => {
        const text = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
        const { sites, problems } = readSiteCsv(text, 'request body');
        if (problems.length > 0)
          throw new ChanceryError(
            'CHN_ERR_SITES_INVALID',
            `${problems.length} problem(s); nothing was imported`,
            problems,
          );
        await app.stores.sites.replaceAll(sites);
        await app.reloadSites();
        return { imported: sites.length };
      },
    );
  };
