// Shared helpers of the Office inspectors: the last-resort guard that turns any exception into a
// `malformed-*` finding, and small builders for findings.
import type { Finding } from '../../finding.ts';
import type { InspectorResult } from '../report.ts';

/** A finding that says the file could not be (fully) read, with why. */
export function malformed(code: string, reason: string): Finding {
  return { code, weight: 0.3, reason };
}

/** The message of anything thrown, trimmed for a finding's reason. */
export function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

/**
 * Runs one inspector; a bug or a parser exception on hostile input becomes a `code` finding
 * rather than a rejected promise, because one bad attachment must not fail the whole message.
 */
export async function guarded(
  code: string,
  format: string,
  inspect: () => Promise<InspectorResult>,
): Promise<InspectorResult> {
  try {
    return await inspect();
  } catch (error) {
    return {
      findings: [malformed(code, `unreadable ${format}: ${messageOf(error)}`)],
      children: [],
    };
  }
}
