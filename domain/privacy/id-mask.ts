/**
 * Identity numbers are personal information (个人信息保护法 art. 28: 身份证号 is sensitive personal
 * information): every answer carries them masked; the full number leaves only by an audited reveal.
 *
 * - 18 (居民身份证) or 15 characters (old 身份证), or any number of 15 or more: first 4 and last 4 kept.
 * - 7 to 14 characters (passports, 港澳通行证, 军官证…): first 1 and last 3 kept.
 * - shorter: every character hidden — nothing of a short number is safe to show.
 * One `*` per hidden character, so the mask has the number's length.
 *
 * An organisation's 统一社会信用代码 is not masked: it is public registration data (published in the
 * 国家企业信用信息公示系统 and printed on every invoice and filing), not personal information.
 */
export const MASK_CHAR = '*';

export function maskIdNumber(id: string | null | undefined): string | null {
  if (id == null) return null;
  const s = id.trim();
  if (!s) return null;
  const chars = Array.from(s);
  const n = chars.length;
  const [head, tail] = n >= 15 ? [4, 4] : n >= 7 ? [1, 3] : [0, 0];
  return chars.slice(0, head).join('') + MASK_CHAR.repeat(n - head - tail) + chars.slice(n - tail).join('');
}

/** Whether a number is shown masked for a record of this kind (organisations' credit codes are public). */
export function isMaskedKind(kind: string | null | undefined): boolean {
  return kind !== 'organisation';
}

/** The number as an answer shows it: masked for people (and records of unknown kind), as is for organisations. */
export function shownIdNumber(id: string | null | undefined, kind?: string | null): string | null {
  if (id == null) return null;
  return isMaskedKind(kind) ? maskIdNumber(id) : id;
}

/** Whether an input holds a mask rather than a number (no identity number contains `*`). */
export function looksMasked(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.includes(MASK_CHAR);
}

/**
 * What a change to a record's identity number means, given what is stored: a value equal to the
 * stored number's mask is "left as it was" (an edit form sent back what it showed) — never written
 * over the number; any other value with `*` in it is refused; anything else replaces it.
 */
export function idNumberChange(
  input: string | null | undefined,
  stored: string | null,
  kind?: string | null,
): { kind: 'keep' } | { kind: 'set'; value: string | null } | { kind: 'refuse' } {
  if (input === undefined) return { kind: 'keep' };
  if (!looksMasked(input)) return { kind: 'set', value: input };
  return input === shownIdNumber(stored, kind) || input === maskIdNumber(stored) ? { kind: 'keep' } : { kind: 'refuse' };
}
