import type { BlobStorage } from '../db/storage';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../db/connection';
import { isDataError } from '../db/errors';
import { DATA_ERROR_FAILURE } from '../workflows/definitions';
import { calendarSource } from './calendar';
import { caseActivities } from './case-engine';
import { caseStepActivities } from './case-step';
import { caseMigrationActivities } from './case-migration';
import { digestActivities } from './digest';
import { pingActivities } from './ping';
import { taskActivities } from './tasks';

export interface ActivityDeps {
  db: Db;
  /** Base of the links in notifications and mails. */
  publicUrl?: string;
  /** The firm's time zone (default Asia/Shanghai). */
  timeZone?: string;
  /** Where documents' files live (generateDocument writes there); absent in tests that generate none. */
  storage?: BlobStorage;
}

/**
 * Every activity, with the database's data errors made non-retryable: a value PostgreSQL cannot
 * store fails the same way on every attempt, so retrying it would wedge the workflow for ever.
 * Told apart by SQLSTATE (db/errors.ts), never by message; transient faults stay retryable.
 */
function failDataErrorsAtOnce<T extends Record<string, unknown>>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    if (typeof fn !== 'function') {
      wrapped[name] = fn;
      continue;
    }
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
      } catch (err) {
        if (!isDataError(err)) throw err;
        const code = (err as { code: string }).code;
        throw ApplicationFailure.create({
          type: DATA_ERROR_FAILURE,
          message: `the database refused the data (SQLSTATE ${code})`,
          nonRetryable: true,
        });
      }
    };
  }
  return wrapped as T;
}

/** The worker's activity object; each group lives in its own file. */
export function createActivities(deps: ActivityDeps) {
  const engine = {
    db: deps.db,
    publicUrl: deps.publicUrl ?? 'http://localhost:3000',
    timeZone: deps.timeZone ?? 'Asia/Shanghai',
    calendar: calendarSource(deps.db),
  };
  return failDataErrorsAtOnce({
    ...pingActivities(deps.db),
    ...taskActivities(engine),
    ...caseActivities({ ...engine, storage: deps.storage }),
    ...caseStepActivities({ ...engine, storage: deps.storage }),
    ...digestActivities(engine),
    ...caseMigrationActivities(deps.db),
  });
}

export type Activities = ReturnType<typeof createActivities>;
