// From findings to one verdict. The score is a noisy-OR of the findings (each code counted once):
// independent pieces of evidence add up without ever passing 100. The verdict is not the score
// cut into bands: it asks what kind of evidence there is. Weaponized content or deception is
// phishing; deception aimed at a few people inside the organization by an impersonator is
// targeted; bulk mail is never targeted; commercial wording without deception is spam.
import type { Finding } from '../finding.ts';

export const VERDICTS = ['clean', 'spam', 'suspicious', 'phishing', 'targeted'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface GradeContext {
  /** Bulk or list mail by its headers. */
  bulk: boolean;
  /** Mailing-list mail (List-Id): its words are a discussion, not a pitch. */
  list: boolean;
  /** To/Cc recipients inside the organization. */
  internalRecipients: number;
  /** Every To/Cc recipient. */
  recipients: number;
}

export interface Grade {
  verdict: Verdict;
  /** 0..100. */
  score: number;
  /** The findings that set the verdict, strongest first, as sentences. */
  reasons: string[];
}

export interface GradeThresholds {
  /** Most internal recipients a targeted message may have. */
  maxTargetedRecipients: number;
  suspicious: number;
  phishing: number;
  spam: number;
}

export const DEFAULT_THRESHOLDS: GradeThresholds = {
  maxTargetedRecipients: 10,
  suspicious: 0.45,
  phishing: 0.75,
  spam: 0.45,
};

// Findings that describe a message without saying anything bad about it on their own: they only
// shape the verdict (who it was for, whether anyone knew the sender).
const CONTEXT = new Set([
  'first-contact-organization',
  'first-contact-recipient',
  'freemail-sender',
]);
// Impersonation of a person, the organization, a partner or a brand: the deception of a
// spear-phish. Own-domain authentication failure is impersonation too (see authFindings).
const IMPERSONATION =
  /^(?:lookalike-sender|reply-to-lookalike|return-path-lookalike|vip-impersonation|display-name-address|freemail-official-claim|brand-impersonation-name|link-lookalike)$/;
const DECEPTIVE_LURE =
  /^(?:lure-(?:credential|payment|delivery|prize|crypto|bec|extortion)|reply-to-other-mailbox|reply-to-freemail|link-text-mismatch|html-form|link-ip-literal|link-userinfo|credential-form|html-redirect)$/;
const SPAM =
  /^(?:spam-content|subject-money|subject-emoji|subject-all-caps|subject-names-recipient-address)$/;
// What a message says, as opposed to how it was sent: on a mailing list people discuss prizes,
// passwords and payments all day, so these weigh half there.
const CONTENT = /^(?:lure-|spam-content$|link-|html-form$|subject-)/;
const LIST_DAMPING = 0.5;

export function grade(
  findings: readonly Finding[],
  context: GradeContext,
  thresholds: GradeThresholds = DEFAULT_THRESHOLDS,
): Grade {
  const strongest = new Map<string, Finding>();
  for (const raw of findings) {
    const finding =
      context.list && CONTENT.test(raw.code) ? { ...raw, weight: raw.weight * LIST_DAMPING } : raw;
    const known = strongest.get(finding.code);
    if (known === undefined || known.weight < finding.weight) strongest.set(finding.code, finding);
  }
  const evidence = [...strongest.values()]
    .filter((finding) => !CONTEXT.has(finding.code))
    .sort((a, b) => b.weight - a.weight);
  const score = noisyOr(evidence.map((finding) => finding.weight));
  const max = (test: (finding: Finding) => boolean): number =>
    evidence.reduce((best, finding) => (test(finding) ? Math.max(best, finding.weight) : best), 0);
  const weapon = max((finding) => finding.kind === 'weaponized');
  const impersonation = max(
    (finding) =>
      IMPERSONATION.test(finding.code) || finding.reason.includes('From claims our domain'),
  );
  const lure = noisyOr(evidence.filter((f) => DECEPTIVE_LURE.test(f.code)).map((f) => f.weight));
  const spam = noisyOr(evidence.filter((f) => SPAM.test(f.code)).map((f) => f.weight));
  const firstContact = strongest.has('first-contact-organization');
  const deceptive = noisyOr([weapon, impersonation, lure]);
  const fewInside =
    !context.bulk &&
    context.internalRecipients > 0 &&
    context.internalRecipients <= thresholds.maxTargetedRecipients;

  let verdict: Verdict;
  if (
    fewInside &&
    impersonation >= 0.5 &&
    (weapon >= 0.7 || lure >= 0.3 || (firstContact && score >= thresholds.phishing))
  ) {
    verdict = 'targeted';
  } else if (
    weapon >= 0.8 ||
    (score >= thresholds.phishing && deceptive >= 0.5 && deceptive >= spam)
  ) {
    verdict = 'phishing';
  } else if (
    spam >= thresholds.spam ||
    (context.bulk && !context.list && score >= thresholds.suspicious && deceptive < 0.5)
  ) {
    verdict = 'spam';
  } else if (score >= thresholds.suspicious) {
    verdict = 'suspicious';
  } else {
    verdict = 'clean';
  }
  const reasons = evidence.slice(0, 8).map((finding) => finding.reason);
  if (verdict === 'targeted') {
    reasons.push(
      `${context.internalRecipients} recipient(s) inside the organization${firstContact ? ', from a sender nobody here has heard from before' : ''}`,
    );
  }
  if (context.bulk && verdict !== 'clean') reasons.push('sent as bulk or list mail');
  return { verdict, score: Math.round(score * 100), reasons };
}

/** 1 - Π(1 - w): independent evidence accumulates and never passes 1. */
export function noisyOr(weights: readonly number[]): number {
  let miss = 1;
  for (const weight of weights) miss *= 1 - Math.min(1, Math.max(0, weight));
  return 1 - miss;
}
