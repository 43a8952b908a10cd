// Sender and header signals of one message against the organization profile: authentication
// results, look-alike domains, display-name impersonation, Reply-To/Return-Path mismatches and
// first contact, as weighted findings for the mail verdict to combine.
import {
  selectAuthenticationResults,
  type MailHeader,
  type SelectedResults,
} from './authentication-results.ts';
import type { Finding } from '../finding.ts';
import { firstContactFindings, type ContactHistory } from './first-contact.ts';
import { headerMismatches, isListMail } from './header-mismatch.ts';
import {
  displayNameAddress,
  domainOf,
  freeMailOfficialClaim,
  isFreeMail,
  vipImpersonation,
  type Vip,
} from './impersonation.ts';
import { findLookalike, isSameOrSubdomain } from './lookalike.ts';

export * from './authentication-results.ts';
export type { Finding } from '../finding.ts';
export * from './first-contact.ts';
export * from './header-mismatch.ts';
export * from './impersonation.ts';
export * from './lookalike.ts';

export interface SenderInput {
  /** Every header, lower-case keys, topmost first (postal-mime's `headers`). */
  headers: readonly MailHeader[];
  from?: { name: string; address: string };
  replyTo?: readonly string[];
  /** The Return-Path header's address; '' for a null sender. */
  returnPath?: string;
  /** Recipients inside the organization, for first contact. */
  recipients?: readonly string[];
}

export interface SenderProfile {
  name?: string;
  /** The organization's own mail domains. */
  domains: readonly string[];
  /** Partners' domains, protected from look-alikes like our own. */
  partnerDomains?: readonly string[];
  /** Our MTAs' authserv-ids: only their Authentication-Results are believed. */
  authservIds?: readonly string[];
  vips?: readonly Vip[];
  history?: ContactHistory;
}

// SpamAssassin and Rspamd score these in the same order: DMARC over SPF over DKIM.
const AUTH_WEIGHTS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  dmarc: { fail: 0.6 },
  spf: { fail: 0.45, softfail: 0.25, permerror: 0.15 },
  dkim: { fail: 0.35, permerror: 0.15 },
  arc: { fail: 0.2 },
  // Microsoft's composite authentication: its own spoof verdict from SPF, DKIM, DMARC and history.
  compauth: { fail: 0.5, softfail: 0.3 },
};
// Headers that are only the topmost, not ours by authserv-id, may be forged: weigh them less.
const UNTRUSTED_FACTOR = 0.7;

/** Every sender signal of one message, strongest first. Never throws. */
export function senderSignals(input: SenderInput, profile: SenderProfile): Finding[] {
  const protectedDomains = [...profile.domains, ...(profile.partnerDomains ?? [])];
  const from = input.from;
  const address = from?.address.trim().toLowerCase() ?? '';
  const domain = domainOf(address);
  const findings: Finding[] = [];
  const auth = selectAuthenticationResults(input.headers, profile.authservIds);
  if (auth !== undefined) findings.push(...authFindings(auth, domain, profile.domains));
  if (domain !== '') {
    const lookalike = findLookalike(domain, protectedDomains);
    if (lookalike !== undefined) {
      findings.push({
        code: 'lookalike-sender',
        weight: lookalikeWeight(lookalike.tricks),
        reason: lookalike.reason,
      });
    }
    if (isFreeMail(domain)) {
      findings.push({
        code: 'freemail-sender',
        weight: 0.05,
        reason: `${address} is a free-mail address`,
      });
    }
  }
  if (from !== undefined && address !== '') {
    const name = from.name;
    const vip = vipImpersonation(name, address, profile.vips ?? []);
    if (vip !== undefined) findings.push(vip);
    const shown = displayNameAddress(name, address);
    if (shown !== undefined) findings.push(shown);
    const claim = freeMailOfficialClaim(name, address, {
      domains: profile.domains,
      ...(profile.name === undefined ? {} : { name: profile.name }),
    });
    if (claim !== undefined) findings.push(claim);
    findings.push(
      ...headerMismatches(
        {
          from: address,
          replyTo: input.replyTo ?? [],
          returnPath: input.returnPath ?? '',
          listMail: isListMail(input.headers),
        },
        protectedDomains,
      ),
    );
    if (profile.history !== undefined) {
      findings.push(...firstContactFindings(profile.history, address, input.recipients ?? []));
    }
  }
  return findings.sort((a, b) => b.weight - a.weight);
}

function authFindings(
  auth: SelectedResults,
  fromDomain: string,
  own: readonly string[],
): Finding[] {
  const findings: Finding[] = [];
  const where = auth.trusted
    ? `our MTA ${auth.authservId}`
    : `topmost header${auth.authservId === '' ? '' : ` from ${auth.authservId}`}, not verified as ours`;
  const ownDomain =
    fromDomain !== '' && own.some((domain) => isSameOrSubdomain(fromDomain, domain));
  const done = new Set<string>();
  for (const result of auth.results) {
    const weight = AUTH_WEIGHTS[result.method]?.[result.result];
    if (weight === undefined || done.has(result.method)) continue;
    done.add(result.method);
    // Failing authentication while claiming our own domain is direct spoofing of us.
    const base = ownDomain && result.method !== 'arc' ? Math.max(weight, 0.85) : weight;
    const detail = result.reason === undefined ? '' : ` (${result.reason.slice(0, 120)})`;
    findings.push({
      code: `${result.method}-${result.result}`,
      weight: round(auth.trusted ? base : base * UNTRUSTED_FACTOR),
      reason: `${result.method.toUpperCase()} ${result.result}${detail} per ${where}${ownDomain ? `; From claims our domain ${fromDomain}` : ''}`,
    });
  }
  return findings;
}

function lookalikeWeight(tricks: readonly string[]): number {
  if (tricks.includes('idn') || tricks.includes('confusable') || tricks.includes('embedded'))
    return 0.9;
  if (tricks.includes('hyphen-dot') || tricks.includes('edit-distance')) return 0.85;
  return 0.7;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
