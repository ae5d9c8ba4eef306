import type { Db } from '../../db/connection';
import {
  clearAccountLocks,
  clearPair,
  hitWindow,
  listActiveLocks,
  listCountersAtLeast,
  refundWindow,
  reservePairAttempt,
  type WindowHit,
} from '../../db/repositories/login-attempts';
import { findUserByEmail } from '../../db/repositories/users';
import { AppError } from '../app-error';

export interface ThrottlePolicy {
  /** Attempts one (account, address) pair may make before it is locked. */
  maxFailures: number;
  /** The longest lock of a pair; also the window of the per-address limit. */
  lockMinutes: number;
  /** Attempts per hour one account may see from all addresses together. */
  accountMaxPerHour: number;
}

/** The first lock of a pair lasts this long; each next one twice as long, up to `lockMinutes`. */
const FIRST_LOCK_MINUTES = 1;
/** An address may fail this many times more than one pair before it is refused (credential stuffing). */
const ADDRESS_FAILURE_FACTOR = 10;

const pairKey = (emailNorm: string, ip: string) => `pair:${emailNorm}|${ip}`;
const addressKey = (ip: string) => `ip:${ip}`;
const accountKey = (emailNorm: string) => `account:${emailNorm}`;

function locked(message: string, until: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new AppError('login-locked', `${message}; try again in ${Math.ceil(retryAfterSeconds / 60)} min`, { retryAfterSeconds });
}

/** What a reserved attempt gives back once its password was checked. */
export interface Reservation {
  succeeded(): Promise<void>;
}

/**
 * Reserves one sign-in attempt before the password is checked (consume first, then verify): each
 * counter is incremented and read in one statement, so concurrent attempts cannot exceed a limit.
 * - the (account, address) pair: `maxFailures` attempts, then locked 1, 2, 4 … minutes (at most
 *   `lockMinutes`); another address is not locked with it, so an attacker cannot lock the owner out;
 * - the address across accounts: `maxFailures` × 10 failures per `lockMinutes`; a success is not
 *   counted as a failure but does not wipe the count either;
 * - the account across addresses: `accountMaxPerHour` failures an hour, far above what a person types.
 */
export async function reserveAttempt(db: Db, emailNorm: string, ip: string, policy: ThrottlePolicy): Promise<Reservation> {
  const pair = pairKey(emailNorm, ip);
  const p = await reservePairAttempt(db, {
    key: pair,
    emailNorm,
    ip,
    max: policy.maxFailures,
    baseMinutes: FIRST_LOCK_MINUTES,
    capMinutes: policy.lockMinutes,
  });
  if (p.locked && p.lockedUntil) throw locked('Too many failed sign-ins from this address', p.lockedUntil);

  const windows: Array<{ key: string; hit: WindowHit }> = [];
  const take = async (key: string, seconds: number, max: number, message: string) => {
    const hit = await hitWindow(db, key, seconds);
    windows.push({ key, hit });
    if (hit.hits > max) {
      await Promise.all(windows.map((w) => refundWindow(db, w.key, w.hit.windowStart)));
      throw locked(message, new Date(hit.windowStart.getTime() + seconds * 1000));
    }
  };
  await take(
    addressKey(ip),
    policy.lockMinutes * 60,
    policy.maxFailures * ADDRESS_FAILURE_FACTOR,
    'Too many failed sign-ins from this address',
  );
  await take(accountKey(emailNorm), 3600, policy.accountMaxPerHour, 'Too many failed sign-ins for this account');

  return {
    async succeeded() {
      await clearPair(db, pair);
      await Promise.all(windows.map((w) => refundWindow(db, w.key, w.hit.windowStart)));
    },
  };
}

export interface SignInLock {
  email: string;
  ip: string | null;
  until: Date;
  reason: 'address' | 'account';
}

/** What the administrators see: pairs locked now and accounts at their hourly ceiling. */
export async function listSignInLocks(db: Db, policy: ThrottlePolicy): Promise<SignInLock[]> {
  const pairs = await listActiveLocks(db);
  const accounts = await listCountersAtLeast(db, 'account:', policy.accountMaxPerHour);
  return [
    ...pairs.map((l) => ({ email: l.emailNorm, ip: l.ip, until: l.lockedUntil, reason: 'address' as const })),
    ...accounts
      .map((a) => ({
        email: a.key.slice('account:'.length),
        ip: null,
        until: new Date(a.windowStart.getTime() + 3600_000),
        reason: 'account' as const,
      }))
      .filter((a) => a.until.getTime() > Date.now()),
  ];
}

/** An administrator lets an account sign in again from everywhere (its address limits stay). */
export async function unlockAccount(db: Db, email: string): Promise<{ cleared: number; userId: string | null }> {
  const emailNorm = email.trim().toLowerCase();
  const cleared = await clearAccountLocks(db, emailNorm, accountKey(emailNorm));
  return { cleared, userId: (await findUserByEmail(db, emailNorm))?.id ?? null };
}
