// The password of an encrypted attachment is usually in the message itself ("the password is
// 1234"): the archive hides the payload from gateways, the body hands the key to the victim.
// Candidates found here are tried on the archive so that its content can be inspected.

const MAX_CANDIDATES = 10;
const MAX_LENGTH = 64;
// A password sits next to its keyword near the top of the body; do not scan a huge body whole.
const MAX_TEXT = 256 * 1024;

const KEYWORDS = [
  'mot de passe',
  'contraseña',
  'contrasena',
  'password',
  'passwort',
  'passcode',
  'pass',
  'pwd',
  'パスワード',
  '密码',
  '密碼',
  'пароль',
  '비밀번호',
];

// keyword, then optional glue ("is", "for the file is", "は", "是", "est", "es") and a
// separator, then the candidate: quoted, or the next run of non-space characters.
const PATTERN = new RegExp(
  // No letter before a Latin keyword: `bypass:` and `compass:` are not passwords.
  `(?<![A-Za-z])(?:${KEYWORDS.map(escape).join('|')})` +
    `(?:\\s*\\([^)\\n]{0,20}\\))?` +
    `(?:\\s*(?:for\\s+(?:the\\s+)?(?:file|archive|attachment|zip)s?\\s+)?(?:is|are|est|es|ist|は|是|为|為|:|：|=|-|–|—)\\s*)+` +
    `(?:["'“”‘’「『«]([^"'“”‘’」』»\\n]{1,${MAX_LENGTH}})["'“”‘’」』»]|([^\\s"'<>「」『』]{1,${MAX_LENGTH}})(?![^\\s"'<>「」『』]))`,
  'giu',
);

// Words that follow a keyword without being a password ("password: see below").
const STOPWORDS = new Set([
  'is',
  'the',
  'a',
  'an',
  'to',
  'for',
  'of',
  'and',
  'or',
  'below',
  'above',
  'here',
  'same',
  'will',
  'be',
  'was',
  'required',
  'protected',
  'attached',
  'です',
]);

/** Password candidates written in `text`, most likely first, at most ten of ≤ 64 characters. */
export function passwordsInBody(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (candidate: string): void => {
    if (out.length >= MAX_CANDIDATES || candidate === '' || seen.has(candidate)) return;
    seen.add(candidate);
    out.push(candidate);
  };
  PATTERN.lastIndex = 0;
  for (const match of text.slice(0, MAX_TEXT).matchAll(PATTERN)) {
    const token = match[1] ?? match[2] ?? '';
    // "The password is 8842." ends a sentence; "Inv2026!" may be the password itself: both.
    const cleaned = match[1] === undefined ? clean(token) : token;
    if (cleaned.length === 0 || STOPWORDS.has(cleaned.toLowerCase())) continue;
    for (const candidate of [cleaned, token]) {
      add(candidate);
      // Japanese and Chinese mail often writes the password in full-width characters; the
      // archive was made with the ASCII ones.
      add(candidate.normalize('NFKC'));
    }
    if (out.length >= MAX_CANDIDATES) break;
  }
  return out;
}

/** Trailing sentence punctuation and a trailing Japanese copula are not part of the password. */
function clean(token: string): string {
  return token.replace(/(?:です|でございます)$/u, '').replace(/[.,;:!?。、，；）)\]】]+$/u, '');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
