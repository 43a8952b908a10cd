// An event's XML (as @ts-evtx/core renders a record, or as Event Viewer and wevtutil export it)
// to the evtx-rs JSON shape `{ Event: { System, EventData | UserData } }`, so that .evtx records
// normalize through exactly the same code as exported JSON.

type Json = Record<string, unknown>;

export interface XmlElement {
  name: string;
  attributes?: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** The evtx-rs shape of one `<Event>` document, or a reason it could not be read. */
export function eventJsonFromXml(xml: string): { Event: Json } | string {
  const root = parseXml(xml);
  if (typeof root === 'string') return root;
  if (root.name !== 'Event') return `root element is <${root.name}>, not <Event>`;
  if (!root.children.some((child) => child.name === 'System')) return '<Event> has no <System>';
  return { Event: elementValue(root) as Json };
}

/**
 * A small parser for the XML of one event: elements, attributes, text, CDATA, comments and the
 * five named plus numeric character references. No DTDs: event XML has none.
 */
export function parseXml(xml: string): XmlElement | string {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let index = 0;
  while (index < xml.length) {
    const open = xml.indexOf('<', index);
    const textEnd = open === -1 ? xml.length : open;
    if (textEnd > index) {
      const top = stack.at(-1);
      if (top !== undefined) top.text += decodeEntities(xml.slice(index, textEnd));
      else if (xml.slice(index, textEnd).trim() !== '') return 'text outside the root element';
    }
    if (open === -1) break;
    if (xml.startsWith('<!--', open)) {
      const end = xml.indexOf('-->', open + 4);
      if (end === -1) return 'unterminated comment';
      index = end + 3;
    } else if (xml.startsWith('<![CDATA[', open)) {
      const end = xml.indexOf(']]>', open + 9);
      if (end === -1) return 'unterminated CDATA section';
      const top = stack.at(-1);
      if (top !== undefined) top.text += xml.slice(open + 9, end);
      index = end + 3;
    } else if (xml.startsWith('<?', open) || xml.startsWith('<!', open)) {
      const end = xml.indexOf('>', open);
      if (end === -1) return 'unterminated declaration';
      index = end + 1;
    } else if (xml.startsWith('</', open)) {
      const end = xml.indexOf('>', open);
      if (end === -1) return 'unterminated end tag';
      const name = xml.slice(open + 2, end).trim();
      const element = stack.pop();
      if (element?.name !== name) return `end tag </${name}> does not close <${element?.name}>`;
      index = end + 1;
    } else {
      const tag = readStartTag(xml, open);
      if (typeof tag === 'string') return tag;
      const parent = stack.at(-1);
      if (parent !== undefined) parent.children.push(tag.element);
      else if (root === undefined) root = tag.element;
      else return 'more than one root element';
      if (!tag.selfClosing) stack.push(tag.element);
      index = tag.end;
    }
  }
  if (stack.length > 0) return `unclosed element <${stack.at(-1)?.name}>`;
  return root ?? 'no element';
}

function readStartTag(
  xml: string,
  open: number,
): { element: XmlElement; selfClosing: boolean; end: number } | string {
  let index = open + 1;
  const nameEnd = scanName(xml, index);
  if (nameEnd === index) return `malformed tag at offset ${open}`;
  const element: XmlElement = { name: xml.slice(index, nameEnd), children: [], text: '' };
  index = nameEnd;
  for (;;) {
    while (isSpace(xml.charCodeAt(index))) index++;
    const char = xml[index];
    if (char === undefined) return `unterminated tag <${element.name}>`;
    if (char === '>') return { element, selfClosing: false, end: index + 1 };
    if (char === '/' && xml[index + 1] === '>')
      return { element, selfClosing: true, end: index + 2 };
    const attrEnd = scanName(xml, index);
    if (attrEnd === index) return `malformed attribute in <${element.name}>`;
    const name = xml.slice(index, attrEnd);
    index = attrEnd;
    while (isSpace(xml.charCodeAt(index))) index++;
    if (xml[index] !== '=') return `attribute ${name} of <${element.name}> has no value`;
    index++;
    while (isSpace(xml.charCodeAt(index))) index++;
    const quote = xml[index];
    if (quote !== '"' && quote !== "'")
      return `attribute ${name} of <${element.name}> is not quoted`;
    const close = xml.indexOf(quote, index + 1);
    if (close === -1) return `unterminated attribute ${name} of <${element.name}>`;
    (element.attributes ??= {})[name] = decodeEntities(xml.slice(index + 1, close));
    index = close + 1;
  }
}

function scanName(xml: string, start: number): number {
  let index = start;
  for (;;) {
    const code = xml.charCodeAt(index);
    if (
      Number.isNaN(code) ||
      isSpace(code) ||
      code === 62 /* > */ ||
      code === 47 /* / */ ||
      code === 61 /* = */
    )
      return index;
    index++;
  }
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, entity: string) => {
    if (entity.charCodeAt(0) !== 35 /* # */) return NAMED_ENTITIES[entity] ?? whole;
    const code =
      entity[1] === 'x'
        ? Number.parseInt(entity.slice(2), 16)
        : Number.parseInt(entity.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * evtx-rs conventions: attributes under `#attributes`, text under `#text` beside attributes or
 * children (alone it is the value itself), repeated children as arrays, an empty element as null;
 * `<EventData>`'s named `<Data Name="X">v</Data>` become `X: v` (`''` when empty).
 */
function elementValue(element: XmlElement): unknown {
  if (element.name === 'EventData') return eventDataValue(element);
  const hasChildren = element.children.length > 0;
  const text = hasChildren ? element.text.trim() : element.text;
  if (!hasChildren && element.attributes === undefined) return text === '' ? null : text;
  const value: Json = {};
  if (element.attributes !== undefined) value['#attributes'] = element.attributes;
  for (const child of element.children) addChild(value, child.name, elementValue(child));
  if (text !== '') value['#text'] = text;
  return value;
}

function eventDataValue(element: XmlElement): Json {
  const value: Json = {};
  if (element.attributes !== undefined) value['#attributes'] = element.attributes;
  const allNamed = element.children.every(
    (child) => child.name !== 'Data' || child.attributes?.Name !== undefined,
  );
  for (const child of element.children) {
    const name = child.attributes?.Name;
    if (allNamed && child.name === 'Data' && name !== undefined && name !== '__proto__')
      value[name] = child.children.length > 0 ? elementValue(child) : child.text;
    else addChild(value, child.name, elementValue(child));
  }
  return value;
}

function addChild(into: Json, name: string, value: unknown): void {
  if (name === '__proto__') return;
  if (!Object.hasOwn(into, name)) {
    into[name] = value;
    return;
  }
  const existing = into[name];
  if (Array.isArray(existing)) existing.push(value);
  else into[name] = [existing, value];
}
