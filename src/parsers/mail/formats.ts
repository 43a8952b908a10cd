// Mail files: one message per `.eml` file, or many in an mbox (split by the pipeline at `From `
// lines; mboxrd's `>From ` escaping is undone here).
import type { DetectSample, DocumentParser, InputFormat, ParseOutcome } from '../parser.ts';
import { MailParser, parseMessage } from './message.ts';

const HEADER =
  /^(Received|From|To|Subject|Message-ID|Return-Path|MIME-Version|Delivered-To|Date|X-[A-Za-z0-9-]+|DKIM-Signature|Authentication-Results|ARC-[A-Za-z-]+|Content-Type)\s*:/i;

/** mboxrd: a body line `>From ` (with any number of `>`) was escaped once on writing. */
export function unescapeMboxrd(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes).toString('latin1');
  if (!text.includes('>From ')) return bytes;
  return Buffer.from(text.replace(/^>(>*From )/gm, '$1'), 'latin1');
}

class MboxMessageParser implements DocumentParser {
  async parseDocument(bytes: Uint8Array): Promise<ParseOutcome[]> {
    return [await parseMessage(unescapeMboxrd(bytes))];
  }
}

function headerShare(sample: DetectSample, from: number): number {
  const lines = sample.lines.slice(from, from + 6);
  if (lines.length === 0) return 0;
  return lines.filter((line) => HEADER.test(line) || /^\s/.test(line)).length / lines.length;
}

export const emlFormat: InputFormat = {
  type: 'eml',
  description: 'One RFC 5322 mail message per file (.eml)',
  framing: 'document',
  detect: (sample) => {
    if (/\.eml$/i.test(sample.fileName)) return 0.95;
    return HEADER.test(sample.lines[0] ?? '') && headerShare(sample, 0) >= 0.6 ? 0.85 : 0;
  },
  create: () => new MailParser(),
};

export const mboxFormat: InputFormat = {
  type: 'mbox',
  description: 'Unix mbox (mboxo/mboxrd): messages separated by "From " lines',
  framing: 'mbox',
  detect: (sample) => {
    const first = sample.lines[0] ?? '';
    if (!first.startsWith('From ')) return /\.mbox$/i.test(sample.fileName) ? 0.5 : 0;
    return headerShare(sample, 1) >= 0.5 ? 0.95 : 0.4;
  },
  create: () => new MboxMessageParser(),
};
