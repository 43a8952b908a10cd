// The links of a message: every http(s) URL in the text body, and every anchor of the HTML body
// with the text it shows, so a link that reads `www.mofa.go.jp` but goes elsewhere can be seen.
export interface Link {
  url: string;
  /** Lower-case host name or address literal; '' when the URL does not parse. */
  host: string;
  /** What the reader sees for an HTML anchor, trimmed and capped. */
  text?: string;
  /** Where it was found. */
  from: 'text' | 'html' | 'form';
}

const MAX_LINKS = 500;
const MAX_TEXT = 200;
const MAX_SCAN = 2 * 1024 * 1024;
const TEXT_URL = /\bhttps?:\/\/[^\s<>"'`()[\]{}]+/gi;
const ANCHOR =
  /<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>([\s\S]{0,2000}?)<\/a\s*>/gi;
const FORM = /<form\b[^>]*?\baction\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

/** Links of the text and HTML bodies, de-duplicated by URL and origin, capped at 500. */
export function extractLinks(text: string, html: string): Link[] {
  const links: Link[] = [];
  const seen = new Set<string>();
  const add = (link: Link): void => {
    const key = `${link.from}\u0000${link.url}\u0000${link.text ?? ''}`;
    if (links.length >= MAX_LINKS || seen.has(key)) return;
    seen.add(key);
    links.push(link);
  };
  const htmlScan = html.slice(0, MAX_SCAN);
  for (const match of htmlScan.matchAll(ANCHOR)) {
    const href = decodeEntities(match[1] ?? match[2] ?? match[3] ?? '').trim();
    if (!/^https?:/i.test(href)) continue;
    const shown = visibleText(match[4] ?? '');
    add({ url: href, host: hostOf(href), ...(shown === '' ? {} : { text: shown }), from: 'html' });
  }
  for (const match of htmlScan.matchAll(FORM)) {
    const action = decodeEntities(match[1] ?? match[2] ?? match[3] ?? '').trim();
    if (/^https?:/i.test(action)) add({ url: action, host: hostOf(action), from: 'form' });
  }
  for (const match of text.slice(0, MAX_SCAN).matchAll(TEXT_URL)) {
    const url = match[0].replace(/[.,;:!?]+$/, '');
    add({ url, host: hostOf(url), from: 'text' });
  }
  return links;
}

/** The host of a URL, lower case, without brackets; '' when it does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return '';
  }
}

/** The visible text of an HTML fragment: tags dropped, entities decoded, spaces collapsed. */
export function visibleText(fragment: string, max = MAX_TEXT): string {
  return decodeEntities(fragment.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (entity, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X'
          ? Number.parseInt(body.slice(2), 16)
          : Number.parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED[body.toLowerCase()] ?? entity;
  });
}
