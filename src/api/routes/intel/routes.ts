// The threat-intelligence API: import indicators (a STIX bundle, MISP event or plain list as the
// body), list / search / show them, hunt history, and force or hold back warninglisted ones.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ChanceryError, INDICATOR_TYPES } from '../../../core/index.ts';
import { indicatorState } from '../../../detect/indicators/decay.ts';
import { readIntelText } from '../../../enrich/intel/read.ts';
import type { App } from '../../../main.ts';
import { ErrorBody } from '../../errors.ts';
import { queryTime } from '../../query-time.ts';
import { HuntBody, ImportQuery, IndicatorDocument, IndicatorsQuery } from './schema.ts';

export const INTEL_IMPORT_URL = '/api/v1/intel/import';

export const intelRoutes =
  (app: App): FastifyPluginAsyncTypebox =>
  async (server) => {
    server.post(
      '/intel/import',
      {
        config: { permission: 'intel:write' },
        schema: {
          summary:
            'Import indicators: a STIX 2.1 bundle or MISP event (application/json), or a plain list (text/plain, text/csv); then hunt history for the new ones',
          tags: ['intel'],
          querystring: ImportQuery,
          response: {
            200: Type.Object(
              {
                format: Type.String(),
                read: Type.Integer(),
                distinct: Type.Integer(),
                inserted: Type.Integer(),
                updated: Type.Integer(),
                unchanged: Type.Integer(),
                held_back: Type.Integer(),
                expired: Type.Integer(),
                problems: Type.Array(Type.Object({ ref: Type.String(), reason: Type.String() })),
                hunt: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
              },
              { additionalProperties: false },
            ),
            400: ErrorBody,
          },
        },
      },
      async (request) => {
        if (!Buffer.isBuffer(request.body) || request.body.length === 0)
          throw new ChanceryError(
            'CHN_ERR_BAD_REQUEST',
            'send the indicators as the body (application/json, text/plain or text/csv)',
          );
        const q = request.query;
        const name = q.name ?? 'request';
        const result = readIntelText(request.body.toString('utf8'), name, {
          ...app.intelReadOptions(),
          ...(q.source === undefined ? {} : { source: q.source }),
          ...(q.tlp === undefined ? {} : { defaultTlp: q.tlp }),
        });
        const sink = app.openAlertSink();
        const { report, hunt } = await app.intel.import(
          [result],
          q.hunt ? (alerts) => sink.raise(alerts) : undefined,
        );
        return {
          format: result.format,
          read: report.read,
          distinct: report.distinct,
          inserted: report.inserted,
          updated: report.updated,
          unchanged: report.unchanged,
          held_back: report.heldBack,
          expired: report.expired,
          problems: report.problems.map((problem) => ({
            ref: problem.ref,
            reason: problem.reason,
          })),
          hunt: hunt === undefined ? null : { ...hunt },
        };
      },
    );

    server.get(
      '/intel/indicators',
      {
        config: { permission: 'intel:read' },
        schema: {
          summary: `Stored indicators, most recently changed first (types: ${INDICATOR_TYPES.join(', ')})`,
          tags: ['intel'],
          querystring: IndicatorsQuery,
          response: {
            200: Type.Object({
              indicators: Type.Array(IndicatorDocument),
              next_cursor: Type.Union([Type.String(), Type.Null()]),
            }),
            400: ErrorBody,
          },
        },
      },
      async (request) => {
        const q = request.query;
        const page = await app.stores.intel.query({
          limit: q.limit,
          ...(q.type === undefined ? {} : { type: q.type }),
          ...(q.search === undefined ? {} : { search: q.search }),
          ...(q.source === undefined ? {} : { source: q.source }),
          ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
        });
        const now = Date.now();
        return {
          indicators: page.indicators.map((stored) => ({
            ...stored,
            state: indicatorState(stored.indicator, now, app.intel.settings.decay),
          })),
          next_cursor: page.nextCursor ?? null,
        };
      },
    );

    server.get(
      '/intel/indicators/:id',
      {
        config: { permission: 'intel:read' },
        schema: {
          summary:
            'One indicator: every source, its state (confidence after decay, expiry) and warninglists',
          tags: ['intel'],
          params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
          response: { 200: IndicatorDocument, 404: ErrorBody },
        },
      },
      async (request) => {
        const stored = await app.stores.intel.get(request.params.id);
        if (stored === undefined)
          throw new ChanceryError('CHN_ERR_NOT_FOUND', `no indicator ${request.params.id}`);
        return {
          ...stored,
          state: indicatorState(stored.indicator, Date.now(), app.intel.settings.decay),
        };
      },
    );

    server.post(
      '/intel/indicators/:id/force',
      {
        config: { permission: 'intel:write' },
        schema: {
          summary: 'Alert on a warninglisted indicator anyway (forced: true) or hold it back again',
          tags: ['intel'],
          params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
          body: Type.Object({ forced: Type.Boolean() }, { additionalProperties: false }),
          response: { 200: IndicatorDocument, 404: ErrorBody },
        },
      },
      async (request) => {
        const changed = await app.intel.setForced(request.params.id, request.body.forced);
        if (changed === undefined)
          throw new ChanceryError('CHN_ERR_NOT_FOUND', `no indicator ${request.params.id}`);
        return {
          ...changed,
          state: indicatorState(changed.indicator, Date.now(), app.intel.settings.decay),
        };
      },
    );

    server.post(
      '/intel/hunt',
      {
        config: { permission: 'intel:write' },
        schema: {
          summary: 'Search stored history for every active indicator (retrospective alerts)',
          tags: ['intel'],
          body: HuntBody,
          response: { 200: Type.Object({}, { additionalProperties: true }), 400: ErrorBody },
        },
      },
      async (request) => {
        const since = queryTime('since', request.body.since);
        const until = queryTime('until', request.body.until);
        const sink = app.openAlertSink();
        return app.intel.hunt({
          ...(since === undefined ? {} : { since }),
          ...(until === undefined ? {} : { until }),
          onAlerts: (alerts) => sink.raise(alerts),
        });
      },
    );

    server.get(
      '/intel/stats',
      {
        config: { permission: 'intel:read' },
        schema: {
          summary: 'Indicators by type; active, expired and held back; live matches so far',
          tags: ['intel'],
          response: { 200: Type.Object({}, { additionalProperties: true }) },
        },
      },
      async () => ({
        ...(await app.intel.stats()),
        by_type: await app.stores.intel.countByType(),
      }),
    );
  };
