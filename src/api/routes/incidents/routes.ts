// The incidents API: list with filters and pagination, one incident whole, changes (status,
// assignee, notes, tasks, evidence, severity override, reported), response actions, the report
// for the authority, and correlation over stored alerts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ChanceryError, type Incident } from '../../../core/index.ts';
import { incidentSummary } from '../../../incidents/summary.ts';
import type { App } from '../../../main.ts';
import { ErrorBody } from '../../errors.ts';
import { queryTime } from '../../query-time.ts';
import { ActionBody, IncidentChangesBody, IncidentsQuery, IncidentSummary } from './schema.ts';

const Whole = Type.Object({ id: Type.String() }, { additionalProperties: true });

export const incidentRoutes =
  (app: App): FastifyPluginAsyncTypebox =>
  async (server) => {
    const get = async (id: string): Promise<Incident> => {
      const incident = await app.stores.incidents.get(id);
      if (incident === undefined) throw new ChanceryError('CHN_ERR_NOT_FOUND', `no incident ${id}`);
      return incident;
    };

    server.get(
      '/incidents',
      {
        config: { permission: 'incidents:read' },
        schema: {
          summary: 'Incidents, most severe first, then the latest activity',
          tags: ['incidents'],
          querystring: IncidentsQuery,
          response: {
            200: Type.Object({
              incidents: Type.Array(IncidentSummary),
              next_cursor: Type.Union([Type.String(), Type.Null()]),
            }),
            400: ErrorBody,
          },
        },
      },
      async (request) => {
        const q = request.query;
        const since = queryTime('since', q.since);
        const page = await app.stores.incidents.query({
          limit: q.limit,
          ...(q.status === undefined ? {} : { status: q.status }),
          ...(q.severity === undefined ? {} : { severity: q.severity }),
          ...(q.site === undefined ? {} : { site: q.site }),
          ...(q.campaign === undefined ? {} : { campaign: q.campaign }),
          ...(q.campaigns === undefined ? {} : { campaigns: q.campaigns }),
          ...(since === undefined ? {} : { since }),
          ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
        });
        return {
          incidents: page.incidents.map(incidentSummary),
          next_cursor: page.nextCursor ?? null,
        };
      },
    );

    server.get(
      '/incidents/:id',
      {
        config: { permission: 'incidents:read' },
        schema: {
          summary:
            'One incident whole: severity factors and reasons, tasks, evidence, actions, timeline',
          tags: ['incidents'],
          params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
          response: { 200: Whole, 404: ErrorBody },
        },
      },
      async (request) => get(request.params.id),
    );

    server.patch(
      '/incidents/:id',
      {
        config: { permission: 'incidents:write' },
        schema: {
          summary: 'Change an incident; every change is kept in its timeline with who and when',
          tags: ['incidents'],
          params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
          body: IncidentChangesBody,
          response: { 200: Whole, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const body = request.body;
        if (body.override !== undefined && body.override.reason.trim() === '')
          throw new ChanceryError('CHN_ERR_BAD_REQUEST', 'a severity override needs a reason');
        const updated = await app.incidents.update(
          request.params.id,
          body,
          request.token?.name ?? 'api',
        );
        if (updated === undefined)
          throw new ChanceryError('CHN_ERR_NOT_FOUND', `no incident ${request.params.id}`);
        return updated;
      },
    );

    server.post(
      '/incidents/:id/actions',
      {
        config: { permission: 'incidents:write' },
        schema: {
          summary:
            'Record a response action; its configured webhook (HMAC-signed) is called and the result recorded',
          tags: ['incidents'],
          params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
          body: ActionBody,
          response: { 200: Whole, 404: ErrorBody },
        },
      },
      async (request) => {
        const updated = await app.incidents.act(
          request.params.id,
          request.body.kind,
          request.body.targets,
          request.token?.name ?? 'api',
        );
        if (updated === undefined)
          throw new ChanceryError('CHN_ERR_NOT_FOUND', `no incident ${request.params.id}`);
        return updated;
      },
    );

    server.get(
      '/incidents/:id/report',
      {
        config: { permission: 'incidents:read' },
        schema: {
          summary: 'The report for the authority (CISA required elements) as HTML or PDF',
          tags: ['incidents'],
          params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
          querystring: Type.Object(
            {
              format: Type.Union([Type.Literal('html'), Type.Literal('pdf')], { default: 'html' }),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        const incident = await get(request.params.id);
        const format = request.query.format;
        const body = await app.incidentReport(incident, format);
        return reply
          .type(format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8')
          .send(body);
      },
    );

    server.post(
      '/incidents/correlate',
      {
        config: { permission: 'incidents:write' },
        schema: {
          summary: 'Correlate stored alerts into incidents (what `chancery analyze` does)',
          tags: ['incidents'],
          body: Type.Object(
            { since: Type.Optional(Type.String({ maxLength: 64 })) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({}, { additionalProperties: true }), 400: ErrorBody },
        },
      },
      async (request) => {
        const since = queryTime('since', request.body.since);
        return app.incidents.analyze(since === undefined ? {} : { since });
      },
    );
  };
