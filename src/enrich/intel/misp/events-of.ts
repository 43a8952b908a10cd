// Where the events and attributes are in the JSON shapes MISP writes: `{"Event": {...}}` (one
// event per file, the core format and feeds), a bare event (PyMISP's `to_json` of an event), and
// `{"response": [{"Event": {...}}, ...]}` (REST `events/restSearch`).
import { isRecord, recordField, recordsField, type JsonRecord } from './misp-json.ts';

/** The events in a parsed MISP document; empty when it holds none of the known shapes. */
export function eventsOf(json: unknown): JsonRecord[] {
  if (!isRecord(json)) return [];
  const wrapped = recordField(json, 'Event');
  if (wrapped !== undefined) return [wrapped];
  if (Array.isArray(json.response))
    return recordsField(json, 'response').flatMap((item) => {
      const event = recordField(item, 'Event');
      return event === undefined ? [] : [event];
    });
  return looksLikeEvent(json) ? [json] : [];
}

function looksLikeEvent(record: JsonRecord): boolean {
  return 'Attribute' in record || 'Object' in record || ('info' in record && 'uuid' in record);
}

/** One attribute and, for an attribute of a MISP object, the object holding it. */
export interface AttributeSite {
  attribute: JsonRecord;
  object?: JsonRecord;
}

/** Every attribute of an event: event-level ones first, then each object's, in file order. */
export function attributesOf(event: JsonRecord): AttributeSite[] {
  const own = recordsField(event, 'Attribute').map((attribute) => ({ attribute }));
  const inObjects = recordsField(event, 'Object').flatMap((object) =>
    recordsField(object, 'Attribute').map((attribute) => ({ attribute, object })),
  );
  return [...own, ...inObjects];
}

/** An attribute's value as MISP stores it; old exports split composites into value1/value2. */
export function rawValueOf(attribute: JsonRecord): string | undefined {
  const value = attribute.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  const first = attribute.value1;
  const second = attribute.value2;
  if (typeof first !== 'string') return undefined;
  return typeof second === 'string' && second !== '' ? `${first}|${second}` : first;
}
