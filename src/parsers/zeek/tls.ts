// ssl.log and x509.log -> ECS tls.*. The SNI is both tls.client.server_name and
// destination.domain; a certificate becomes tls.server.x509 with its fingerprint as a hash.
import type { EventDraft, HashFields } from '../../core/index.ts';
import { first, flag, hasKeys, numeric, strings, text } from './record.ts';
import type { LogSpec } from './spec.ts';
import { isoFromZeekTime } from './timestamp.ts';

type Tls = NonNullable<EventDraft['tls']>;

export const ssl: LogSpec = {
  consumed: [
    'version',
    'cipher',
    'curve',
    'server_name',
    'resumed',
    'established',
    'next_protocol',
    'subject',
    'issuer',
    'ja3',
    'ja3s',
    'ja4',
  ],
  map(r, d) {
    d.event.category = ['network'];
    d.event.type = ['protocol'];
    const tls: Tls = {};
    const version = text(r.version);
    let transport = 'tcp';
    if (version !== undefined) {
      const parsed = parseVersion(version);
      tls.version = parsed.version;
      if (parsed.protocol !== undefined) {
        tls.version_protocol = parsed.protocol;
        if (parsed.protocol === 'dtls') transport = 'udp';
      }
    }
    d.network = { transport, protocol: 'tls' };
    const cipher = text(r.cipher);
    if (cipher !== undefined) tls.cipher = cipher;
    const curve = text(r.curve);
    if (curve !== undefined) tls.curve = curve;
    const established = flag(r.established);
    if (established !== undefined) tls.established = established;
    const resumed = flag(r.resumed);
    if (resumed !== undefined) tls.resumed = resumed;
    const next = text(r.next_protocol);
    if (next !== undefined) tls.next_protocol = next;

    const sni = text(r.server_name);
    const ja3 = text(r.ja3);
    const ja4 = text(r.ja4);
    if (sni !== undefined || ja3 !== undefined || ja4 !== undefined) {
      const client: NonNullable<Tls['client']> = {};
      if (sni !== undefined) {
        client.server_name = sni;
        if (d.destination !== undefined) d.destination.domain = sni;
      }
      if (ja3 !== undefined) client.ja3 = ja3;
      if (ja4 !== undefined) client.ja4 = ja4;
      tls.client = client;
    }
    const server: NonNullable<Tls['server']> = {};
    let hasServer = false;
    const subject = text(r.subject);
    if (subject !== undefined) {
      server.subject = subject;
      hasServer = true;
    }
    const issuer = text(r.issuer);
    if (issuer !== undefined) {
      server.issuer = issuer;
      hasServer = true;
    }
    const ja3s = text(r.ja3s);
    if (ja3s !== undefined) {
      server.ja3s = ja3s;
      hasServer = true;
    }
    // The first fingerprint of the chain is the server's own certificate (SHA-256 by default).
    const leaf = first(r.cert_chain_fps);
    const hash = leaf === undefined ? undefined : fingerprintHash(leaf);
    if (hash !== undefined) {
      server.hash = hash;
      hasServer = true;
    }
    if (hasServer) tls.server = server;
    if (hasKeys(tls)) d.tls = tls;
  },
};

export const x509: LogSpec = {
  consumed: [
    'fingerprint',
    'certificate.version',
    'certificate.serial',
    'certificate.subject',
    'certificate.issuer',
    'certificate.not_valid_before',
    'certificate.not_valid_after',
    'certificate.key_alg',
    'certificate.sig_alg',
    'certificate.key_length',
    'certificate.exponent',
    'certificate.curve',
  ],
  map(r, d, section) {
    d.event.category = ['network'];
    d.event.type = ['info'];
    const cert: Record<string, unknown> = {};
    const version = numeric(r['certificate.version']);
    if (version !== undefined) cert.version_number = String(version);
    const serial = text(r['certificate.serial']);
    if (serial !== undefined) cert.serial_number = serial;
    const subject = text(r['certificate.subject']);
    if (subject !== undefined) cert.subject = distinguishedName(subject);
    const issuer = text(r['certificate.issuer']);
    if (issuer !== undefined) cert.issuer = distinguishedName(issuer);
    const notBefore = isoFromZeekTime(r['certificate.not_valid_before']);
    if (notBefore !== undefined) cert.not_before = notBefore;
    const notAfter = isoFromZeekTime(r['certificate.not_valid_after']);
    if (notAfter !== undefined) cert.not_after = notAfter;
    const keyAlgorithm = text(r['certificate.key_alg']);
    if (keyAlgorithm !== undefined) cert.public_key_algorithm = keyAlgorithm;
    const signatureAlgorithm = text(r['certificate.sig_alg']);
    if (signatureAlgorithm !== undefined) cert.signature_algorithm = signatureAlgorithm;
    const keyLength = numeric(r['certificate.key_length']);
    if (keyLength !== undefined) cert.public_key_size = keyLength;
    const exponent = numeric(r['certificate.exponent']);
    if (exponent !== undefined) cert.public_key_exponent = exponent;
    const curve = text(r['certificate.curve']);
    if (curve !== undefined) cert.public_key_curve = curve;
    const names = alternativeNames(r);
    if (names !== undefined) cert.alternative_names = names;

    // ECS has no tls.client.x509 in our event type: a client certificate keeps the same
    // ECS-shaped object in the zeek section instead of posing as the server's.
    if (flag(r.client_cert) === true) {
      if (hasKeys(cert)) section.client_x509 = cert;
      return;
    }
    const server: NonNullable<Tls['server']> = {};
    if (hasKeys(cert)) server.x509 = cert;
    if (subject !== undefined) server.subject = subject;
    if (issuer !== undefined) server.issuer = issuer;
    if (notBefore !== undefined) server.not_before = notBefore;
    if (notAfter !== undefined) server.not_after = notAfter;
    const fingerprint = text(r.fingerprint);
    const hash = fingerprint === undefined ? undefined : fingerprintHash(fingerprint);
    if (hash !== undefined) server.hash = hash;
    if (hasKeys(server)) d.tls = { server };
  },
};

interface Version {
  protocol?: string;
  version: string;
}
const versions = new Map<string, Version>();

/** `TLSv12` -> tls 1.2, `SSLv3` -> ssl 3, `DTLSv10` -> dtls 1.0; anything else as written. */
function parseVersion(written: string): Version {
  let parsed = versions.get(written);
  if (parsed === undefined) {
    const match = /^(TLS|SSL|DTLS)v(\d)(\d)?$/.exec(written);
    parsed =
      match === null
        ? { version: written }
        : {
            protocol: (match[1] as string).toLowerCase(),
            version: match[3] === undefined ? (match[2] as string) : `${match[2]}.${match[3]}`,
          };
    if (versions.size < 64) versions.set(written, parsed);
  }
  return parsed;
}

/** A certificate fingerprint as ECS hash fields, by its length (Zeek: SHA-256 by default). */
function fingerprintHash(fingerprint: string): HashFields | undefined {
  const hex = fingerprint.includes(':') ? fingerprint.replaceAll(':', '') : fingerprint;
  const lower = hex.toLowerCase();
  if (hex.length === 64) return { sha256: lower };
  if (hex.length === 40) return { sha1: lower };
  if (hex.length === 32) return { md5: lower };
  return undefined;
}

/** ECS x509 subject/issuer: the whole DN, plus the common names (most rules match on CN). */
function distinguishedName(dn: string): Record<string, unknown> {
  const names: string[] = [];
  for (const part of dn.split(/(?<!\\),/)) {
    if (part.startsWith('CN=')) names.push(part.slice(3));
  }
  return names.length === 0
    ? { distinguished_name: dn }
    : { distinguished_name: dn, common_name: names };
}

function alternativeNames(r: Readonly<Record<string, unknown>>): string[] | undefined {
  let names: string[] | undefined;
  for (const value of [r['san.dns'], r['san.ip'], r['san.email'], r['san.uri']]) {
    const list = strings(value);
    if (list !== undefined) names = names === undefined ? list : names.concat(list);
  }
  return names;
}
