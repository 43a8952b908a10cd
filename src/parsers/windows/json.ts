// Windows and Sysmon events as JSON lines, in any of the three exported shapes, line by line.
import {
  ParseFailure,
  type DetectSample,
  type InputFormat,
  type LineParser,
  type ParseOutcome,
} from '../parser.ts';
import { readJsonObject } from '../fields.ts';
import { toEcs } from './ecs.ts';
import { readRecord, shapeOf } from './record.ts';

export class WindowsJsonParser implements LineParser {
  parseLine(line: string): ParseOutcome {
    const json = readJsonObject(line);
    if (json === undefined || json instanceof ParseFailure) return json;
    const shape = shapeOf(json);
    if (shape === undefined)
      return new ParseFailure(
        'not a Windows event: no EventID with Channel/SourceName, Event.System or winlog',
      );
    return (
      toEcs(readRecord(json, shape), line) ??
      new ParseFailure('no usable time (TimeCreated, SystemTime, @timestamp or EventTime)')
    );
  }
}

export const windowsJsonFormat: InputFormat = {
  type: 'windows-json',
  description:
    'Windows/Sysmon events as JSON lines: flat (NXLog/OTRF), nested (evtx-rs Event.System), Winlogbeat (winlog.*)',
  framing: 'lines',
  detect,
  create: () => new WindowsJsonParser(),
};

const NESTED = /^\{\s*"Event"\s*:\s*\{/;
const FLAT_ID = /"EventID"\s*:/;
const FLAT_SOURCE = /"(?:Channel|SourceName|Provider_Name)"\s*:/;
const WINLOG = /"winlog"\s*:\s*\{/;

/**
 * 1 when the first records (up to five) are Windows events, 0.6 when some are. Sample lines are
 * cut at a few KiB, so a cut line without the markers counts neither way.
 */
function detect(sample: DetectSample): number {
  let seen = 0;
  let matched = 0;
  for (const raw of sample.lines) {
    const line = raw.trimEnd();
    if (line.charCodeAt(0) !== 123 /* { */) {
      if (line === '') continue;
      return seen === 0 ? 0 : matched / seen >= 0.5 ? 0.6 : 0;
    }
    if (isWindowsLine(line)) matched++;
    else if (!line.endsWith('}')) continue;
    seen++;
    if (seen === 5) break;
  }
  if (seen === 0 || matched === 0) return 0;
  return matched === seen ? 1 : 0.6;
}

function isWindowsLine(line: string): boolean {
  if (NESTED.test(line)) return line.includes('"System"');
  if (WINLOG.test(line)) return true;
  return FLAT_ID.test(line) && FLAT_SOURCE.test(line);
}
