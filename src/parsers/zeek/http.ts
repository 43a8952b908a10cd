// http.log -> ECS url.*, http.*, user_agent: one event per request/response pair.
import type { EventDraft } from '../../core/index.ts';
import { first, hasKeys, isAddress, numeric, text } from './record.ts';
import type { LogSpec } from './spec.ts';

type Http = NonNullable<EventDraft['http']>;

export const http: LogSpec = {
  consumed: [
    'method',
    'host',
    'uri',
    'referrer',
    'version',
    'user_agent',
    'request_body_len',
    'response_body_len',
    'status_code',
    'username',
    // A cleartext password is evidence, not something to copy into searchable fields: the
    // section records only that one was seen (it stays in event.original).
    'password',
  ],
  map(r, d, section) {
    d.event.category = ['network', 'web'];
    d.event.type = ['access', 'protocol'];
    d.network = { transport: 'tcp', protocol: 'http' };

    const url: NonNullable<EventDraft['url']> = {};
    const hostHeader = text(r.host);
    let host: string | undefined;
    let port = d.destination?.port;
    if (hostHeader !== undefined) {
      const parsed = splitHost(hostHeader);
      host = parsed.name;
      if (parsed.port !== undefined) port = parsed.port;
      url.domain = host;
      // A Host header that is an address names no domain.
      if (d.destination !== undefined && !isAddress(host)) d.destination.domain = host;
    }
    const uri = text(r.uri);
    if (uri !== undefined) {
      url.original = uri;
      const mark = uri.indexOf('?');
      url.path = mark === -1 ? uri : uri.slice(0, mark);
      if (mark !== -1) url.query = uri.slice(mark + 1);
    }
    if (port !== undefined) url.port = port;
    if (host !== undefined && uri?.charCodeAt(0) === 47 /* / */)
      url.full = `http://${host}${port === undefined || port === 80 ? '' : `:${port}`}${uri}`;
    if (hasKeys(url)) d.url = url;

    const record: Http = {};
    const request: NonNullable<Http['request']> = {};
    const method = text(r.method);
    if (method !== undefined) request.method = method;
    const referrer = text(r.referrer);
    if (referrer !== undefined) request.referrer = referrer;
    const requestBytes = numeric(r.request_body_len);
    if (requestBytes !== undefined) request.body = { bytes: requestBytes };
    const requestMime = first(r.orig_mime_types);
    if (requestMime !== undefined) request.mime_type = requestMime;
    if (hasKeys(request)) record.request = request;
    const response: NonNullable<Http['response']> = {};
    const status = numeric(r.status_code);
    if (status !== undefined) {
      response.status_code = status;
      d.event.outcome = status < 400 ? 'success' : 'failure';
    }
    const responseBytes = numeric(r.response_body_len);
    if (responseBytes !== undefined) response.body = { bytes: responseBytes };
    const responseMime = first(r.resp_mime_types);
    if (responseMime !== undefined) response.mime_type = responseMime;
    if (hasKeys(response)) record.response = response;
    const version = text(r.version);
    if (version !== undefined) record.version = version;
    if (hasKeys(record)) d.http = record;

    const agent = text(r.user_agent);
    if (agent !== undefined) d.user_agent = { original: agent };
    const user = text(r.username);
    if (user !== undefined) d.user = { name: user };
    if (r.password !== undefined && r.password !== null) section.password_seen = true;
  },
};

/** A Host header value: `a.example`, `a.example:8080`, `[2001:db8::1]:443`, `10.0.0.1`. */
function splitHost(host: string): { name: string; port?: number } {
  if (host.charCodeAt(0) === 91 /* [ */) {
    const close = host.indexOf(']');
    if (close === -1) return { name: host };
    const name = host.slice(1, close);
    return host.charCodeAt(close + 1) === 58 ? withPort(name, host.slice(close + 2)) : { name };
  }
  const colon = host.indexOf(':');
  // More than one colon: a bare IPv6 address, no port.
  if (colon === -1 || host.includes(':', colon + 1)) return { name: host };
  return withPort(host.slice(0, colon), host.slice(colon + 1));
}

function withPort(name: string, port: string): { name: string; port?: number } {
  const value = Number(port);
  return port !== '' && Number.isInteger(value) && value >= 0 && value <= 65535
    ? { name, port: value }
    : { name };
}
