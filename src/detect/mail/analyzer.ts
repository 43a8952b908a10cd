// The mail analysis of one message: read it, collect every sender, link, content and attachment
// signal against the organization profile, grade it, and remember who wrote to whom. Pure apart
// from the contact history it updates, so ingest, `POST /api/v1/mail`, re-analysis of history and
// the benchmark all run exactly this.
import type { AttachmentVerdict, MailVerdict } from './analysis.ts';
import {
  DEFAULT_LIMITS,
  inspectAttachment,
  messageBudget,
  type AttachmentReport,
  type InspectLimits,
  type YaraScanner,
} from './attachments/index.ts';
import { brandImpersonation } from './content/brands.ts';
import { bulkSignals, spamFindings } from './content/bulk.ts';
import { deliveryFindings } from './content/delivery.ts';
import { linkSignals, senderDomainFindings } from './content/link-signals.ts';
import { lureFindings, lureHits } from './content/lures.ts';
import { obfuscationFindings } from './content/obfuscation.ts';
import { upstreamFindings } from './content/upstream.ts';
import type { Finding } from './finding.ts';
import { readMessage, type MailMessage } from './message/read-message.ts';
import {
  domainOf,
  isSameOrSubdomain,
  registrableDomain,
  senderSignals,
  type ContactHistory,
  type SenderProfile,
} from './sender/index.ts';
import { DEFAULT_THRESHOLDS, grade, type GradeThresholds } from './verdict/grade.ts';

export interface MailAnalyzerOptions {
  profile: SenderProfile;
  /** Organization-wide history of who wrote to whom; first contact is judged against it. */
  history?: ContactHistory;
  yara?: YaraScanner;
  thresholds?: GradeThresholds;
  limits?: InspectLimits;
}

const MAX_LISTED = 20;

export class MailAnalyzer {
  readonly #options: MailAnalyzerOptions;
  readonly #protected: string[];

  constructor(options: MailAnalyzerOptions) {
    this.#options = options;
    this.#protected = [...options.profile.domains, ...(options.profile.partnerDomains ?? [])];
  }

  /** Analyzes raw message bytes; throws UnreadableMessage when they hold no message. */
  async analyze(bytes: Uint8Array, eventId = ''): Promise<MailVerdict> {
    return this.analyzeMessage(await readMessage(bytes), eventId);
  }

  async analyzeMessage(message: MailMessage, eventId = ''): Promise<MailVerdict> {
    const { profile } = this.#options;
    const recipients = [...new Set([...message.to, ...message.cc])];
    const internal = recipients.filter((address) => this.#isInternal(address));
    const fromAddress = message.from?.address ?? '';
    const senderInternal = fromAddress !== '' && this.#isInternal(fromAddress);
    const findings: Finding[] = senderSignals(
      {
        headers: message.headers,
        ...(message.from === undefined ? {} : { from: message.from }),
        replyTo: message.replyTo,
        ...(message.returnPath === undefined ? {} : { returnPath: message.returnPath }),
        recipients: internal,
      },
      this.#options.history === undefined
        ? profile
        : { ...profile, history: this.#options.history },
    );
    findings.push(...linkSignals(message.links, this.#protected));
    findings.push(...senderDomainFindings(domainOf(fromAddress)));
    findings.push(...upstreamFindings(message.headers));
    const names = message.attachments.map((attachment) => attachment.name);
    const lures = lureHits(message.subject, message.text, names);
    findings.push(...lureFindings(lures));
    findings.push(...obfuscationFindings(message.from?.name ?? '', message.subject, message.text));
    findings.push(...spamFindings(message.subject, message.text, recipients));
    const brand = brandImpersonation(
      message.from?.name ?? '',
      message.subject,
      domainOf(fromAddress),
    );
    if (brand !== undefined) findings.push(brand);
    const bulk = bulkSignals(message.headers, recipients.length);
    findings.push(...deliveryFindings(message, bulk.list));
    const attachments = await this.#attachments(message);
    for (const attachment of attachments) {
      for (const finding of attachment.findings) {
        findings.push({ ...finding, reason: `${attachment.path}: ${finding.reason}` });
      }
    }
    const graded = grade(
      findings,
      {
        bulk: bulk.bulk,
        list: bulk.list,
        internalRecipients: internal.length,
        recipients: recipients.length,
      },
      this.#options.thresholds ?? DEFAULT_THRESHOLDS,
    );
    this.#remember(message, fromAddress, senderInternal, internal, recipients, graded.verdict);
    const verdict: MailVerdict = {
      event_id: eventId,
      message_id: message.messageId,
      verdict: graded.verdict,
      score: graded.score,
      reasons: graded.reasons,
      findings: findings.sort((a, b) => b.weight - a.weight),
      from: fromAddress,
      from_name: message.from?.name ?? '',
      to: message.to,
      cc: message.cc,
      subject: message.subject,
      date: message.date,
      link_domains: [
        ...new Set(message.links.map((link) => registrableDomain(link.host) ?? link.host)),
      ]
        .filter((domain) => domain !== '')
        .slice(0, MAX_LISTED),
      urls: message.links.slice(0, MAX_LISTED).map((link) => link.url),
      attachments,
      bulk: bulk.bulk,
      internal_recipients: internal,
      lures: lures.map((hit) => hit.family),
    };
    if (message.sendingIp !== undefined) verdict.sending_ip = message.sendingIp;
    return verdict;
  }

  #isInternal(address: string): boolean {
    const domain = domainOf(address);
    return (
      domain !== '' && this.#options.profile.domains.some((own) => isSameOrSubdomain(domain, own))
    );
  }

  async #attachments(message: MailMessage): Promise<AttachmentVerdict[]> {
    const out: AttachmentVerdict[] = [];
    const limits = this.#options.limits ?? DEFAULT_LIMITS;
    const context = {
      bodyText: message.text,
      limits,
      // One budget for the whole message: ten attachments do not get ten times the bytes.
      budget: messageBudget(limits),
      ...(this.#options.yara === undefined ? {} : { yara: this.#options.yara }),
    };
    for (const attachment of message.attachments) {
      // Inline images of an HTML body are layout, not attachments a reader opens.
      if (attachment.inline && attachment.mime.startsWith('image/')) continue;
      const report = await inspectAttachment(
        { name: attachment.name, mime: attachment.mime, bytes: attachment.bytes },
        context,
      );
      flatten(report, out);
    }
    return out;
  }

  /**
   * Who has corresponded with whom. Only mail we do not suspect builds trust: a phisher's second
   * message must still be first contact. Mail our people send makes its recipients known too.
   */
  #remember(
    message: MailMessage,
    from: string,
    senderInternal: boolean,
    internal: readonly string[],
    recipients: readonly string[],
    verdict: string,
  ): void {
    const history = this.#options.history;
    if (history === undefined || from === '' || (verdict !== 'clean' && verdict !== 'spam')) return;
    const time = message.date === '' ? Date.now() : Date.parse(message.date);
    if (senderInternal) {
      for (const to of recipients) if (!this.#isInternal(to)) history.record(to, from, time);
    } else {
      for (const to of internal) history.record(from, to, time);
    }
  }
}

function flatten(report: AttachmentReport, out: AttachmentVerdict[]): void {
  out.push({
    name: report.name,
    path: report.path,
    size: report.size,
    md5: report.md5,
    sha1: report.sha1,
    sha256: report.sha256,
    type: report.type,
    findings: report.findings,
  });
  for (const child of report.children) flatten(child, out);
}
