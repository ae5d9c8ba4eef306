import type { Db } from '../connection';

/** The log of sign-in attempts (kept for investigations; the throttle reads its own tables). */
export async function recordLoginAttempt(db: Db, a: { emailNorm: string; ip?: string; succeeded: boolean }): Promise<void> {
  await db('login_attempts').insert({ email_norm: a.emailNorm, ip: a.ip ?? null, succeeded: a.succeeded });
}

export interface WindowHit {
  hits: number;
  windowStart: Date;
}

/**
 * Counts one hit on `key` in the current fixed window of `windowSeconds` and answers the count
 * including it. One statement (insert … on conflict do update … returning): concurrent callers
 * each see a distinct count, so a limit checked on the answer cannot be overshot.
 */
export async function hitWindow(db: Db, key: string, windowSeconds: number): Promise<WindowHit> {
  const { rows } = await db.raw<{ rows: Array<{ hits: number; window_start: Date }> }>(
    `insert into login_counters as c (key, window_start, hits)
     values (:key, to_timestamp(floor(extract(epoch from now()) / :secs) * :secs), 1)
     on conflict (key, window_start) do update set hits = c.hits + 1
     returning hits, window_start`,
    { key, secs: windowSeconds },
  );
  return { hits: rows[0].hits, windowStart: rows[0].window_start };
}

/** Takes back one hit (a sign-in that succeeded is not a failure; it does not reset the count). */
export async function refundWindow(db: Db, key: string, windowStart: Date): Promise<void> {
  await db('login_counters').where({ key, window_start: windowStart }).andWhere('hits', '>', 0).decrement('hits', 1);
}

export interface PairReservation {
  /** Refused: the pair is locked (now or by this very attempt) until `lockedUntil`. */
  locked: boolean;
  lockedUntil: Date | null;
  level: number;
}

/**
 * Reserves one attempt for an (account, address) pair before its password is checked. After
 * `max` attempts the pair is locked for `baseMinutes` × 2^level (at most `capMinutes`), each lock
 * twice the last; a pair quiet for a day starts over. One statement, so concurrent attempts are
 * counted one by one and no more than `max` are let through between locks.
 */
export async function reservePairAttempt(
  db: Db,
  p: { key: string; emailNorm: string; ip: string | null; max: number; baseMinutes: number; capMinutes: number },
): Promise<PairReservation> {
  const { rows } = await db.raw<{ rows: Array<{ locked: boolean; locked_until: Date | null; level: number }> }>(
    `insert into login_locks as l (key, email_norm, ip, attempts, level, locked_until, updated_at)
     values (:key, :email, :ip, 1, 0, null, now())
     on conflict (key) do update set
       attempts = case when l.locked_until > now() then l.attempts
                       when l.updated_at < now() - interval '1 day' then 1
                       when l.attempts + 1 > :max then 0
                       else l.attempts + 1 end,
       level = case when l.locked_until > now() then l.level
                    when l.updated_at < now() - interval '1 day' then 0
                    when l.attempts + 1 > :max then l.level + 1
                    else l.level end,
       locked_until = case when l.locked_until > now() then l.locked_until
                           when l.updated_at < now() - interval '1 day' then null
                           when l.attempts + 1 > :max
                             then now() + least(:base * power(2, least(l.level, 20)), :cap) * interval '1 minute'
                           else l.locked_until end,
       updated_at = now()
     returning (locked_until > now()) is true as locked, locked_until, level`,
    { key: p.key, email: p.emailNorm, ip: p.ip, max: p.max, base: p.baseMinutes, cap: p.capMinutes },
  );
  return { locked: rows[0].locked, lockedUntil: rows[0].locked_until, level: rows[0].level };
}

/** The pair signed in: its attempts and lock level start over. */
export async function clearPair(db: Db, key: string): Promise<void> {
  await db('login_locks').where({ key }).delete();
}

/** An administrator lifts every lock on an account: all its pairs and its hourly ceiling. */
export async function clearAccountLocks(db: Db, emailNorm: string, accountKey: string): Promise<number> {
  const pairs = await db('login_locks').where({ email_norm: emailNorm }).delete();
  const ceilings = await db('login_counters').where({ key: accountKey }).delete();
  return pairs + ceilings;
}

export interface ActiveLock {
  emailNorm: string;
  ip: string | null;
  level: number;
  lockedUntil: Date;
}

/** Pairs refused right now, the latest lock first. */
export async function listActiveLocks(db: Db, limit = 200): Promise<ActiveLock[]> {
  const rows = await db('login_locks')
    .where('locked_until', '>', db.fn.now())
    .orderBy('locked_until', 'desc')
    .limit(limit)
    .select('email_norm', 'ip', 'level', 'locked_until');
  return rows.map((r) => ({ emailNorm: r.email_norm, ip: r.ip, level: r.level, lockedUntil: r.locked_until }));
}

/** Accounts at or over their hourly ceiling in the current window. */
export async function listCountersAtLeast(
  db: Db,
  prefix: string,
  min: number,
): Promise<Array<{ key: string; hits: number; windowStart: Date }>> {
  const rows = await db('login_counters')
    .where('key', 'like', `${prefix}%`)
    .andWhere('hits', '>=', min)
    .andWhere('window_start', '>', db.raw("now() - interval '1 day'"))
    .orderBy('window_start', 'desc')
    .select('key', 'hits', 'window_start');
  return rows.map((r) => ({ key: r.key, hits: r.hits, windowStart: r.window_start }));
}

/** Deletes old attempts (answers how many), and with them finished counter windows and pairs quiet for a day. */
export async function pruneLoginAttempts(db: Db, olderThanDays: number): Promise<number> {
  const attempts = await db('login_attempts')
    .where('at', '<', db.raw('now() - make_interval(days => ?)', [olderThanDays]))
    .delete();
  await db('login_counters').where('window_start', '<', db.raw("now() - interval '1 day'")).delete();
  await db('login_locks')
    .where('updated_at', '<', db.raw("now() - interval '1 day'"))
    .andWhere((b) => b.whereNull('locked_until').orWhere('locked_until', '<', db.fn.now()))
    .delete();
  return attempts;
}
