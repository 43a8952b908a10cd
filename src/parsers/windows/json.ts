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
      return new ParseFailure('not a Windows event: no EventID/Channel, Event.System or winlog');
    return (
      toEcs(readRecord(json, shape), line) ??
      new ParseFailure('no usable time (TimeCreated, SystemTime, @timestamp or EventTime)')
    );
  }
}

function detect(sample: DetectSample): number {
  const first = sample.lines[0];
  if (first?.startsWith('{') !== true) return 0;
  if (/^\{\s*"Event"\s*:\s*\{/.test(first) && first.includes('"System"')) return 1;
  if (first.includes('"winlog"') && first.includes('"event_id"')) return 1;
  if (/"EventID"\s*:/.test(first) && /"(Channel|SourceName|Provider_Name)"\s*:/.test(first))
    return 1;
  return 0;
}

export const windowsJsonFormat: InputFormat = {
  type: 'windows-json',
  description:
    'Windows/Sysmon events as JSON lines: flat (NXLog/OTRF), nested (evtx-rs Event.System), Winlogbeat (winlog.*)',
  framing: 'lines',
  detect,
  create: () => new WindowsJsonParser(),
};
