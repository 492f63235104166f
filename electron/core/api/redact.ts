/** Keeping credentials out of every text the client produces. */

const MASK = '[redacted]';
const MAX_TEXT = 200;

/** The forms in which a secret may come back inside a server's text. */
function secretForms(secret: string): string[] {
  return [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
}

/** Replaces every occurrence of every (non-empty) secret in `text` with a mask. */
export function redact(text: string, secrets: readonly string[]): string {
  const forms = secrets
    .filter((s) => s.length > 0)
    .flatMap(secretForms)
    .sort((a, b) => b.length - a.length);
  return forms.reduce((out, form) => out.split(form).join(MASK), text);
}

/**
 * Makes an outside text (server message, low-level error) safe to show: secrets masked,
 * control characters dropped, whitespace collapsed, cut to a short length.
 */
export function safeText(text: string, secrets: readonly string[], max = MAX_TEXT): string {
  const flat = redact(text, secrets).replace(/\p{C}/gu, ' ').replace(/\s+/g, ' ').trim();
  // Collapsing whitespace could rebuild a secret that contains spaces: mask again.
  const clean = redact(flat, secrets);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
