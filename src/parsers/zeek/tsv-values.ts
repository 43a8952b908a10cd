// Converts Zeek ASCII column text to typed values according to the `#types` header.
import type { ZeekValue } from './record.ts';

export type Converter = (text: string) => ZeekValue;

export interface TsvHeader {
  separator: string;
  setSeparator: string;
  emptyField: string;
  unsetField: string;
}

export const DEFAULT_HEADER: TsvHeader = {
  separator: '\t',
  setSeparator: ',',
  emptyField: '(empty)',
  unsetField: '-',
};

/** Zeek writes separator and non-printable bytes inside values as `\xHH`. */
export function unescape(text: string): string {
  if (!text.includes('\\x')) return text;
  return text.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

const toNumber: Converter = (text) => {
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
};

export function converterFor(type: string, header: TsvHeader): Converter {
  if (type.startsWith('set[') || type.startsWith('vector[')) {
    const inner = type.slice(type.indexOf('[') + 1, -1);
    const numeric = NUMERIC.has(inner);
    return (text) => {
      if (text === header.emptyField) return [];
      const parts = text.split(header.setSeparator);
      return numeric ? parts.map(Number) : parts.map(unescape);
    };
  }
  if (NUMERIC.has(type)) return toNumber;
  if (type === 'bool') return (text) => text === 'T';
  if (type === 'string') return (text) => (text === header.emptyField ? '' : unescape(text));
  return unescape; // addr, subnet, enum, pattern, unknown types: text
}

const NUMERIC = new Set(['time', 'interval', 'count', 'int', 'port', 'double']);

/** `\x09` → tab, as the `#separator` header writes it. */
export function headerValue(text: string): string {
  return unescape(text);
}
