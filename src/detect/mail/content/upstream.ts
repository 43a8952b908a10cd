// The verdicts of filters the message passed before it reached us: Exchange Online Protection's
// spam confidence level and filter verdict, SpamAssassin's flag. They only ever raise the score:
// a forged "not spam" header would have to lower it, and nothing here does.
import type { Finding } from '../finding.ts';
import type { MailHeader } from '../sender/index.ts';

export function upstreamFindings(headers: readonly MailHeader[]): Finding[] {
  let weight = 0;
  const said: string[] = [];
  for (const { key, value } of headers) {
    if (key === 'x-ms-exchange-organization-scl') {
      // SCL 5–6 is spam, 7–9 high-confidence spam (-1 means an allow rule; never used to lower).
      const scl = Number.parseInt(value.trim(), 10);
      if (scl >= 5 && scl <= 9) {
        weight = Math.max(weight, scl >= 7 ? 0.55 : 0.45);
        said.push(`Exchange SCL ${scl}`);
      }
    } else if (
      key === 'x-forefront-antispam-report' ||
      key === 'x-microsoft-antispam-mailbox-delivery'
    ) {
      if (/\bSFV:SPM\b|\bucf:1\b/i.test(value)) {
        weight = Math.max(weight, 0.55);
        said.push('Exchange filter verdict SPM');
      }
    } else if (
      (key === 'x-spam-flag' && /^\s*yes\b/i.test(value)) ||
      (key === 'x-spam-status' && /^\s*yes\b/i.test(value))
    ) {
      weight = Math.max(weight, 0.5);
      said.push(`${key}: yes`);
    }
  }
  if (weight === 0) return [];
  return [
    {
      code: 'upstream-spam',
      weight,
      reason: `an upstream filter called it spam (${[...new Set(said)].join(', ')})`,
    },
  ];
}
