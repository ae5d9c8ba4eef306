import type { Db } from '../connection';

export async function recordLoginAttempt(db: Db, a: { emailNorm: string; ip?: string; succeeded: boolean }): Promise<void> {
  await db('login_attempts').insert({ email_norm: a.emailNorm, ip: a.ip ?? null, succeeded: a.succeeded });
}

/**
 * Failed logins for one address (or one IP) inside the window and after its last success, with
 * the time of the oldest of them: the lock lifts when that one leaves the window.
 */
export async function recentFailures(
  db: Db,
  q: { by: 'email_norm' | 'ip'; value: string; windowMinutes: number },
): Promise<{ count: number; oldest: Date | null }> {
  const col = q.by === 'ip' ? 'ip' : 'email_norm';
  const { rows } = await db.raw<{ rows: Array<{ count: string; oldest: Date | null }> }>(
    `select count(*) as count, min(at) as oldest
       from login_attempts
      where ${col} = :value and not succeeded
        and at > now() - make_interval(mins => :window)
        and at > coalesce((select max(at) from login_attempts where ${col} = :value and succeeded), '-infinity')`,
    { value: q.value, window: q.windowMinutes },
  );
  return { count: Number(rows[0]?.count ?? 0), oldest: rows[0]?.oldest ?? null };
}

export async function pruneLoginAttempts(db: Db, olderThanDays: number): Promise<number> {
  return db('login_attempts')
    .where('at', '<', db.raw('now() - make_interval(days => ?)', [olderThanDays]))
    .delete();
}
