// Builds the HTTP API: schema-validated routes under /api/v1, token auth on all but health,
// body size limits, an OpenAPI document, and logs that never contain a token.
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import Type from 'typebox';
import type { App } from '../main.ts';
import { installAuth } from './auth.ts';
import { errorHandler } from './errors.ts';
import { alertRoutes } from './routes/alerts/routes.ts';
import { ruleRoutes } from './routes/rules.ts';
import { eventRoutes } from './routes/events/routes.ts';
import { BODY_TYPES, ingestRoutes } from './routes/ingest/routes.ts';
import { MAIL_BODY_TYPES, mailRoutes } from './routes/mail/routes.ts';
import { INTEL_IMPORT_URL, intelRoutes } from './routes/intel/routes.ts';
import { incidentRoutes } from './routes/incidents/routes.ts';
import { networkRoutes } from './routes/network/routes.ts';
import { rejectRoutes } from './routes/rejects.ts';
import { siteRoutes } from './routes/sites.ts';
import { tokenRoutes } from './routes/tokens.ts';

export interface ServerOptions {
  logger?: FastifyServerOptions['logger'];
}

const VERSION = '0.1.0';

export async function buildServer(app: App, options: ServerOptions = {}): Promise<FastifyInstance> {
  const bodyLimit = app.config.config.server.body_limit_bytes;
  const server = Fastify({
    bodyLimit,
    logger: options.logger ?? false,
    // Query arrays: ?where=a=1&where=b=2.
    routerOptions: { maxParamLength: 200 },
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  server.setErrorHandler(errorHandler);
  // Line formats arrive raw; the ingest pipeline detects and parses them as it does files.
  server.removeContentTypeParser(['application/json', 'text/plain']);
  server.addContentTypeParser(
    [...BODY_TYPES.filter((type) => type !== 'application/json'), ...MAIL_BODY_TYPES, 'text/csv'],
    { parseAs: 'buffer', bodyLimit },
    (_request, body, done) => {
      done(null, body);
    },
  );
  server.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit },
    (request, body, done) => {
      // JSON bodies of the ingest route are records, and the intel importer recognises formats
      // from the text; every other route gets parsed JSON.
      const url = request.routeOptions.url;
      if (url === '/api/v1/ingest' || url === INTEL_IMPORT_URL) return done(null, body);
      try {
        done(null, body.length === 0 ? undefined : JSON.parse(body.toString('utf8')));
      } catch (error) {
        (error as { statusCode?: number }).statusCode = 400;
        done(error as Error, undefined);
      }
    },
  );

  await server.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Chancery API',
        version: VERSION,
        description: 'Every route but /api/v1/health needs "Authorization: Bearer <token>".',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  installAuth(server, app.stores.tokens);

  await server.register(
    async (api) => {
      api.get(
        '/health',
        {
          config: { permission: 'public' },
          schema: {
            summary: 'Liveness',
            tags: ['meta'],
            security: [],
            response: { 200: Type.Object({ status: Type.Literal('ok'), version: Type.String() }) },
          },
        },
        async () => ({ status: 'ok' as const, version: VERSION }),
      );
      api.get(
        '/openapi.json',
        { config: { permission: 'events:read' }, schema: { hide: true } },
        async () => server.swagger(),
      );
      await api.register(eventRoutes(app.stores));
      await api.register(alertRoutes(app.stores));
      await api.register(ruleRoutes(app));
      await api.register(ingestRoutes(app));
      await api.register(mailRoutes(app));
      await api.register(networkRoutes(app));
      await api.register(intelRoutes(app));
      await api.register(incidentRoutes(app));
      await api.register(rejectRoutes(app.stores));
      await api.register(siteRoutes(app));
      await api.register(tokenRoutes(app.stores));
    },
    { prefix: '/api/v1' },
  );
  return server;
}
