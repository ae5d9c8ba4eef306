import type { Db } from '../../db/connection';
import { recordLoginAttempt } from '../../db/repositories/login-attempts';
import { deleteSession, insertSession } from '../../db/repositories/sessions';
import { findUserByEmail, findUserById, touchLastLogin, updateUserLocale, type User } from '../../db/repositories/users';
import { AppError } from '../app-error';
import type { Locale, Me } from '../contracts/auth';
import type { Gate } from '../middleware/rate-limit';
import { newSessionToken } from '../middleware/session';
import { burnPasswordCheck, verifyPassword } from './passwords';
import { reserveAttempt, type ThrottlePolicy } from './throttle';

export interface LoginPolicy extends ThrottlePolicy {
  sessionTtlHours: number;
}

export function toMe(u: User): Me {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    locale: u.locale,
    previousLoginAt: u.previousLoginAt ? u.previousLoginAt.toISOString() : null,
  };
}

/**
 * Checks the password and opens a session. The attempt is reserved against the sign-in limits
 * first (throttle.ts), then the password is checked inside `gate` (a bound on concurrent argon2
 * work); a wrong password, an unknown address and a deactivated user look the same. A session the
 * browser already carried (`previousSessionHash`) ends: one browser, one session.
 */
export async function login(
  db: Db,
  input: { email: string; password: string; ip?: string; userAgent?: string; previousSessionHash?: string },
  policy: LoginPolicy,
  gate: Gate,
): Promise<{ token: string; user: Me }> {
  const emailNorm = input.email.trim().toLowerCase();
  const ip = input.ip ?? 'unknown';
  const { user, ok } = await gate.run(async () => {
    const reservation = await reserveAttempt(db, emailNorm, ip, policy);
    const found = await findUserByEmail(db, emailNorm);
    const passed =
      found && found.active ? await verifyPassword(found.passwordHash, input.password) : await burnPasswordCheck(input.password);
    if (passed) await reservation.succeeded();
    return { user: found, ok: passed };
  });
  await recordLoginAttempt(db, { emailNorm, ip: input.ip, succeeded: Boolean(ok) });
  if (!ok || !user) throw new AppError('invalid-credentials');
  const { token, hash } = newSessionToken();
  // The attempt above is recorded even when this fails; the session and the last login go together.
  await db.transaction(async (trx) => {
    if (input.previousSessionHash) await deleteSession(trx, input.previousSessionHash);
    await insertSession(trx, {
      idHash: hash,
      userId: user.id,
      expiresAt: new Date(Date.now() + policy.sessionTtlHours * 3600_000),
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await touchLastLogin(trx, user.id);
  });
  return { token, user: await getMe(db, user.id) };
}

export async function logout(db: Db, sessionHash: string): Promise<void> {
  await deleteSession(db, sessionHash);
}

export async function getMe(db: Db, userId: string): Promise<Me> {
  const user = await findUserById(db, userId);
  if (!user || !user.active) throw new AppError('unauthenticated');
  return toMe(user);
}

export async function setMyLocale(db: Db, userId: string, locale: Locale): Promise<Me> {
  await updateUserLocale(db, userId, locale);
  return getMe(db, userId);
}
