// Request and response schemas of the mail resource (the shapes are src/detect/mail/analysis.ts
// and campaigns.ts).
import Type from 'typebox';
import { VERDICTS } from '../../../detect/mail/verdict/grade.ts';

const Time = Type.String({
  maxLength: 64,
  description: 'ISO time, epoch seconds, or 24h / 7d back from now',
});

const Finding = Type.Object({
  code: Type.String(),
  weight: Type.Number(),
  reason: Type.String(),
  kind: Type.Optional(Type.Union([Type.Literal('weaponized'), Type.Literal('evasion')])),
});

const Attachment = Type.Object({
  name: Type.String(),
  path: Type.String(),
  size: Type.Integer(),
  md5: Type.String(),
  sha1: Type.String(),
  sha256: Type.String(),
  type: Type.String({ description: 'True type by content' }),
  findings: Type.Array(Finding),
});

export const MailVerdictDocument = Type.Object({
  event_id: Type.String(),
  message_id: Type.String(),
  verdict: Type.Enum(VERDICTS),
  score: Type.Integer({ minimum: 0, maximum: 100 }),
  reasons: Type.Array(Type.String()),
  findings: Type.Array(Finding),
  from: Type.String(),
  from_name: Type.String(),
  to: Type.Array(Type.String()),
  cc: Type.Array(Type.String()),
  subject: Type.String(),
  date: Type.String(),
  sending_ip: Type.Optional(Type.String()),
  link_domains: Type.Array(Type.String()),
  urls: Type.Array(Type.String()),
  attachments: Type.Array(Attachment),
  bulk: Type.Boolean(),
  internal_recipients: Type.Array(Type.String()),
  lures: Type.Array(Type.String()),
  site: Type.Optional(Type.Object({ id: Type.String(), name: Type.Optional(Type.String()) })),
  campaign_id: Type.Optional(Type.String()),
});

export const VerdictsQuery = Type.Object(
  {
    verdict: Type.Optional(Type.Array(Type.Enum(VERDICTS), { maxItems: 5 })),
    since: Type.Optional(Time),
    until: Type.Optional(Time),
    site: Type.Optional(Type.String({ maxLength: 64 })),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    cursor: Type.Optional(Type.String({ maxLength: 256 })),
  },
  { additionalProperties: false },
);

export const VerdictsPage = Type.Object({
  verdicts: Type.Array(MailVerdictDocument),
  next_cursor: Type.Union([Type.String(), Type.Null()]),
});

export const PostMailQuery = Type.Object(
  { site: Type.Optional(Type.String({ maxLength: 64, description: 'site the message is for' })) },
  { additionalProperties: false },
);

export const PostMailResult = Type.Object({
  event_id: Type.String(),
  /** false when the same message had been posted before: nothing new was stored. */
  inserted: Type.Boolean(),
  verdict: MailVerdictDocument,
});

const Wave = Type.Object({
  start: Type.String(),
  messages: Type.Integer(),
  baseline: Type.Number(),
});

export const CampaignsQuery = Type.Object(
  { until: Type.Optional(Time) },
  { additionalProperties: false },
);

export const CampaignsReport = Type.Object({
  campaigns: Type.Array(
    Type.Object({
      id: Type.String(),
      messages: Type.Integer(),
      verdict: Type.Enum(VERDICTS),
      first_seen: Type.String(),
      last_seen: Type.String(),
      shared: Type.Array(Type.String()),
      senders: Type.Array(Type.String()),
      sending_ips: Type.Array(Type.String()),
      recipients: Type.Array(Type.String()),
      sites: Type.Array(Type.String()),
      subjects: Type.Array(Type.String()),
      attachment_sha256: Type.Array(Type.String()),
      link_domains: Type.Array(Type.String()),
      message_ids: Type.Array(Type.String()),
      event_ids: Type.Array(Type.String()),
      waves: Type.Array(Wave),
    }),
  ),
  waves: Type.Array(Wave),
});
