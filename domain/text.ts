/**
 * What PostgreSQL cannot store in text or jsonb, and a protobuf string cannot carry: NUL, and
 * UTF-16 surrogates without their pair. One definition for the API's edge, the audit log and the
 * case workflow's validators.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const UNSTORABLE = new RegExp(`\\u0000|${LONE_SURROGATE.source}`);

/** Why a string cannot be stored, or null when it can. */
export function unstorableReason(s: string): string | null {
  const m = UNSTORABLE.exec(s);
  if (!m) return null;
  return m[0] === '\u0000' ? 'NUL characters are not allowed in text' : 'text holds an unpaired UTF-16 surrogate (not valid Unicode)';
}

/** The string with every NUL and unpaired surrogate replaced by U+FFFD (for text that must be written anyway). */
export function storableText(s: string): string {
  return s.replace(new RegExp(UNSTORABLE.source, 'g'), '\ufffd');
}
