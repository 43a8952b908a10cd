// Mail files: one message per `.eml` file, or many in an mbox (split by the pipeline at `From `
// lines; mboxrd's `>From ` quoting is undone here).
import type { DetectSample, DocumentParser, InputFormat, ParseOutcome } from '../parser.ts';
import { unescapeMboxrd } from './mbox.ts';
import { MailParser, parseMessage } from './message.ts';

export const emlFormat: InputFormat = {
  type: 'eml',
  description: 'One RFC 5322 mail message per file (.eml)',
  framing: 'document',
  detect: (sample) => {
    if (/\.eml$/i.test(sample.fileName)) return 0.95;
    const first = sample.lines[0] ?? '';
    return HEADER.test(first) && headerShare(sample, 0) >= 0.6 ? 0.85 : 0;
  },
  create: () => new MailParser(),
};

export const mboxFormat: InputFormat = {
  type: 'mbox',
  description: 'Unix mbox (mboxo/mboxrd): messages separated by "From " lines',
  framing: 'mbox',
  detect: (sample) => {
    const first = sample.lines[0] ?? '';
    const named = /\.mbox$/i.test(sample.fileName);
    if (!first.startsWith('From ')) return named ? 0.5 : 0;
    return headerShare(sample, 1) >= 0.5 ? 0.95 : named ? 0.9 : 0.4;
  },
  create: () => new MboxMessageParser(),
};

class MboxMessageParser implements DocumentParser {
  async parseDocument(bytes: Uint8Array): Promise<ParseOutcome[]> {
    return [await parseMessage(unescapeMboxrd(bytes))];
  }
}

/** Header names that open real messages: trace and origin fields, MIME, and any X- extension. */
const HEADER =
  /^(?:Received|From|To|Cc|Subject|Date|Message-ID|Return-Path|MIME-Version|Delivered-To|Reply-To|Sender|X-[A-Za-z0-9-]+|DKIM-Signature|Authentication-Results|ARC-[A-Za-z-]+|Content-Type|Content-Transfer-Encoding|Thread-Topic|Thread-Index|References|In-Reply-To|List-[A-Za-z-]+|Precedence|User-Agent)\s*:/i;

/** The share of the sample's first lines (from `from`) that are header fields or folded parts of one. */
function headerShare(sample: DetectSample, from: number): number {
  const lines = sample.lines.slice(from, from + 6);
  if (lines.length === 0) return 0;
  let headers = 0;
  for (const line of lines) {
    const first = line.charCodeAt(0);
    if (HEADER.test(line) || first === 32 || first === 9) headers++;
  }
  return headers / lines.length;
}
