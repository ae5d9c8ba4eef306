import type { Db } from '../../db/connection';
import { recordLoginAttempt } from '../../db/repositories/login-attempts';
import { deleteSession, insertSession } from '../../db/repositories/sessions';
import { getSetting, grantedCapabilities } from '../../db/repositories/settings';
import {
  countChallengeFailure,
  deleteSignInChallenge,
  enableTotp,
  findAccount,
  findSignInChallenge,
  insertSignInChallenge,
  claimTotpStep,
  setPendingTotpSecret,
  spendRecoveryCode,
} from '../../db/repositories/staff-accounts';
import { twoFactorRequiredFor } from '../../domain/roles';
import { capabilitiesFor } from '../../domain/policy';
import { findUserByEmail, findUserById, touchLastLogin, updateUserLocale, type User } from '../../db/repositories/users';
import { AppError } from '../app-error';
import type { Locale, Me } from '../contracts/auth';
import type { Gate } from '../middleware/rate-limit';
import { hashToken, newSessionToken } from '../middleware/session';
import { burnPasswordCheck, verifyPassword } from './passwords';
import { reserveAttempt, type ThrottlePolicy } from './throttle';
import { hashRecoveryCode, newRecoveryCodes, type TwoFactor } from './two-factor';

export interface LoginPolicy extends ThrottlePolicy {
  sessionTtlHours: number;
  /** Seals TOTP secrets and tells the step of a code. */
  twoFactor: TwoFactor;
}

export function toMe(u: User): Omit<Me, 'capabilities'> {
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
): Promise<SignInOutcome> {
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
  return afterPassword(db, user.id, input, policy);
}

/** What a correct password (or an accepted invitation) leads to: a session, or the second step. */
export type SignInOutcome =
  | { kind: 'signed-in'; token: string; user: Me }
  | { kind: 'step'; step: 'totp' | 'enrol'; pendingToken: string; enrolment: { secret: string; uri: string } | null; userId: string };

/** How long the second step may wait after the password. */
const CHALLENGE_MINUTES = 5;

/**
 * After the password: a user with TOTP answers a code next; a user the firm requires TOTP of (admins
 * and partners, when the firm setting says so) and who has none enrols first; anyone else is signed in.
 */
export async function afterPassword(
  db: Db,
  userId: string,
  meta: { ip?: string; userAgent?: string; previousSessionHash?: string },
  policy: Pick<LoginPolicy, 'sessionTtlHours' | 'twoFactor'>,
): Promise<SignInOutcome> {
  const account = (await findAccount(db, userId))!;
  const required = twoFactorRequiredFor(account.role, await firmRequiresTwoFactor(db));
  if (account.totpSecret || required) {
    const step = account.totpSecret ? 'totp' : 'enrol';
    const pending = newSessionToken();
    let enrolment: { secret: string; uri: string } | null = null;
    await db.transaction(async (trx) => {
      if (step === 'enrol') {
        const fresh = policy.twoFactor.newSecret(account.email);
        await setPendingTotpSecret(trx, userId, fresh.sealed);
        enrolment = { secret: fresh.secret, uri: fresh.uri };
      }
      await insertSignInChallenge(trx, {
        tokenHash: pending.hash,
        userId,
        purpose: step,
        expiresAt: new Date(Date.now() + CHALLENGE_MINUTES * 60_000),
      });
    });
    return { kind: 'step', step, pendingToken: pending.token, enrolment, userId };
  }
  const token = await openSession(db, userId, meta, policy.sessionTtlHours);
  return { kind: 'signed-in', token, user: await getMe(db, userId) };
}

/** Opens a session (as /auth/login does): the browser's earlier session ends; the last sign-in moves. */
export async function openSession(
  db: Db,
  userId: string,
  meta: { ip?: string; userAgent?: string; previousSessionHash?: string },
  sessionTtlHours: number,
): Promise<string> {
  const { token, hash } = newSessionToken();
  await db.transaction(async (trx) => {
    if (meta.previousSessionHash) await deleteSession(trx, meta.previousSessionHash);
    await insertSession(trx, {
      idHash: hash,
      userId,
      expiresAt: new Date(Date.now() + sessionTtlHours * 3600_000),
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    await touchLastLogin(trx, userId);
  });
  return token;
}

/** Failed codes one pending token may send before it is spent (the sign-in throttle counts them too). */
const CHALLENGE_MAX_FAILURES = 5;

/**
 * The second step: a TOTP code (or a recovery code, spent) with the pending token, counted against
 * the same sign-in limits as a password; for an enrolment the code confirms the new secret and the
 * recovery codes are answered once. Success signs in.
 */
export async function secondStep(
  db: Db,
  input: { pendingToken: string; code?: string; recoveryCode?: string; ip?: string; userAgent?: string; previousSessionHash?: string },
  policy: LoginPolicy,
): Promise<{ token: string; user: Me & { recoveryCodes?: string[] } }> {
  const tokenHash = hashToken(input.pendingToken);
  const challenge = await findSignInChallenge(db, tokenHash);
  if (!challenge) throw new AppError('unauthenticated', 'The sign-in took too long or was already finished: sign in again');
  const account = await findAccount(db, challenge.userId);
  if (!account || !account.active) throw new AppError('unauthenticated', 'sign in again');
  const reservation = await reserveAttempt(db, account.email.toLowerCase(), input.ip ?? 'unknown', policy);
  const secret = challenge.purpose === 'enrol' ? account.totpPendingSecret : account.totpSecret;
  let passed = false;
  let step: number | null = null;
  if (input.recoveryCode && challenge.purpose === 'totp')
    passed = await spendRecoveryCode(db, account.id, hashRecoveryCode(input.recoveryCode));
  else if (input.code && secret) {
    step = policy.twoFactor.stepOf(secret, account.email, input.code);
    // An enrolment's code is spent when the secret is confirmed below; a sign-in's, here.
    passed = step !== null && (challenge.purpose === 'enrol' || (await claimTotpStep(db, account.id, step)));
  }
  await recordLoginAttempt(db, { emailNorm: account.email.toLowerCase(), ip: input.ip, succeeded: passed });
  if (!passed) {
    const failures = await countChallengeFailure(db, tokenHash);
    if (failures >= CHALLENGE_MAX_FAILURES) await deleteSignInChallenge(db, tokenHash);
    throw new AppError('totp-invalid');
  }
  await reservation.succeeded();
  let recoveryCodes: string[] | undefined;
  const spent = await db.transaction(async (trx) => {
    if (!(await deleteSignInChallenge(trx, tokenHash))) return false;
    if (challenge.purpose === 'enrol') {
      recoveryCodes = newRecoveryCodes();
      await enableTotp(trx, account.id, secret!, recoveryCodes.map(hashRecoveryCode), step!);
    }
    return true;
  });
  if (!spent) throw new AppError('unauthenticated', 'This sign-in was already finished: sign in again');
  const token = await openSession(db, account.id, input, policy.sessionTtlHours);
  const me = await getMe(db, account.id);
  return { token, user: recoveryCodes ? { ...me, recoveryCodes } : me };
}

/** The firm setting "two-factor sign-in required for admins and partners". */
export async function firmRequiresTwoFactor(db: Db): Promise<boolean> {
  return (await getSetting<{ twoFactorRequired?: boolean }>(db, SECURITY_SETTING))?.twoFactorRequired ?? false;
}
export const SECURITY_SETTING = 'security';

export async function logout(db: Db, sessionHash: string): Promise<void> {
  await deleteSession(db, sessionHash);
}

export async function getMe(db: Db, userId: string): Promise<Me> {
  const user = await findUserById(db, userId);
  if (!user || !user.active) throw new AppError('unauthenticated');
  return { ...toMe(user), capabilities: capabilitiesFor(user.role, await grantedCapabilities(db)) };
}

export async function setMyLocale(db: Db, userId: string, locale: Locale): Promise<Me> {
  await updateUserLocale(db, userId, locale);
  return getMe(db, userId);
}
