// Keeping secrets out of error texts. An error that contains the secret is replaced whole rather
// than masked in place: masking a short secret would mangle the message and, by where the masks
// fall, tell the reader what the secret is.

/** `text`, or a generic line naming `what` failed when `text` contains `secret`. */
export function withoutSecret(text: string, secret: string | undefined, what: string): string {
  if (secret === undefined || secret === '' || !text.includes(secret)) return text;
  return `${what} failed; details withheld because they contained the secret`;
}
