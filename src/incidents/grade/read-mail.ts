// Mail alerts: a mail is delivery and never reached a host by itself. Targeted mail names a
// targeted actor; spam and bulk phishing an untargeted one. Its sites are the recipients'.
import type { Alert } from '../../core/index.ts';
import { baseSignal, type AlertSignal } from './signal.ts';

export function readMail(alert: Alert): AlertSignal {
  const verdict = verdictOf(alert);
  const signal = baseSignal(
    alert,
    verdict === 'targeted' ? 'targeted-mail' : verdict === 'phishing' ? 'phishing' : 'spam',
  );
  signal.stage = 'delivery';
  signal.offHost = true;
  signal.lure = verdict !== 'spam';
  const weaponized = alert.rule.id.endsWith('-weaponized') ? ' with a weaponized attachment' : '';
  if (verdict === 'targeted') signal.targeted = `targeted mail${weaponized}`;
  else if (verdict === 'phishing') signal.untargeted = `bulk phishing${weaponized}`;
  else signal.untargeted = 'spam';
  const recipients = alert.details?.recipient_sites;
  if (Array.isArray(recipients))
    for (const site of recipients) if (typeof site === 'string') signal.sites.push(site);
  return signal;
}

/** `details.verdict` as the mail detector sets it; the rule id when an alert lacks it. */
function verdictOf(alert: Alert): 'targeted' | 'phishing' | 'spam' {
  const verdict = alert.details?.verdict;
  if (verdict === 'targeted' || verdict === 'phishing') return verdict;
  if (verdict === undefined && alert.rule.id.startsWith('chancery-mail-targeted'))
    return 'targeted';
  if (verdict === undefined && alert.rule.id.startsWith('chancery-mail-phishing'))
    return 'phishing';
  // Spam waves and anything the mail detector may add later grade as the least: spam.
  return 'spam';
}
