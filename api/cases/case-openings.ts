import type { Logger } from 'pino';
import type { Db } from '../../db/connection';
import {
  claimStaleOpenings,
  deleteCaseOpening,
  findCaseOpening,
  listPendingOpenings,
  noteOpeningFailure,
  type CaseOpening,
} from '../../db/repositories/case-openings';
import type { CaseWorkflowInput } from '../../workflows/case/state';
import { crashPoint } from '../crash-points';
import { AppError } from '../app-error';
import type { Engine } from '../engine';

/**
 * Starting a case's run durably. Opening (or reopening) a case commits, in one transaction with the
 * case, a `case_openings` row holding the run's input; the run is started from that row and the row
 * deleted after. Whichever step a crash interrupts, the row says what is left to do: the request's
 * retry (same Idempotency-Key), any command on the case, or the reconciler finishes it — and the
 * opening id in the run's memo makes a repeated start recognise the run it already started.
 */
async function startFrom(db: Db, t: Engine, o: CaseOpening<CaseWorkflowInput>): Promise<void> {
  await t.startCaseRun(o.input, o.id);
  crashPoint('case-run-started');
  await deleteCaseOpening(db, o.caseId, o.id);
}

/** Starts the case's run if its opening is still pending; true if there was one. A 503 leaves it pending. */
export async function ensureCaseRunning(db: Db, t: Engine, caseId: string): Promise<boolean> {
  const o = await findCaseOpening<CaseWorkflowInput>(db, caseId);
  if (!o) return false;
  try {
    await startFrom(db, t, o);
  } catch (err) {
    await noteOpeningFailure(db, caseId, o.id, err instanceof Error ? err.message : String(err)).catch(() => undefined);
    if (err instanceof AppError && err.code === 'service-unavailable')
      throw new AppError('case-start-pending', undefined, { caseId, retryAfterSeconds: 5 }, { cause: err });
    throw err;
  }
  return true;
}

/** Cases saved whose run has not started yet (the engine was away, or a crash): the operators' view, from the database alone. */
export async function pendingCaseOpenings(db: Db) {
  const items = await listPendingOpenings(db, 100);
  return { items: items.map((o) => ({ ...o, since: o.since.toISOString() })) };
}

/** One pass of the reconciler: every opening left pending longer than `graceMs` is started now. */
export async function reconcileOpenings(
  db: Db,
  t: Engine,
  logger: Logger,
  o: { graceMs: number } = { graceMs: 30_000 },
): Promise<{ started: number; failed: number }> {
  const stale = await claimStaleOpenings<CaseWorkflowInput>(db, { graceMs: o.graceMs, leaseMs: 60_000, limit: 50 });
  let started = 0;
  let failed = 0;
  for (const opening of stale) {
    try {
      await startFrom(db, t, opening);
      started++;
      logger.info({ caseId: opening.caseId, kind: opening.kind }, 'case run started by the reconciler');
    } catch (err) {
      failed++;
      await noteOpeningFailure(db, opening.caseId, opening.id, err instanceof Error ? err.message : String(err)).catch(() => undefined);
      logger.warn({ caseId: opening.caseId, err: err instanceof Error ? err.message : String(err) }, 'case run could not be started yet');
    }
  }
  return { started, failed };
}

/** Runs the reconciler every `everyMs` (API processes; several may run it: claims keep them apart). Returns the stop function. */
export function startOpeningsReconciler(
  db: Db,
  t: Engine,
  logger: Logger,
  o: { everyMs?: number; graceMs?: number } = {},
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = reconcileOpenings(db, t, logger, { graceMs: o.graceMs ?? 30_000 }).catch((err: unknown) =>
      logger.warn({ err }, 'case openings reconciler failed'),
    );
  };
  const timer = setInterval(tick, o.everyMs ?? 15_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
