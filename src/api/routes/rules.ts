// /api/v1/rules: the Sigma rule set — list what is loaded, validate a rule text, enable or
// disable by selector, and hunt through stored history (alerts go to the common stream).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ChanceryError } from '../../core/index.ts';
import { buildRuleSet } from '../../detect/sigma/rule-set.ts';
import { loadRuleText } from '../../detect/sigma/rule/load.ts';
import { parseSelector, selects } from '../../detect/sigma/selection.ts';
import { summarizeIssue, summarizeRule } from '../../detect/sigma/summary.ts';
import type { App } from '../../main.ts';

const Issue = Type.Object({
  file: Type.String(),
  line: Type.Integer(),
  column: Type.Union([Type.Integer(), Type.Null()]),
  reason: Type.String(),
  message: Type.String(),
  rule_id: Type.Union([Type.String(), Type.Null()]),
});

const Rule = Type.Object({
  id: Type.String(),
  kind: Type.Union([
    Type.Literal('detection'),
    Type.Literal('correlation'),
    Type.Literal('filter'),
  ]),
  title: Type.String(),
  level: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.String(), Type.Null()]),
  author: Type.Union([Type.String(), Type.Null()]),
  logsource: Type.String(),
  tags: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  file: Type.String(),
  issues: Type.Array(Issue),
});

const Selector = Type.String({
  minLength: 1,
  maxLength: 512,
  description: 'id:X, tag:X, level:X, status:X or logsource:p/c/s',
});

const Report = Type.Object({
  report: Type.Object({
    files: Type.Integer(),
    documents: Type.Integer(),
    compiled: Type.Integer(),
    rejected: Type.Integer(),
    rejectedByReason: Type.Record(Type.String(), Type.Integer()),
    correlations: Type.Integer(),
    filters: Type.Integer(),
    disabled: Type.Integer(),
  }),
  issues: Type.Array(Issue),
});

export const ruleRoutes =
  (app: App): FastifyPluginAsyncTypebox =>
  async (api) => {
    api.get(
      '/rules',
      {
        config: { permission: 'rules:read' },
        schema: {
          summary: 'Loaded Sigma rules, with whether each runs and its problems',
          tags: ['rules'],
          querystring: Type.Object(
            { select: Type.Optional(Selector) },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ rules: Type.Array(Rule), report: Report.properties.report }),
          },
        },
      },
      async (request) => {
        const set = app.sigma.ruleSet();
        const selector =
          request.query.select === undefined ? undefined : selectorOf(request.query.select);
        const entries = set.entries.filter(
          (e) => selector === undefined || selects(selector, e.rule),
        );
        return { rules: entries.map(summarizeRule), report: set.report };
      },
    );

    api.post(
      '/rules/validate',
      {
        config: { permission: 'rules:read' },
        schema: {
          summary: 'Validate Sigma YAML (one or more documents) sent as the text/plain body',
          tags: ['rules'],
          response: { 200: Report },
        },
      },
      async (request) => {
        if (!Buffer.isBuffer(request.body))
          throw new ChanceryError('CHN_ERR_BAD_REQUEST', 'send the rule YAML as a text/plain body');
        const set = buildRuleSet(loadRuleText(request.body.toString('utf8'), 'request'), {
          placeholders: app.sigma.settings.placeholders,
        });
        return { report: set.report, issues: set.issues.map(summarizeIssue) };
      },
    );

    api.post(
      '/rules/toggles',
      {
        config: { permission: 'rules:write' },
        schema: {
          summary: 'Enable or disable the rules a selector picks (later toggles win)',
          tags: ['rules'],
          body: Type.Object(
            { enabled: Type.Boolean(), selector: Selector },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ matched: Type.Integer() }) },
        },
      },
      async (request) => {
        const selector = selectorOf(request.body.selector);
        const matched = app.sigma.ruleSet().entries.filter((e) => selects(selector, e.rule)).length;
        app.sigma.library.addToggle({ enabled: request.body.enabled, ...selector });
        app.sigma.invalidate();
        return { matched };
      },
    );

    api.post(
      '/rules/hunt',
      {
        config: { permission: 'rules:write' },
        schema: {
          summary: 'Run the active rules over stored events; matches become retrospective alerts',
          tags: ['rules'],
          body: Type.Object(
            {
              since: Type.Optional(Type.String({ format: 'date-time' })),
              until: Type.Optional(Type.String({ format: 'date-time' })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              rules: Type.Integer(),
              events: Type.Integer(),
              matches: Type.Integer(),
              alerts: Type.Integer(),
              since: Type.String(),
              seconds: Type.Number(),
            }),
          },
        },
      },
      async (request) => {
        const { since, until } = request.body;
        const sink = app.openAlertSink();
        const report = await app.sigma.hunt(app.stores.events, {
          ...(since === undefined ? {} : { since: Date.parse(since) }),
          ...(until === undefined ? {} : { until: Date.parse(until) }),
          onAlerts: (alerts) => sink.raise(alerts),
        });
        return report;
      },
    );
  };

function selectorOf(text: string): NonNullable<ReturnType<typeof parseSelector>> {
  const selector = parseSelector(text);
  if (selector === undefined)
    throw new ChanceryError('CHN_ERR_BAD_REQUEST', `'${text}' is not a selector`);
  return selector;
}
