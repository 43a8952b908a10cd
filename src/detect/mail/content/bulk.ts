// Bulk mail: newsletters, marketing and mailing lists announce themselves in their headers. Bulk
// is context, not guilt: list mail is most of a diplomat's legitimate inbox, and it is what keeps
// a message from ever being graded `targeted`. Spam content is scored separately.
import type { Finding } from '../finding.ts';
import type { MailHeader } from '../sender/index.ts';

export interface BulkSignals {
  bulk: boolean;
  /** Mailing-list software (List-Id, Mailing-List, Sender owner-), not a marketing sender. */
  list: boolean;
  reasons: string[];
}

// Headers that email service providers stamp on campaign mail.
const ESP_HEADERS = new Set([
  'x-campaign',
  'x-campaignid',
  'x-mailgun-sid',
  'x-sg-eid',
  'x-ses-outgoing',
  'x-mc-user',
  'x-mailchimp-campaign',
  'x-sfmc-stack',
  'x-mktomail',
  'x-marketo-id',
  'x-emarsys-identify',
  'x-rpcampaign',
  'x-csa-complaints',
  'feedback-id',
  'x-mailer-recptid',
]);
const MANY_RECIPIENTS = 25;

export function bulkSignals(headers: readonly MailHeader[], recipientCount: number): BulkSignals {
  const reasons: string[] = [];
  let list = false;
  for (const { key, value } of headers) {
    if (key === 'list-id' || key === 'mailing-list' || key === 'x-mailing-list') {
      list = true;
      reasons.push(`${key}: ${value.slice(0, 80)}`);
    } else if (key === 'list-unsubscribe') reasons.push('List-Unsubscribe header');
    else if (key === 'precedence' && /bulk|list|junk/i.test(value))
      reasons.push(`Precedence: ${value.trim()}`);
    else if (key === 'auto-submitted' && !/^\s*no\b/i.test(value))
      reasons.push(`Auto-Submitted: ${value.trim()}`);
    else if (ESP_HEADERS.has(key)) reasons.push(`${key} header (email service provider)`);
  }
  if (recipientCount > MANY_RECIPIENTS) reasons.push(`${recipientCount} recipients`);
  return { bulk: reasons.length > 0, list, reasons: [...new Set(reasons)].slice(0, 5) };
}

// Commercial spam vocabulary: gambling, pharmacy, dating, weight loss, discounts, "unsubscribe".
const SPAM_PHRASES =
  /\bcasino\b|free ?spins?|freispiele|\bslots?\b|\bbet(?:ting)? now\b|viagra|cialis|pharmacy|prescription|weight loss|lose weight|abnehmen|\bdiet\b|diät|dating|singles|brides|traumliebe|liebe und mehr|meisjes|ware liefde|chat with me|lonely|hot (?:girls|women)|meet (?:local|beautiful)|\d{2,3}% off|\bdiscount\b|rabatt|desconto|special offer|limited(?:-| )time offer|act now|buy now|order now|best price|lowest price|click here|clique aqui|klicken sie hier|unsubscribe|abbestellen|descadastr|se désinscrire|make money|work from home|extra income|earn \$|\$\d{1,3}(?:,\d{3})+|100% free|risk[- ]free|no obligation|miracle|guaranteed|gratis|korting|aanbieding|besparen|kostenlos|angebot|gratuit|promo(?:tion|ção)?|oferta|gr[áa]tis|exclusive deal|loans?\b|credit score|\bscore\b/g;
// An amount of money in the subject: prizes, loans, withdrawals.
const MONEY = /[$€£]\s?\d[\d,.]*|\d[\d,.]*\s?(?:[$€£]|usd|eur|btc)\b/i;
const MATH_ALPHANUMERIC = /[\u{1D400}-\u{1D7FF}]/u;
const EMOJI = /\p{Extended_Pictographic}/u;

/** Spam content: the vocabulary above plus subject tricks spam filters learned long ago. */
export function spamFindings(
  subject: string,
  text: string,
  recipients: readonly string[],
): Finding[] {
  const findings: Finding[] = [];
  const phrases = new Set<string>();
  for (const match of `${subject}\n${text.slice(0, 64 * 1024)}`
    .toLowerCase()
    .matchAll(SPAM_PHRASES)) {
    phrases.add(match[0]);
    if (phrases.size >= 10) break;
  }
  if (phrases.size > 0) {
    findings.push({
      code: 'spam-content',
      weight: Math.min(0.7, 0.15 + 0.1 * (phrases.size - 1)),
      reason: `commercial spam wording: ${[...phrases]
        .slice(0, 5)
        .map((p) => `"${p}"`)
        .join(', ')}`,
    });
  }
  if (MATH_ALPHANUMERIC.test(subject)) {
    findings.push({
      code: 'subject-styled-letters',
      weight: 0.5,
      kind: 'evasion',
      reason: 'the subject is written in mathematical styled letters, which keyword filters miss',
    });
  }
  if (EMOJI.test(subject)) {
    findings.push({ code: 'subject-emoji', weight: 0.15, reason: 'the subject carries emoji' });
  }
  if (MONEY.test(subject)) {
    findings.push({
      code: 'subject-money',
      weight: 0.2,
      reason: 'the subject names an amount of money',
    });
  }
  const letters = subject.replace(/[^A-Za-z]/g, '');
  if (letters.length >= 12 && letters === letters.toUpperCase()) {
    findings.push({ code: 'subject-all-caps', weight: 0.15, reason: 'the subject is in capitals' });
  }
  // A random tag in the subject (`- FnEj4oJmgo`) defeats duplicate detection across recipients.
  if (
    /(?:^|[\s\-–#:])(?=[A-Za-z0-9]{10,}\b)(?=[A-Za-z0-9]*[a-z])(?=[A-Za-z0-9]*[A-Z])(?=[A-Za-z0-9]*\d)[A-Za-z0-9]{10,}\b/.test(
      subject,
    )
  ) {
    findings.push({
      code: 'subject-random-token',
      weight: 0.35,
      kind: 'evasion',
      reason: 'the subject ends in a random token, a trick to defeat duplicate detection',
    });
  }
  const lower = subject.toLowerCase();
  const named = recipients.find((address) => address.length >= 6 && lower.includes(address));
  if (named !== undefined) {
    findings.push({
      code: 'subject-names-recipient-address',
      weight: 0.3,
      reason: `the subject repeats the recipient's address (${named}), as mass-mailers personalize`,
    });
  }
  return findings;
}
