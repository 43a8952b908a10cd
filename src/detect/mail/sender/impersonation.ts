// Display-name impersonation: a VIP's name on somebody else's address, a display name that shows
// an address other than the real one, and free-mail senders presenting themselves as officials.
import type { Finding } from '../finding.ts';
import { registrableDomain } from './lookalike.ts';

export interface Vip {
  name: string;
  /** The VIP's real addresses; mail from these is not impersonation. */
  addresses: readonly string[];
}

const MAX_NAME = 512;
const MAX_VIPS = 10_000;

// Consumer mailboxes anyone can open in minutes. Matched on the full domain or its registrable
// domain, so `mail.yahoo.co.jp` counts too.
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set(
  `
  gmail.com googlemail.com outlook.com outlook.jp hotmail.com hotmail.co.jp hotmail.co.uk
  hotmail.fr live.com live.jp msn.com yahoo.com yahoo.co.jp yahoo.co.uk yahoo.fr ymail.com
  rocketmail.com aol.com icloud.com me.com mac.com proton.me protonmail.com pm.me
  tutanota.com tuta.io gmx.com gmx.de gmx.net web.de mail.com zoho.com yandex.ru yandex.com
  mail.ru bk.ru list.ru inbox.ru rambler.ru qq.com foxmail.com 163.com 126.com yeah.net
  sina.com sina.cn sohu.com aliyun.com 139.com naver.com daum.net hanmail.net hushmail.com
  fastmail.com rediffmail.com laposte.net orange.fr free.fr libero.it seznam.cz wp.pl o2.pl
  docomo.ne.jp ezweb.ne.jp au.com softbank.ne.jp i.softbank.jp
  `
    .trim()
    .split(/\s+/),
);

// Titles and offices a diplomat's correspondent would defer to. Latin words match whole words;
// CJK terms match anywhere, since those scripts do not separate words.
const ROLE_WORDS =
  /(?<!\p{L})(?:ambassador|amb\.|embassy|consulate|consul(?:ate)?[- ]general|consul|minister|ministry|secretary[- ]general|charg[eé] d'affaires|attach[eé]|diplomat|government|governor|director[- ]general|ambassade|ministre|ministère|botschafter|botschaft)(?!\p{L})/iu;
const ROLE_CJK =
  /大使|公使|領事|总领事|領事館|领事|外務|外务|外交部|大臣|次官|参事官|書記官|政府|省庁|大使館|大使馆/u;

/** True when the domain (or its registrable domain) is a consumer free-mail provider. */
export function isFreeMail(domain: string): boolean {
  const lower = domain.trim().toLowerCase();
  if (FREE_MAIL_DOMAINS.has(lower)) return true;
  const registrable = registrableDomain(lower);
  return registrable !== undefined && FREE_MAIL_DOMAINS.has(registrable);
}

/** The domain part of an address, lower case; '' when there is none. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at === -1
    ? ''
    : address
        .slice(at + 1)
        .trim()
        .toLowerCase()
        .replace(/>$/, '');
}

/**
 * A name as comparable tokens: NFKC (full-width letters and the ideographic space), accents
 * dropped, lower case, punctuation as separators. `Yamada, Taro` → `['yamada', 'taro']`.
 */
export function nameTokens(name: string): string[] {
  return name
    .slice(0, MAX_NAME)
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token !== '');
}

/** The VIP whose name the display name carries while the address is not one of theirs. */
export function vipImpersonation(
  displayName: string,
  address: string,
  vips: readonly Vip[],
): Finding | undefined {
  const shown = nameTokens(displayName);
  if (shown.length === 0) return undefined;
  const sender = address.trim().toLowerCase();
  for (const vip of vips.slice(0, MAX_VIPS)) {
    if (!namesMatch(shown, nameTokens(vip.name))) continue;
    if (vip.addresses.some((known) => known.trim().toLowerCase() === sender)) return undefined;
    return {
      code: 'vip-impersonation',
      weight: 0.85,
      reason: `display name "${displayName.slice(0, 120)}" is ${vip.name}, but ${sender} is not one of their addresses`,
    };
  }
  return undefined;
}

/** A display name showing an address (`"ceo@mofa.go.jp" <x@evil.com>`) that is not the sender. */
export function displayNameAddress(displayName: string, address: string): Finding | undefined {
  const sender = address.trim().toLowerCase();
  const shown = displayName
    .slice(0, MAX_NAME)
    .match(/[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+/g);
  for (const candidate of shown ?? []) {
    const lower = candidate.toLowerCase();
    if (lower === sender) continue;
    // Another mailbox at the sender's own company is often a shared desk; at a free-mail
    // provider it is just another stranger.
    const domain = domainOf(sender);
    const sameDomain = domainOf(lower) === domain && !isFreeMail(domain);
    return {
      code: 'display-name-address',
      weight: sameDomain ? 0.3 : 0.7,
      reason: `display name shows ${lower} but the message comes from ${sender}`,
    };
  }
  return undefined;
}

/**
 * A free-mail sender whose display name claims an official role or the organization itself
 * (its name or one of its domains): officials do not write from personal mailboxes.
 */
export function freeMailOfficialClaim(
  displayName: string,
  address: string,
  organization: { name?: string; domains: readonly string[] },
): Finding | undefined {
  const domain = domainOf(address);
  if (domain === '' || !isFreeMail(domain)) return undefined;
  const name = displayName.slice(0, MAX_NAME).normalize('NFKC');
  const lower = name.toLowerCase();
  const claim =
    ROLE_WORDS.exec(name)?.[0] ??
    ROLE_CJK.exec(name)?.[0] ??
    organization.domains.find((own) => own !== '' && lower.includes(own.toLowerCase())) ??
    (organization.name !== undefined &&
    organization.name.length >= 3 &&
    lower.includes(organization.name.toLowerCase())
      ? organization.name
      : undefined);
  if (claim === undefined) return undefined;
  return {
    code: 'freemail-official-claim',
    weight: 0.75,
    reason: `free-mail sender ${address.trim().toLowerCase()} claims "${claim}" in its display name`,
  };
}

/**
 * Same person when every token of the shorter name is in the longer one (order free, so
 * `Taro Yamada` = `Yamada, Taro` = `Amb. Taro Yamada`), or when the spaceless forms contain each
 * other in either order (`山田太郎` = `山田 太郎`).
 */
function namesMatch(shown: readonly string[], vip: readonly string[]): boolean {
  if (vip.length === 0) return false;
  const set = new Set(shown);
  if (vip.length > 1 && vip.every((token) => set.has(token))) return true;
  const compact = shown.join('');
  const forward = vip.join('');
  const backward = [...vip].reverse().join('');
  // Single short Latin tokens (`Ken`) would match too much inside other names.
  if (forward.length < 2 || (vip.length === 1 && /^[\p{Script=Latin}\d]{1,5}$/u.test(forward)))
    return vip.length === 1 && set.has(forward) && shown.length === 1;
  return compact.includes(forward) || compact.includes(backward);
}
