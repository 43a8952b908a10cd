// Mail addresses and dates as every mail stage reads them: the parser when it builds the email
// event, the mail analysis when it reads the whole message again.
import { isoFromText } from './time.ts';

/** A mailbox or a group of mailboxes, as MIME parsers (postal-mime) return address lists. */
export type AddressEntry =
  | { name: string; address: string; group?: undefined }
  | { name: string; address?: undefined; group: readonly AddressEntry[] };

/** Every mailbox address in an address list, groups flattened, lower case. */
export function addresses(list: readonly AddressEntry[]): string[] {
  const out: string[] = [];
  for (const entry of list) {
    if (entry.group !== undefined) out.push(...addresses(entry.group));
    else if (entry.address.trim() !== '') out.push(entry.address.trim().toLowerCase());
  }
  return out;
}

/** Addresses written in a raw header value, for headers too broken for a strict parser. */
export function rawAddresses(value: string): string[] {
  return [...value.matchAll(/[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+/g)].map((match) =>
    match[0].toLowerCase(),
  );
}

/** An RFC 5322 date (`Fri, 19 Apr 2024 10:00:00 +0900 (JST)`) or ISO text as ISO 8601 UTC. */
export function mailTime(text: string): string | undefined {
  const trimmed = text.replace(/\([^)]*\)/g, ' ').trim();
  if (trimmed === '') return undefined;
  const parsed = Date.parse(trimmed);
  if (!Number.isNaN(parsed)) return new Date(parsed).toISOString();
  return isoFromText(trimmed);
}
