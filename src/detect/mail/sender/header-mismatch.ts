// From vs Reply-To and Return-Path mismatches, weighed in context. Mismatches are everyday in
// legitimate mail (mailing lists, newsletters sent through an ESP, bounce domains), so each
// finding carries a weight that says how much the context makes it count.
import type { MailHeader } from './authentication-results.ts';
import type { Finding } from '../finding.ts';
import { domainOf, isFreeMail } from './impersonation.ts';
import { findLookalike, registrableDomain } from './lookalike.ts';

export interface AddressContext {
  /** The From address. */
  from: string;
  replyTo?: readonly string[];
  /** The envelope sender (Return-Path), without angle brackets; '' for a null sender. */
  returnPath?: string;
  /** List or bulk mail (see `isListMail`). */
  listMail?: boolean;
}

const MAX_REPLY_TO = 16;

/** List-Id, List-Unsubscribe or Precedence: bulk/list: mail sent to many on purpose. */
export function isListMail(headers: readonly MailHeader[]): boolean {
  return headers.some(
    (header) =>
      header.key === 'list-id' ||
      header.key === 'list-unsubscribe' ||
      (header.key === 'precedence' && /^\s*(?:bulk|list|junk)\b/i.test(header.value)),
  );
}

/** Findings for every Reply-To and the Return-Path whose domain differs from the From domain. */
export function headerMismatches(
  context: AddressContext,
  protectedDomains: readonly string[],
): Finding[] {
  const fromDomain = domainOf(context.from);
  if (fromDomain === '') return [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const address of (context.replyTo ?? []).slice(0, MAX_REPLY_TO)) {
    const lower = address.trim().toLowerCase();
    if (lower === '' || seen.has(lower)) continue;
    seen.add(lower);
    const finding = replyToFinding(context, fromDomain, lower, protectedDomains);
    if (finding !== undefined) findings.push(finding);
  }
  const returnPath = context.returnPath?.trim().toLowerCase().replace(/^<|>$/g, '') ?? '';
  if (returnPath !== '') {
    const finding = returnPathFinding(context, fromDomain, returnPath, protectedDomains);
    if (finding !== undefined) findings.push(finding);
  }
  return findings;
}

function replyToFinding(
  context: AddressContext,
  fromDomain: string,
  replyTo: string,
  protectedDomains: readonly string[],
): Finding | undefined {
  const from = context.from.trim().toLowerCase();
  const domain = domainOf(replyTo);
  if (domain === '' || replyTo === from) return undefined;
  const lookalike = findLookalike(domain, protectedDomains);
  if (lookalike !== undefined) {
    return finding('reply-to-lookalike', 0.9, `Reply-To ${replyTo}: ${lookalike.reason}`);
  }
  // A reply diverted to a personal mailbox is the business-email-compromise pattern, list or not.
  if (isFreeMail(domain) && (domain !== fromDomain || !isFreeMail(fromDomain))) {
    return finding(
      'reply-to-freemail',
      context.listMail === true ? 0.5 : 0.8,
      `replies go to free-mail ${replyTo}, not to the sender ${from}`,
    );
  }
  if (isFreeMail(domain)) {
    return finding(
      'reply-to-other-mailbox',
      0.5,
      `replies go to another free-mail mailbox ${replyTo}, not to the sender ${from}`,
    );
  }
  if (domain === fromDomain) return undefined;
  if (sameOrganization(domain, fromDomain)) {
    return finding(
      'reply-to-same-organization',
      0.05,
      `Reply-To ${replyTo} is in the sender's own domain ${registrableDomain(domain) ?? domain}`,
    );
  }
  return context.listMail === true
    ? finding('reply-to-mismatch', 0.1, `list mail with Reply-To ${replyTo} outside ${fromDomain}`)
    : finding(
        'reply-to-mismatch',
        0.35,
        `Reply-To ${replyTo} is outside the From domain ${fromDomain}`,
      );
}

function returnPathFinding(
  context: AddressContext,
  fromDomain: string,
  returnPath: string,
  protectedDomains: readonly string[],
): Finding | undefined {
  const domain = domainOf(returnPath);
  if (domain === '' || domain === fromDomain || sameOrganization(domain, fromDomain)) {
    return undefined;
  }
  const lookalike = findLookalike(domain, protectedDomains);
  if (lookalike !== undefined) {
    return finding('return-path-lookalike', 0.7, `Return-Path ${returnPath}: ${lookalike.reason}`);
  }
  // An official From sent through a personal mailbox's servers.
  if (isFreeMail(domain) && !isFreeMail(fromDomain)) {
    return finding(
      'return-path-freemail',
      // Free-mail list hosts (Yahoo Groups, Google Groups) bounce through their own domain.
      context.listMail === true ? 0.05 : 0.4,
      `envelope sender ${returnPath} is free-mail while From is ${fromDomain}`,
    );
  }
  // Bulk senders and ESPs use their own bounce domains: weak on its own.
  return finding(
    'return-path-mismatch',
    context.listMail === true ? 0.02 : 0.1,
    `envelope sender domain ${domain} differs from From domain ${fromDomain}`,
  );
}

function sameOrganization(a: string, b: string): boolean {
  const left = registrableDomain(a);
  return left !== undefined && left === registrableDomain(b);
}

function finding(code: string, weight: number, reason: string): Finding {
  return { code, weight, reason };
}
