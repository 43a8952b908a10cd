// Events for tests built the way ingest builds them: a record through its real parser, then
// finished with the pipeline-owned fields (stable id, ingest time).
import type { EcsEvent, EventDraft } from '../../src/core/index.ts';
import { eventId } from '../../src/core/index.ts';
import { ParseFailure, type LineParser } from '../../src/parsers/parser.ts';
import { formatByType } from '../../src/parsers/registry.ts';

export function finish(draft: EventDraft): EcsEvent {
  const event = structuredClone(draft) as EcsEvent;
  event.event.id = eventId(
    Date.parse(draft['@timestamp']),
    draft.event.dataset,
    draft.event.original,
  );
  event.event.ingested = new Date().toISOString();
  return event;
}

/** A line parser of a registered line format (`windows-json`, `zeek-tsv`, `suricata-eve`, ...). */
export function lineParser(type: string, fileName = ''): LineParser {
  const format = formatByType(type);
  if (format?.framing !== 'lines') throw new Error(`${type} is not a line format`);
  return format.create({ fileName });
}

/** Every line of one input through one parser; a line that does not parse fails the test. */
export function parseLines(type: string, lines: readonly string[], fileName = ''): EcsEvent[] {
  const parser = lineParser(type, fileName);
  const events: EcsEvent[] = [];
  lines.forEach((line, index) => {
    const outcome = parser.parseLine(line, index + 1);
    if (outcome instanceof ParseFailure) throw new Error(`line ${index + 1}: ${outcome.reason}`);
    if (outcome !== undefined) events.push(finish(outcome));
  });
  return events;
}

/** One Windows event from any of its JSON shapes (flat, evtx-rs nested, Winlogbeat). */
export function windowsEvent(record: object): EcsEvent {
  const [event] = parseLines('windows-json', [JSON.stringify(record)]);
  if (event === undefined) throw new Error('the record is not a Windows event');
  return event;
}
