// Link signals: where the message's links really go. A link that shows one address and opens
// another, a bare IP, a look-alike of a protected domain, free hosting that phishing kits favour,
// dynamic DNS, a form that posts elsewhere: each is a finding with the URL in its reason.
import type { Finding } from '../finding.ts';
import type { Link } from '../message/links.ts';
import { findLookalike, registrableDomain } from '../sender/lookalike.ts';

// Hosting where anyone can publish a page in minutes; credential-phishing kits live there.
const FREE_HOSTING = suffixSet(`
  web.app firebaseapp.com firebasestorage.googleapis.com storage.googleapis.com appspot.com
  r2.dev pages.dev workers.dev glitch.me netlify.app vercel.app herokuapp.com 000webhostapp.com
  weebly.com wixsite.com blogspot.com github.io gitlab.io surge.sh ngrok.io ngrok-free.app
  ipfs.io dweb.link w3s.link cloudflare-ipfs.com azurewebsites.net windows.net web.core.windows.net
  sites.google.com forms.gle jotform.com formstack.com typeform.com square.site mystrikingly.com
  webflow.io framer.website godaddysites.com yolasite.com carrd.co linktr.ee
`);
export const SHORTENERS = suffixSet(`
  bit.ly tinyurl.com t.co goo.gl ow.ly is.gd buff.ly rebrand.ly cutt.ly shorturl.at rb.gy
  t.ly tiny.cc s.id v.gd qrco.de lnkd.in
`);
const DYNAMIC_DNS = suffixSet(`
  ddns.net duckdns.org no-ip.com no-ip.org noip.me hopto.org zapto.org sytes.net myftp.org
  servehttp.com serveftp.com dyndns.org dynu.com freedns.afraid.org mooo.com 3utilities.com
`);
// TLDs with the highest abuse rates in public registrar reports; context only.
const ABUSED_TLDS = new Set(
  'zip mov top xyz click icu cyou rest monster cfd sbs buzz quest bond lol gq tk ml cf ga'.split(
    ' ',
  ),
);

const IPV4_HOST = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const DOMAIN_IN_TEXT = /\b((?:[a-z0-9-]+\.)+[a-z]{2,24})\b/i;

export function linkSignals(
  links: readonly Link[],
  protectedDomains: readonly string[],
): Finding[] {
  const findings = new Map<string, Finding>();
  const add = (finding: Finding): void => {
    const known = findings.get(finding.code);
    if (known === undefined || known.weight < finding.weight) findings.set(finding.code, finding);
  };
  for (const link of links) {
    const host = link.host;
    if (host === '') continue;
    if (IPV4_HOST.test(host) || host.includes(':')) {
      add({
        code: 'link-ip-literal',
        weight: 0.5,
        reason: `link to a bare address: ${cap(link.url)}`,
      });
      continue;
    }
    if (link.text !== undefined) {
      const shown = DOMAIN_IN_TEXT.exec(link.text)?.[1]?.toLowerCase();
      const shownDomain = shown === undefined ? undefined : registrableDomain(shown);
      const realDomain = registrableDomain(host);
      if (
        shownDomain !== undefined &&
        realDomain !== undefined &&
        shownDomain !== realDomain &&
        /^(?:https?:\/\/|www\.)/i.test(link.text.trim())
      ) {
        add({
          code: 'link-text-mismatch',
          weight: 0.6,
          reason: `a link shows ${shown} but opens ${host}`,
        });
      }
    }
    const lookalike = findLookalike(host, protectedDomains);
    if (lookalike !== undefined) {
      add({
        code: 'link-lookalike',
        weight: 0.85,
        kind: 'evasion',
        reason: `link ${cap(link.url)}: ${lookalike.reason}`,
      });
    }
    if (host.startsWith('xn--') || host.includes('.xn--')) {
      add({
        code: 'link-punycode',
        weight: 0.4,
        reason: `link to an internationalized host: ${host}`,
      });
    }
    if (matchesSuffix(host, DYNAMIC_DNS)) {
      add({ code: 'link-dynamic-dns', weight: 0.5, reason: `link to a dynamic-DNS host: ${host}` });
    } else if (matchesSuffix(host, FREE_HOSTING)) {
      add({ code: 'link-free-hosting', weight: 0.35, reason: `link to free web hosting: ${host}` });
    } else if (matchesSuffix(host, SHORTENERS)) {
      add({ code: 'link-shortener', weight: 0.2, reason: `link through a URL shortener: ${host}` });
    }
    const tld = host.slice(host.lastIndexOf('.') + 1);
    if (ABUSED_TLDS.has(tld)) {
      add({ code: 'link-abused-tld', weight: 0.15, reason: `link to a .${tld} host: ${host}` });
    }
    if (link.from === 'form') {
      add({
        code: 'html-form',
        weight: 0.5,
        reason: `the message body holds a form posting to ${host}`,
      });
    }
    if (/^https?:\/\/[^/]*@/i.test(link.url)) {
      add({
        code: 'link-userinfo',
        weight: 0.5,
        reason: `link hides its host behind userinfo: ${cap(link.url)}`,
      });
    }
  }
  return [...findings.values()];
}

/** The sender's own domain on dynamic DNS or an abused TLD: nobody runs official mail there. */
export function senderDomainFindings(domain: string): Finding[] {
  if (domain === '') return [];
  if (matchesSuffix(domain, DYNAMIC_DNS)) {
    return [
      {
        code: 'sender-dynamic-dns',
        weight: 0.6,
        reason: `the sender's domain ${domain} is dynamic DNS`,
      },
    ];
  }
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  if (ABUSED_TLDS.has(tld)) {
    return [
      { code: 'sender-abused-tld', weight: 0.2, reason: `the sender's domain is under .${tld}` },
    ];
  }
  return [];
}

function suffixSet(text: string): ReadonlySet<string> {
  return new Set(text.split(/\s+/).filter((word) => word !== ''));
}

/** Whether the host is one of the names or below one of them. */
export function matchesSuffix(host: string, names: ReadonlySet<string>): boolean {
  let at = 0;
  for (;;) {
    if (names.has(host.slice(at))) return true;
    const dot = host.indexOf('.', at);
    if (dot === -1) return false;
    at = dot + 1;
  }
}

function cap(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
