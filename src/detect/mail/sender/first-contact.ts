// First contact: has this sender ever written to anyone in the organization, or to this
// recipient? An unsolicited first message is the strongest single targeted-mail signal; the
// history behind it is a port so a storage adapter can keep it across restarts.
import type { Finding } from '../finding.ts';

export interface ContactHistory {
  /** Whether `sender` wrote to `recipient` before; to anyone in the organization when omitted. */
  seen(sender: string, recipient?: string): boolean;
  /** Remember that `sender` wrote to `recipient` at `time` (epoch milliseconds). */
  record(sender: string, recipient: string, time: number): void;
}

export interface MemoryContactHistoryOptions {
  /** Senders kept; the least recently active are forgotten first. */
  maxSenders?: number;
  /** Recipients kept per sender; the least recently written to are forgotten first. */
  maxRecipientsPerSender?: number;
}

export interface FirstContact {
  /** The sender never wrote to anyone in the organization. */
  organization: boolean;
  /** The recipients this sender never wrote to before. */
  newRecipients: string[];
}

const MAX_RECIPIENTS = 1000;

/** A bounded in-memory history; Map insertion order serves as the recency order. */
export class MemoryContactHistory implements ContactHistory {
  readonly #contacts = new Map<string, Map<string, number>>();
  readonly #maxSenders: number;
  readonly #maxRecipients: number;

  constructor(options: MemoryContactHistoryOptions = {}) {
    this.#maxSenders = Math.max(1, options.maxSenders ?? 100_000);
    this.#maxRecipients = Math.max(1, options.maxRecipientsPerSender ?? 1000);
  }

  seen(sender: string, recipient?: string): boolean {
    const recipients = this.#contacts.get(normalize(sender));
    if (recipients === undefined) return false;
    return recipient === undefined || recipients.has(normalize(recipient));
  }

  record(sender: string, recipient: string, time: number): void {
    const from = normalize(sender);
    const to = normalize(recipient);
    if (from === '' || to === '') return;
    const recipients = this.#contacts.get(from) ?? new Map<string, number>();
    this.#contacts.delete(from);
    this.#contacts.set(from, recipients);
    const last = recipients.get(to);
    recipients.delete(to);
    recipients.set(to, last === undefined ? time : Math.max(last, time));
    evictOldest(recipients, this.#maxRecipients);
    evictOldest(this.#contacts, this.#maxSenders);
  }

  /** How many senders are remembered. */
  get size(): number {
    return this.#contacts.size;
  }
}

/** Who is new to whom, before this message is recorded. */
export function firstContact(
  history: ContactHistory,
  sender: string,
  recipients: readonly string[],
): FirstContact {
  const organization = !history.seen(sender);
  const newRecipients = [
    ...new Set(
      recipients
        .slice(0, MAX_RECIPIENTS)
        .map(normalize)
        .filter((to) => to !== ''),
    ),
  ].filter((to) => organization || !history.seen(sender, to));
  return { organization, newRecipients };
}

/** First contact as findings: organization-wide weighs more than new to one recipient. */
export function firstContactFindings(
  history: ContactHistory,
  sender: string,
  recipients: readonly string[],
): Finding[] {
  const contact = firstContact(history, sender, recipients);
  const who = normalize(sender);
  if (contact.organization) {
    return [
      {
        code: 'first-contact-organization',
        weight: 0.5,
        reason: `${who} has never written to anyone in the organization before`,
      },
    ];
  }
  if (contact.newRecipients.length === 0) return [];
  return [
    {
      code: 'first-contact-recipient',
      weight: 0.2,
      reason: `${who} writes to ${contact.newRecipients.slice(0, 5).join(', ')} for the first time`,
    },
  ];
}

function normalize(address: string): string {
  return address.trim().toLowerCase();
}

function evictOldest<K, V>(map: Map<K, V>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) return;
    map.delete(key);
  }
}
