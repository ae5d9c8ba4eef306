import type { Logger } from 'pino';
import type { Db } from '../db/connection';
import { pruneLoginAttempts } from '../db/repositories/login-attempts';
import { deleteExpiredSessions } from '../db/repositories/sessions';
import { pruneIdempotencyKeys } from '../db/repositories/idempotency-keys';
import { remindDocumentRequests } from './portal';

/** Login attempts are kept this long for investigations, then deleted. */
const LOGIN_ATTEMPT_RETENTION_DAYS = 90;
/** An Idempotency-Key answers its retries this long (a day, as payment APIs keep theirs). */
const IDEMPOTENCY_KEY_RETENTION_HOURS = 24;

/** Where reminder mails link to and which day it is: given, document-request reminders go out too. */
export interface ReminderConfig {
  publicUrl: string;
  firmTimezone: string;
}

export async function housekeepOnce(
  db: Db,
  reminders?: ReminderConfig,
): Promise<{ sessions: number; loginAttempts: number; idempotencyKeys: number; documentReminders?: number }> {
  const done = {
    sessions: await deleteExpiredSessions(db),
    loginAttempts: await pruneLoginAttempts(db, LOGIN_ATTEMPT_RETENTION_DAYS),
    idempotencyKeys: await pruneIdempotencyKeys(db, IDEMPOTENCY_KEY_RETENTION_HOURS),
  };
  // Clients are reminded of documents asked of them 3 days before the due date and once overdue (each once).
  if (!reminders) return done;
  return { ...done, documentReminders: await remindDocumentRequests({ db, ...reminders }) };
}

/** Deletes expired sessions, old login attempts and idempotency keys (and sends due reminders) now and every hour; returns the stop function. */
export function startHousekeeping(db: Db, logger: Logger, everyMs = 3600_000, reminders?: ReminderConfig): () => Promise<void> {
  const run = () =>
    housekeepOnce(db, reminders)
      .then((r) => logger.debug(r, 'housekeeping'))
      .catch((err: unknown) => logger.warn({ err }, 'housekeeping failed'));
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return async () => clearInterval(timer);
}
