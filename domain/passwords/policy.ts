/**
 * The password rule for every password a person sets — accepting a staff or portal invitation, a
 * reset link, changing one's own, `lexflow create-admin`: at least 10 characters, not one of the
 * common passwords shipped as data (`common-passwords.txt`, read by the server; the UI checks the
 * rest before sending), and not containing the part of the e-mail address before the @.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 1024;

export type PasswordProblem = 'too-short' | 'too-long' | 'common' | 'contains-email';

/** A set of common passwords (lower case) — the server loads the shipped list; the UI passes none. */
export interface CommonPasswords {
  has(lowerCasePassword: string): boolean;
}

/** Why a password is refused, or null. */
export function passwordProblem(password: string, email: string, common?: CommonPasswords): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too-short';
  if (length > PASSWORD_MAX_LENGTH) return 'too-long';
  const lower = password.toLowerCase();
  const local = (email.split('@')[0] ?? '').toLowerCase();
  if (local.length >= 3 && lower.includes(local)) return 'contains-email';
  if (common?.has(lower)) return 'common';
  return null;
}

/** The shipped list's text (one password a line, `#` comments) as a set. */
export function parseCommonPasswords(text: string): Set<string> {
  const set = new Set<string>();
  for (const line of text.split('\n')) {
    const p = line.trim().toLowerCase();
    if (p && !p.startsWith('#')) set.add(p);
  }
  return set;
}
