// Authentication-Results (RFC 8601) and ARC-Authentication-Results (RFC 8617) headers as data:
// which server checked the message and what SPF, DKIM, DMARC and ARC said. Only the header that
// our own MTA added can be believed: anything further down the chain may come from the sender.

/** A header as postal-mime gives it: lower-case key, unfolded value, topmost first. */
export interface MailHeader {
  readonly key: string;
  readonly value: string;
}

export interface AuthResult {
  /** `spf`, `dkim`, `dmarc`, `arc`, `compauth`, ... in lower case, without a `/version`. */
  method: string;
  /** `pass`, `fail`, `softfail`, `none`, ... in lower case. */
  result: string;
  /** The `reason=` value, or the first comment after the result (`(sender IP is ...)`). */
  reason?: string;
  /** `smtp.mailfrom`, `header.d`, `header.from`, `policy.dmarc`, `action`, ... → value. */
  properties: Record<string, string>;
}

export interface AuthenticationResults {
  /** The server that wrote the header; empty when the header has none (Exchange Online). */
  authservId: string;
  /** The ARC instance (`i=`) of an ARC-Authentication-Results header. */
  instance?: number;
  results: AuthResult[];
}

export interface SelectedResults extends AuthenticationResults {
  /** True when the header's authserv-id is one of ours; otherwise it is only the topmost one. */
  trusted: boolean;
}

// Hostile headers can be huge or repeated thousands of times: read a bounded amount.
const MAX_HEADER_CHARS = 16 * 1024;
const MAX_HEADERS = 64;
const MAX_RESULTS = 64;
const MAX_PROPERTIES = 32;

/** One Authentication-Results value, or undefined when it holds nothing readable. Never throws. */
export function parseAuthenticationResults(value: string): AuthenticationResults | undefined {
  const { segments, comments } = split(
    value.slice(0, MAX_HEADER_CHARS).replace(/[\uE000\uE001]/g, ''),
  );
  let index = 0;
  let instance: number | undefined;
  const first = segments[0]?.trim() ?? '';
  const arcInstance = /^i\s*=\s*(\d{1,4})$/i.exec(first);
  if (arcInstance?.[1] !== undefined) {
    instance = Number(arcInstance[1]);
    index = 1;
  }
  let authservId = '';
  const head = segments[index]?.trim() ?? '';
  // Exchange Online writes `spf=pass ...` with no authserv-id at all.
  if (!head.includes('=')) {
    authservId = (head.split(/\s+/)[0] ?? '').toLowerCase();
    index += 1;
  }
  const results: AuthResult[] = [];
  for (; index < segments.length && results.length < MAX_RESULTS; index++) {
    const result = resultOf(segments[index] ?? '', comments);
    if (result !== undefined) results.push(result);
  }
  if (authservId === '' && results.length === 0) return undefined;
  const parsed: AuthenticationResults = { authservId, results };
  if (instance !== undefined) parsed.instance = instance;
  return parsed;
}

/**
 * The receiving MTA's results. With `authservIds` configured, every Authentication-Results
 * header carrying one of them, merged (some MTAs write one header per method); without, the
 * topmost header and the ones below it with the same authserv-id, marked untrusted.
 */
export function selectAuthenticationResults(
  headers: readonly MailHeader[],
  authservIds: readonly string[] = [],
): SelectedResults | undefined {
  const parsed = parsedHeaders(headers, 'authentication-results');
  const ours = new Set(authservIds.map((id) => id.toLowerCase()));
  const trusted = ours.size > 0;
  const chosen = trusted
    ? parsed.find((entry) => ours.has(entry.authservId))?.authservId
    : parsed[0]?.authservId;
  if (chosen === undefined) return undefined;
  const results = parsed
    .filter((entry) => entry.authservId === chosen)
    .flatMap((entry) => entry.results)
    .slice(0, MAX_RESULTS);
  return { authservId: chosen, results, trusted };
}

/** Every ARC-Authentication-Results header, highest instance (the latest hop) first. */
export function arcAuthenticationResults(headers: readonly MailHeader[]): AuthenticationResults[] {
  return parsedHeaders(headers, 'arc-authentication-results').sort(
    (a, b) => (b.instance ?? 0) - (a.instance ?? 0),
  );
}

/** The result of the first entry for `method`, e.g. `verdict(selected, 'dmarc')` → `fail`. */
export function verdict(
  parsed: AuthenticationResults | undefined,
  method: string,
): string | undefined {
  return parsed?.results.find((entry) => entry.method === method)?.result;
}

function parsedHeaders(headers: readonly MailHeader[], key: string): AuthenticationResults[] {
  const out: AuthenticationResults[] = [];
  let seen = 0;
  for (const header of headers) {
    if (header.key !== key) continue;
    if (++seen > MAX_HEADERS) break;
    const parsed = parseAuthenticationResults(header.value);
    if (parsed !== undefined) out.push(parsed);
  }
  return out;
}

// Private-use characters mark comments and quoted spaces while the value is cut into words.
const COMMENT = '\uE000';
const QUOTED_SPACE = '\uE001';
const MARKER = /^\uE000(\d+)\uE000$/;

/**
 * The value cut at `;` outside quotes and comments. Each comment is replaced by a marker
 * (`\uE000n\uE000`) so it stays where it was written but can no longer hide `;` or `=`.
 */
function split(value: string): { segments: string[]; comments: string[] } {
  const segments: string[] = [];
  const comments: string[] = [];
  let current = '';
  let comment = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const char = value.charAt(i);
    if (depth > 0) {
      if (char === '(') depth++;
      if (char === ')') depth--;
      if (depth === 0) {
        current += ` ${COMMENT}${comments.length}${COMMENT} `;
        comments.push(comment.trim());
        comment = '';
      } else comment += char === '\\' ? value.charAt(++i) : char;
    } else if (quoted) {
      if (char === '"') quoted = false;
      // A space inside quotes must survive the split into words.
      current += char === '\\' ? value.charAt(++i) : char === ' ' ? QUOTED_SPACE : char;
    } else if (char === '(') depth = 1;
    else if (char === ';') {
      segments.push(current);
      current = '';
    } else {
      if (char === '"') quoted = true;
      current += char;
    }
  }
  segments.push(current);
  return { segments, comments };
}

/** `dkim=pass (comment) reason="x" header.d=example.com` → one result. */
function resultOf(segment: string, comments: readonly string[]): AuthResult | undefined {
  // CFWS is allowed around `=`: glue `method = result` back together before splitting.
  const words = segment
    .replace(/\s*=\s*/g, '=')
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  const head = /^([a-z0-9_-]+)(?:\/\d+)?=([a-z0-9_-]+)$/i.exec(words[0] ?? '');
  if (head?.[1] === undefined || head[2] === undefined) return undefined;
  const result: AuthResult = {
    method: head[1].toLowerCase(),
    result: head[2].toLowerCase(),
    properties: {},
  };
  let count = 0;
  for (const word of words.slice(1)) {
    const marker = MARKER.exec(word);
    if (marker?.[1] !== undefined) {
      result.reason ??= comments[Number(marker[1])];
      continue;
    }
    const equals = word.indexOf('=');
    if (equals <= 0 || count >= MAX_PROPERTIES) continue;
    const key = word.slice(0, equals).toLowerCase();
    const value = unquote(word.slice(equals + 1));
    if (key === 'reason') result.reason = value;
    // `__proto__` would replace the object's prototype instead of adding a property.
    else if (key !== '__proto__' && !Object.hasOwn(result.properties, key)) {
      result.properties[key] = value;
      count++;
    }
  }
  return result;
}

function unquote(value: string): string {
  const text = value.replaceAll(QUOTED_SPACE, ' ');
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}
