import type { Db } from '../../db/connection';
import { recentFailures, recordLoginAttempt } from '../../db/repositories/login-attempts';
import { deleteSession, insertSession } from '../../db/repositories/sessions';
import { findUserByEmail, findUserById, touchLastLogin, updateUserLocale, type User } from '../../db/repositories/users';
import { AppError } from '../app-error';
import type { Locale, Me } from '../contracts/auth';
import { newSessionToken } from '../middleware/session';
import { burnPasswordCheck, verifyPassword } from './passwords';

export interface LoginPolicy {
  maxFailures: number;
  lockMinutes: number;
  sessionTtlHours: number;
}

/** An IP may fail this many times more than one account before it is refused outright. */
const IP_FAILURE_FACTOR = 10;

export function toMe(u: User): Me {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    locale: u.locale,
    clientId: u.clientId,
    previousLoginAt: u.previousLoginAt ? u.previousLoginAt.toISOString() : null,
  };
}

async function assertNotLocked(db: Db, emailNorm: string, ip: string | undefined, policy: LoginPolicy) {
  const checks: Array<{ by: 'email_norm' | 'ip'; value: string; max: number }> = [
    { by: 'email_norm', value: emailNorm, max: policy.maxFailures },
  ];
  if (ip) checks.push({ by: 'ip', value: ip, max: policy.maxFailures * IP_FAILURE_FACTOR });
  for (const c of checks) {
    const f = await recentFailures(db, { by: c.by, value: c.value, windowMinutes: policy.lockMinutes });
    if (f.count >= c.max && f.oldest) {
      const unlockAt = f.oldest.getTime() + policy.lockMinutes * 60_000;
      const retryAfterSeconds = Math.max(1, Math.ceil((unlockAt - Date.now()) / 1000));
      throw new AppError('login-locked', `Too many failed logins; try again in ${Math.ceil(retryAfterSeconds / 60)} min`, {
        retryAfterSeconds,
      });
    }
  }
}

/**
 * Checks the password and opens a session. Refuses while the address (or the IP) is locked by
 * recent failures; a wrong password, an unknown address and a deactivated user look the same.
 */
export async function login(
  db: Db,
  input: { email: string; password: string; ip?: string; userAgent?: string },
  policy: LoginPolicy,
): Promise<{ token: string; user: Me }> {
  const emailNorm = input.email.trim().toLowerCase();
  await assertNotLocked(db, emailNorm, input.ip, policy);
  const user = await findUserByEmail(db, emailNorm);
  const ok = user && user.active ? await verifyPassword(user.passwordHash, input.password) : await burnPasswordCheck(input.password);
  await recordLoginAttempt(db, { emailNorm, ip: input.ip, succeeded: Boolean(ok) });
  if (!ok || !user) throw new AppError('invalid-credentials');
  const { token, hash } = newSessionToken();
  // The attempt above is recorded even when this fails; the session and the last login go together.
  await db.transaction(async (trx) => {
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
