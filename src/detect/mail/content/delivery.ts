// How the message was addressed and dated: mass mail hides its recipient list, and kits forge a
// Date that the receiving servers' own clocks contradict.
import type { Finding } from '../finding.ts';
import type { MailMessage } from '../message/read-message.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export function deliveryFindings(message: MailMessage, list: boolean): Finding[] {
  const findings: Finding[] = [];
  if (!list && message.to.length === 0 && message.cc.length === 0) {
    findings.push({
      code: 'recipients-hidden',
      weight: 0.25,
      reason: 'no recipient is named in To or Cc (undisclosed or Bcc delivery)',
    });
  }
  const received = message.received[0]?.time;
  if (message.date !== '' && received !== undefined) {
    const skew = Date.parse(message.date) - Date.parse(received);
    if (Math.abs(skew) > 2 * DAY_MS) {
      findings.push({
        code: 'date-skew',
        weight: 0.2,
        reason: `the Date header is ${Math.round(Math.abs(skew) / DAY_MS)} days ${skew > 0 ? 'after' : 'before'} its delivery`,
      });
    }
  }
  return findings;
}
