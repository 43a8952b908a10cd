// The Received chain, newest hop first: who handed the message to whom, from which address and
// when. The sending IP is the first hop whose client address is on the public internet, counted
// from the oldest: later hops are the organization's own relays and the provider's.
import { isIP } from 'node:net';
import { isPublicAddress, mailTime } from '../../../core/index.ts';

import type { MailHeader } from '../sender/index.ts';

export interface ReceivedHop {
  /** The client's name as it introduced itself (`from` clause), when given. */
  from?: string;
  /** The client's address as the receiving server saw it. */
  ip?: string;
  /** The receiving server (`by` clause). */
  by?: string;
  /** ISO time after the last `;`. */
  time?: string;
}

const MAX_HOPS = 50;
// `[192.0.2.1]`, `(192.0.2.1)`, `(host [192.0.2.1])`, `(2001:db8::1)` after the from clause.
const BRACKETED = /[[(]\s*(?:IPv6:)?([0-9a-fA-F:.]{3,45})\s*[\])]/g;

/** Every Received header parsed, topmost (newest) first. */
export function receivedChain(headers: readonly MailHeader[]): ReceivedHop[] {
  const hops: ReceivedHop[] = [];
  for (const header of headers) {
    if (header.key !== 'received') continue;
    hops.push(parseReceived(header.value));
    if (hops.length === MAX_HOPS) break;
  }
  return hops;
}

export function parseReceived(value: string): ReceivedHop {
  const text = value.replace(/\s+/g, ' ');
  const hop: ReceivedHop = {};
  const semicolon = text.lastIndexOf(';');
  const clauses = semicolon === -1 ? text : text.slice(0, semicolon);
  if (semicolon !== -1) {
    const time = mailTime(text.slice(semicolon + 1));
    if (time !== undefined) hop.time = time;
  }
  const from = /\bfrom\s+(\S+)/i.exec(clauses);
  if (from?.[1] !== undefined && !from[1].startsWith('(')) hop.from = from[1].toLowerCase();
  const by = /\bby\s+([^\s;()]+)/i.exec(clauses);
  if (by?.[1] !== undefined) hop.by = by[1].toLowerCase();
  // The address belongs to the from clause: look only before `by`.
  const byAt = by === null ? clauses.length : by.index;
  for (const match of clauses.slice(0, byAt).matchAll(BRACKETED)) {
    const candidate = match[1] ?? '';
    if (isIP(candidate) !== 0) {
      hop.ip = candidate.toLowerCase();
      break;
    }
  }
  return hop;
}

/** The address that handed the message to the first server with a public client: the sender. */
export function sendingIp(hops: readonly ReceivedHop[]): string | undefined {
  for (let index = hops.length - 1; index >= 0; index--) {
    const ip = hops[index]?.ip;
    if (ip !== undefined && isPublicAddress(ip)) return ip;
  }
  return undefined;
}
