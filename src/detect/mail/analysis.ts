// What the mail analysis says about one message: the verdict record every consumer reads (the
// CLI, the API, campaigns and alerts). Field names are snake_case because this is the JSON the
// CLI prints and the API serves.
import type { AttachmentReport } from './attachments/report.ts';
import type { Finding } from './finding.ts';
import type { Verdict } from './verdict/grade.ts';

/** One file of an attachment tree, flattened: `path` says where it sits (`a.zip/b.exe`). */
export type AttachmentVerdict = Omit<AttachmentReport, 'mime' | 'children'>;

export interface MailVerdict {
  /** The stored email event this verdict is about; '' for a message analyzed without storing. */
  event_id: string;
  message_id: string;
  verdict: Verdict;
  /** 0..100. */
  score: number;
  reasons: string[];
  findings: Finding[];
  from: string;
  from_name: string;
  to: string[];
  cc: string[];
  subject: string;
  /** ISO 8601; '' when the message has no readable date. */
  date: string;
  sending_ip?: string;
  /** Registrable domains of the message's links (at most 20). */
  link_domains: string[];
  /** The message's links (at most 20). */
  urls: string[];
  attachments: AttachmentVerdict[];
  bulk: boolean;
  /** To/Cc recipients inside the organization. */
  internal_recipients: string[];
  /** Lure families in subject and body (credential, payment, delivery, meeting, ...). */
  lures: string[];
  site?: { id: string; name?: string };
  /** Set by campaign grouping when the message belongs to one. */
  campaign_id?: string;
}
