// POST /api/v1/mail (one raw RFC 5322 message: stored, analyzed, its verdict returned),
// GET /api/v1/mail/verdicts and /mail/verdicts/{event_id}, GET /api/v1/mail/campaigns.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ChanceryError, eventId } from '../../../core/index.ts';
import type { App } from '../../../main.ts';
import { ParseFailure } from '../../../parsers/parser.ts';
import { emlFormat, parseMessage } from '../../../parsers/mail/index.ts';
import { ErrorBody } from '../../errors.ts';
import { queryTime } from '../../query-time.ts';
import { siteOf } from '../../site-param.ts';
import {
  CampaignsQuery,
  CampaignsReport,
  MailVerdictDocument,
  PostMailQuery,
  PostMailResult,
  VerdictsPage,
  VerdictsQuery,
} from './schema.ts';

export const MAIL_BODY_TYPES = ['message/rfc822'];

export const mailRoutes =
  (app: App): FastifyPluginAsyncTypebox =>
  async (server) => {
    server.post(
      '/mail',
      {
        config: { permission: 'events:write' },
        schema: {
          summary: 'Submit one raw message: it is stored, analyzed, and its verdict returned',
          tags: ['mail'],
          querystring: PostMailQuery,
          consumes: [...MAIL_BODY_TYPES, 'application/octet-stream', 'text/plain'],
          response: { 200: PostMailResult, 400: ErrorBody, 413: ErrorBody },
        },
      },
      async (request) => {
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0)
          throw new ChanceryError('CHN_ERR_BAD_REQUEST', 'The body is empty');
        const draft = await parseMessage(body);
        if (draft === undefined || draft instanceof ParseFailure)
          throw new ChanceryError(
            'CHN_ERR_BAD_REQUEST',
            `Not a mail message: ${draft === undefined ? 'the body is blank' : draft.reason}`,
          );
        const site = await siteOf(app.stores.sites, request.query.site);
        const summary = await app.ingestor.ingestBytes(
          `http:${request.token?.name ?? 'unknown'}`,
          body,
          { format: emlFormat, ...(site === undefined ? {} : { site }) },
        );
        const id = eventId(
          Date.parse(draft['@timestamp']),
          draft.event.dataset,
          draft.event.original,
        );
        // Analysis runs as the event is stored; with mail analysis off, analyze it here.
        const verdict =
          (await app.stores.mail.getVerdict(id)) ?? (await app.mail.checker().analyze(body, id));
        return { event_id: id, inserted: summary.toJSON().inserted > 0, verdict };
      },
    );

    server.get(
      '/mail/verdicts',
      {
        config: { permission: 'alerts:read' },
        schema: {
          summary: 'Verdicts of analyzed mail, newest first',
          tags: ['mail'],
          querystring: VerdictsQuery,
          response: { 200: VerdictsPage, 400: ErrorBody },
        },
      },
      async (request) => {
        const q = request.query;
        const since = queryTime('since', q.since);
        const until = queryTime('until', q.until);
        const page = await app.stores.mail.verdicts({
          limit: q.limit,
          ...(q.verdict === undefined ? {} : { verdicts: q.verdict }),
          ...(since === undefined ? {} : { since }),
          ...(until === undefined ? {} : { until }),
          ...(q.site === undefined ? {} : { site: q.site }),
          ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
        });
        return { verdicts: page.verdicts, next_cursor: page.nextCursor ?? null };
      },
    );

    server.get(
      '/mail/verdicts/:event_id',
      {
        config: { permission: 'alerts:read' },
        schema: {
          summary: 'The verdict of one stored message, by its event id',
          tags: ['mail'],
          params: Type.Object({ event_id: Type.String({ maxLength: 64 }) }),
          response: { 200: MailVerdictDocument, 404: ErrorBody },
        },
      },
      async (request) => {
        const verdict = await app.stores.mail.getVerdict(request.params.event_id);
        if (verdict === undefined)
          throw new ChanceryError('CHN_ERR_NOT_FOUND', `No verdict for ${request.params.event_id}`);
        return verdict;
      },
    );

    server.get(
      '/mail/campaigns',
      {
        config: { permission: 'alerts:read' },
        schema: {
          summary: 'Mail campaigns and waves among recent non-clean mail',
          tags: ['mail'],
          querystring: CampaignsQuery,
          response: { 200: CampaignsReport, 400: ErrorBody },
        },
      },
      async (request) => {
        const until = queryTime('until', request.query.until);
        return app.mail.regroup(until === undefined ? new Date() : new Date(until));
      },
    );
  };
