// The incident service's outside world, from configuration: signed webhooks for escalations and
// response actions, SMTP mail to the on-call and to the authority, and the report rendered as
// HTML or PDF. Secrets come from the environment and are never written anywhere.
import type { Alert, Incident, ResponseAction } from '../core/index.ts';
import type { AlertStore } from '../storage/ports.ts';
import { escalationMessage, notificationMessage } from './notify/messages.ts';
import { actionPayload } from './notify/payload.ts';
import { sendMail, type SmtpConfig } from './notify/smtp.ts';
import { sendWebhook } from './notify/webhook.ts';
import { reportContent, reportTitle } from './report/content.ts';
import { renderHtml } from './report/html.ts';
import { renderPdf } from './report/pdf.ts';
import type { IncidentNotifier } from './respond.ts';

export type WebhookEvent = 'escalation' | 'notification' | ResponseAction['kind'];

export interface ChannelSettings {
  organization: string;
  webhooks: readonly { url: string; secret: string; events: readonly WebhookEvent[] }[];
  smtp?: SmtpConfig;
  escalationEmails: readonly string[];
  authorityEmails: readonly string[];
  /** Retry pause of webhooks (tests set 0). */
  retryDelayMs?: number;
  now?: () => number;
}

export class IncidentChannels implements IncidentNotifier {
  private readonly now: () => number;

  constructor(
    private readonly settings: ChannelSettings,
    private readonly alerts: AlertStore,
  ) {
    this.now = settings.now ?? Date.now;
  }

  async escalate(incident: Incident, kind: 'warning' | 'overdue'): Promise<string[]> {
    const message = escalationMessage(incident, kind, this.now());
    const reached: string[] = [];
    for (const hook of this.hooksFor('escalation')) {
      const result = await sendWebhook(hook, message.payload, this.webhookOptions());
      if (result.ok) reached.push(`webhook ${new URL(hook.url).host}`);
    }
    const smtp = this.settings.smtp;
    if (smtp !== undefined && this.settings.escalationEmails.length > 0) {
      const sent = await sendMail(smtp, {
        to: [...this.settings.escalationEmails],
        subject: message.subject,
        text: message.text,
      });
      if (sent.ok) reached.push(`mail ${(sent.accepted ?? []).join(', ')}`);
    }
    return reached;
  }

  async act(incident: Incident, action: ResponseAction): Promise<ResponseAction['result']> {
    const hooks = this.hooksFor(action.kind);
    const at = (): string => new Date(this.now()).toISOString();
    if (hooks.length === 0)
      return { status: 'recorded', at: at(), detail: 'no webhook configured for this action' };
    const results = await Promise.all(
      hooks.map((hook) =>
        sendWebhook(hook, actionPayload(incident, action, this.now()), this.webhookOptions()),
      ),
    );
    const failed = results.find((result) => !result.ok);
    const last = failed ?? results.at(-1);
    return {
      status: failed === undefined ? 'done' : 'failed',
      at: at(),
      ...(last?.status === undefined ? {} : { http_status: last.status }),
      ...(failed?.error === undefined ? {} : { detail: failed.error }),
    };
  }

  /** The report for the authority, as HTML or PDF. */
  async report(incident: Incident, format: 'html' | 'pdf'): Promise<string | Buffer> {
    const alerts = await this.alertsOf(incident);
    const sections = reportContent(incident, alerts, { name: this.settings.organization });
    const options = {
      title: reportTitle(incident),
      generatedAt: new Date(this.now()).toISOString(),
    };
    return format === 'pdf' ? renderPdf(sections, options) : renderHtml(sections, options);
  }

  /** Mails the report (HTML body, PDF attached) to the authority; says what happened. */
  async sendReport(incident: Incident): Promise<{ ok: boolean; detail: string }> {
    const smtp = this.settings.smtp;
    if (smtp === undefined)
      return { ok: false, detail: 'no SMTP server configured (incidents.smtp)' };
    if (this.settings.authorityEmails.length === 0)
      return { ok: false, detail: 'no authority address configured (incidents.authority_emails)' };
    const html = (await this.report(incident, 'html')) as string;
    const pdf = (await this.report(incident, 'pdf')) as Buffer;
    const message = notificationMessage(incident, { now: this.now() });
    const sent = await sendMail(smtp, {
      to: [...this.settings.authorityEmails],
      subject: `Incident report ${incident.id}: ${message.subject}`,
      text: message.text,
      html,
      attachments: [
        { filename: `${incident.id}.pdf`, content: pdf, contentType: 'application/pdf' },
      ],
    });
    return sent.ok
      ? { ok: true, detail: `report sent to ${(sent.accepted ?? []).join(', ')}` }
      : { ok: false, detail: `report not sent: ${sent.error ?? 'unknown error'}` };
  }

  private hooksFor(event: WebhookEvent): ChannelSettings['webhooks'] {
    return this.settings.webhooks.filter((hook) => hook.events.includes(event));
  }

  private webhookOptions(): { retryDelayMs?: number; now: () => number } {
    return {
      now: this.now,
      ...(this.settings.retryDelayMs === undefined
        ? {}
        : { retryDelayMs: this.settings.retryDelayMs }),
    };
  }

  private async alertsOf(incident: Incident): Promise<Alert[]> {
    const alerts = await Promise.all(
      incident.alert_ids.slice(0, 500).map((id) => this.alerts.get(id)),
    );
    return alerts.filter((alert): alert is Alert => alert !== undefined);
  }
}
