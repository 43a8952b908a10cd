// The values of an event that indicators of compromise can name: addresses, names, URLs, hashes,
// mail addresses and file names, each with the ECS field it came from. The live matcher reads
// them normalized; the store keeps them raw in a per-value index that retro-hunts search, and
// normalizes each distinct value once at hunt time.
import type { EcsEvent, EndpointFields, HashFields } from './event.ts';
import type { EventValue, ValueType } from './indicator.ts';
import {
  normalizeDomain,
  normalizeIndicator,
  normalizeIp,
  normalizeUrl,
} from './indicator-value.ts';

/** How values are grouped in the value index: one kind per way of normalizing and matching. */
export type ValueKind = 'ip' | 'domain' | 'url' | 'hash' | 'email' | 'filename';

export type RawValueVisitor = (kind: ValueKind, raw: string, field: string, role: string) => void;

/** Calls `visit` for every matchable value of the event, as the event carries it. */
export function visitRawValues(event: EcsEvent, visit: RawValueVisitor): void {
  endpoint(event.source, 'source', visit);
  endpoint(event.destination, 'destination', visit);
  endpoint(event.client, 'client', visit);
  endpoint(event.server, 'server', visit);
  const url = event.url;
  if (url !== undefined) {
    const text = url.full ?? url.original;
    // Zeek and proxies log the path alone in url.original; only an absolute URL names a resource.
    if (text !== undefined && text.includes('://'))
      visit('url', text, url.full === undefined ? 'url.original' : 'url.full', 'request');
    if (url.domain !== undefined)
      visit(hostKind(url.domain), url.domain, 'url.domain', 'destination');
  }
  const dns = event.dns;
  if (dns !== undefined) {
    if (dns.question?.name !== undefined)
      visit('domain', dns.question.name, 'dns.question.name', 'query');
    for (const ip of dns.resolved_ip ?? []) visit('ip', ip, 'dns.resolved_ip', 'answer');
  }
  const sni = event.tls?.client?.server_name;
  if (sni !== undefined) visit('domain', sni, 'tls.client.server_name', 'destination');
  const referrer = event.http?.request?.referrer;
  if (referrer?.includes('://') === true)
    visit('url', referrer, 'http.request.referrer', 'referrer');
  const file = event.file;
  if (file !== undefined) {
    hashes(file.hash, 'file.hash', 'file', visit);
    if (file.name !== undefined) visit('filename', file.name, 'file.name', 'file');
    else if (file.path !== undefined) visit('filename', file.path, 'file.path', 'file');
  }
  const process = event.process;
  if (process !== undefined) {
    hashes(process.hash, 'process.hash', 'process', visit);
    if (process.executable !== undefined)
      visit('filename', process.executable, 'process.executable', 'process');
    else if (process.name !== undefined) visit('filename', process.name, 'process.name', 'process');
    const parent = process.parent;
    if (parent !== undefined) {
      hashes(parent.hash, 'process.parent.hash', 'parent', visit);
      if (parent.executable !== undefined)
        visit('filename', parent.executable, 'process.parent.executable', 'parent');
    }
  }
  const email = event.email;
  if (email !== undefined) {
    for (const address of email.from?.address ?? [])
      visit('email', address, 'email.from.address', 'sender');
    if (email.sender !== undefined)
      visit('email', email.sender.address, 'email.sender.address', 'sender');
    for (const address of email.reply_to?.address ?? [])
      visit('email', address, 'email.reply_to.address', 'reply-to');
    for (const address of email.to?.address ?? [])
      visit('email', address, 'email.to.address', 'recipient');
    for (const address of email.cc?.address ?? [])
      visit('email', address, 'email.cc.address', 'recipient');
    for (const attachment of email.attachments ?? []) {
      hashes(attachment.file.hash, 'email.attachments.file.hash', 'attachment', visit);
      if (attachment.file.name !== undefined)
        visit('filename', attachment.file.name, 'email.attachments.file.name', 'attachment');
    }
  }
}

function endpoint(fields: EndpointFields | undefined, role: string, visit: RawValueVisitor): void {
  if (fields === undefined) return;
  if (fields.ip !== undefined) visit('ip', fields.ip, `${role}.ip`, role);
  if (fields.domain !== undefined)
    visit(hostKind(fields.domain), fields.domain, `${role}.domain`, role);
}

function hashes(
  hash: HashFields | undefined,
  field: string,
  role: string,
  visit: RawValueVisitor,
): void {
  if (hash === undefined) return;
  if (hash.md5 !== undefined) visit('hash', hash.md5, `${field}.md5`, role);
  if (hash.sha1 !== undefined) visit('hash', hash.sha1, `${field}.sha1`, role);
  if (hash.sha256 !== undefined) visit('hash', hash.sha256, `${field}.sha256`, role);
  if (hash.sha512 !== undefined) visit('hash', hash.sha512, `${field}.sha512`, role);
}

/** A host written where a name is expected may be an address literal (`http://1.2.3.4/`). */
function hostKind(host: string): ValueKind {
  const first = host.charCodeAt(0);
  return (first >= 48 && first <= 57) || host.includes(':') ? 'ip' : 'domain';
}

const HASH_TYPES: Readonly<Record<number, ValueType>> = {
  32: 'md5',
  40: 'sha1',
  64: 'sha256',
  128: 'sha512',
};

/** The indicator type and normal form of a raw value of a kind, or undefined when it is none. */
export function normalizeValue(
  kind: ValueKind,
  raw: string,
): { type: ValueType; value: string } | undefined {
  switch (kind) {
    case 'ip': {
      const value = normalizeIp(raw);
      if (value !== undefined) return { type: value.includes(':') ? 'ipv6' : 'ipv4', value };
      // `destination.domain` holding an address literal was sent here; a name is a name.
      const domain = normalizeDomain(raw);
      return domain === undefined ? undefined : { type: 'domain', value: domain };
    }
    case 'domain': {
      const value = normalizeDomain(raw);
      return value === undefined ? undefined : { type: 'domain', value };
    }
    case 'url': {
      const value = normalizeUrl(raw);
      return value === undefined ? undefined : { type: 'url', value };
    }
    case 'hash': {
      const type = HASH_TYPES[raw.length];
      if (type === undefined) return undefined;
      const normalized = normalizeIndicator(type, raw);
      return 'error' in normalized ? undefined : { type, value: normalized.value };
    }
    case 'email':
    case 'filename': {
      const normalized = normalizeIndicator(kind, raw);
      return 'error' in normalized ? undefined : { type: kind, value: normalized.value };
    }
  }
}

/** Every matchable value of the event, normalized as indicators are. */
export function eventValues(event: EcsEvent): EventValue[] {
  const out: EventValue[] = [];
  visitRawValues(event, (kind, raw, field, role) => {
    const normalized = normalizeValue(kind, raw);
    if (normalized !== undefined)
      out.push({ type: normalized.type, value: normalized.value, role, field });
  });
  return out;
}
