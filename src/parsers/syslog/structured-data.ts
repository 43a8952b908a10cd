// RFC 5424 STRUCTURED-DATA: `[id name="value" ...][id2 ...]`. In a PARAM-VALUE only `\"`, `\\`
// and `\]` are escapes; any other backslash is kept as written (RFC 5424 section 6.3.3).

export interface StructuredData {
  data: Record<string, Record<string, string>>;
  /** Index just past the last `]`. */
  end: number;
}

/** The SD-ELEMENTs from `start` (a `[`) up to `end`, or the reason they are malformed. */
export function readStructuredData(
  text: string,
  start: number,
  end: number,
): StructuredData | string {
  const data: Record<string, Record<string, string>> = {};
  let index = start;
  while (index < end && text.charCodeAt(index) === 91 /* [ */) {
    index++;
    const idStart = index;
    while (index < end && !isNameEnd(text.charCodeAt(index))) index++;
    if (index === idStart) return 'malformed structured data: element without an SD-ID';
    const id = text.slice(idStart, index);
    const params: Record<string, string> = {};
    for (;;) {
      const code = text.charCodeAt(index);
      if (code === 93 /* ] */) {
        index++;
        break;
      }
      if (code !== 32 || index >= end)
        return `malformed structured data: element [${id} is not closed`;
      index++;
      const nameStart = index;
      while (index < end && !isNameEnd(text.charCodeAt(index))) index++;
      if (
        index === nameStart ||
        text.charCodeAt(index) !== 61 /* = */ ||
        text.charCodeAt(index + 1) !== 34 /* " */
      )
        return `malformed structured data: expected name="value" in [${id}`;
      const name = text.slice(nameStart, index);
      const value = readValue(text, index + 2, end);
      if (value === undefined) return `malformed structured data: unterminated value of ${name}`;
      // Repeated names are allowed by the RFC; the record keeps the last.
      if (name !== '__proto__') params[name] = value.text;
      index = value.end;
    }
    if (id !== '__proto__') data[id] = params;
  }
  return { data, end: index };
}

function readValue(
  text: string,
  start: number,
  end: number,
): { text: string; end: number } | undefined {
  let index = start;
  let value = '';
  let chunk = start;
  while (index < end) {
    const code = text.charCodeAt(index);
    if (code === 34 /* " */) return { text: value + text.slice(chunk, index), end: index + 1 };
    if (code === 92 /* \ */) {
      const next = text.charCodeAt(index + 1);
      if (next === 34 || next === 92 || next === 93) {
        value += text.slice(chunk, index);
        chunk = index + 1;
        index += 2;
        continue;
      }
    }
    index++;
  }
  return undefined;
}

/** SD-NAME: printable US-ASCII except `=`, space, `]` and `"`. */
function isNameEnd(code: number): boolean {
  return code === 61 || code === 32 || code === 93 || code === 34 || Number.isNaN(code);
}
