// Every input format Chancery reads, in tie-break order (specific formats before generic ones).
// Adding a format means adding it here; nothing else branches on format names.
import { emlFormat, mboxFormat } from './mail/index.ts';
import { ndjsonFormat } from './ndjson/index.ts';
import type { DetectSample, InputFormat } from './parser.ts';
import { suricataEveFormat } from './suricata/index.ts';
import { syslogFormat } from './syslog/index.ts';
import { evtxFormat, windowsJsonFormat } from './windows/index.ts';
import { zeekJsonFormat, zeekTsvFormat } from './zeek/index.ts';

export const FORMATS: readonly InputFormat[] = [
  zeekTsvFormat,
  zeekJsonFormat,
  suricataEveFormat,
  windowsJsonFormat,
  evtxFormat,
  mboxFormat,
  emlFormat,
  syslogFormat,
  ndjsonFormat,
];

/** Below this confidence a format is not taken; the input is reported as unrecognised. */
export const MIN_CONFIDENCE = 0.2;

export function formatByType(type: string): InputFormat | undefined {
  return FORMATS.find((format) => format.type === type);
}

/** The most confident format for a sample, or undefined when none is confident enough. */
export function detectFormat(sample: DetectSample): InputFormat | undefined {
  let best: InputFormat | undefined;
  let bestScore = MIN_CONFIDENCE;
  for (const format of FORMATS) {
    const score = safeDetect(format, sample);
    if (score > bestScore) {
      best = format;
      bestScore = score;
    }
  }
  return best;
}

function safeDetect(format: InputFormat, sample: DetectSample): number {
  try {
    return format.detect(sample);
  } catch {
    return 0; // a detector bug must not stop ingestion; the format simply does not claim the file
  }
}
