import type { Logger } from 'pino';
import type { Db } from '../db/connection';
import { pruneLoginAttempts } from '../db/repositories/login-attempts';
import { deleteExpiredSessions } from '../db/repositories/sessions';
import { pruneIdempotencyKeys } from '../db/repositories/idempotency-keys';

/** Login attempts are kept this long for investigations, then deleted. */
const LOGIN_ATTEMPT_RETENTION_DAYS = 90;
/** An Idempotency-Key answers its retries this long (a day, as payment APIs keep theirs). */
const IDEMPOTENCY_KEY_RETENTION_HOURS = 24;

export async function housekeepOnce(db: Db): Promise<{ sessions: number; loginAttempts: number; idempotencyKeys: number }> {
  return {
    sessions: await deleteExpiredSessions(db),
    loginAttempts: await pruneLoginAttempts(db, LOGIN_ATTEMPT_RETENTION_DAYS),
    idempotencyKeys: await pruneIdempotencyKeys(db, IDEMPOTENCY_KEY_RETENTION_HOURS),
  };
}

/** Deletes expired sessions, old login attempts and idempotency keys now and every hour; returns the stop function. */
export function startHousekeeping(db: Db, logger: Logger, everyMs = 3600_000): () => Promise<void> {
  const run = () =>
    housekeepOnce(db)
      .then((r) => logger.debug(r, 'housekeeping'))
      .catch((err: unknown) => logger.warn({ err }, 'housekeeping failed'));
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return async () => clearInterval(timer);
}
