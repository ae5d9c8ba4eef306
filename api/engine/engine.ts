import { randomUUID } from 'node:crypto';
import { CancelledFailure, TerminatedFailure, TimeoutFailure, WorkflowFailedError, WorkflowNotFoundError } from '@temporalio/client';
import { AppError } from '../app-error';
import type { TemporalHandle } from './connection';
import { migrationProgressQuery } from '../../workflows/migrate-cases-definitions';
import {
  WORKFLOW_TYPES,
  migrationWorkflowId,
  type MigrateCasesInput,
  type MigrateCasesProgress,
  type PingInput,
  type PingResult,
} from '../../workflows/definitions';
import { caseEngine } from './case-engine';
import { stuckCases } from './stuck-cases';
import { engineUnavailable } from './breaker';
import { engineGuard, frontendAnswers } from './guard';

/**
 * Why a run closed without completing, from its close event: result() rejects with the terminate
 * reason, the cancellation, the timeout or the failure as the cause. Any other error (the engine
 * not answering) is no reason and is thrown on.
 */
async function whyRunEnded(run: Promise<unknown>): Promise<string> {
  try {
    await run;
    return 'the run ended';
  } catch (err) {
    if (!(err instanceof WorkflowFailedError)) throw err;
    const { cause } = err;
    if (cause instanceof TerminatedFailure) return `the run was terminated: ${cause.message}`;
    if (cause instanceof CancelledFailure) return 'the run was cancelled';
    if (cause instanceof TimeoutFailure) return 'the run timed out';
    return `the run failed: ${cause?.message || err.message}`;
  }
}

/** The engine as the API sees it: every call the API makes to Temporal, typed, errors mapped to AppError. */
export type Engine = ReturnType<typeof createEngine>;

export function createEngine(t: TemporalHandle) {
  const guard = engineGuard(t);
  return {
    ...caseEngine(t, guard),

    /** Running case workflows whose workflow task or an activity keeps failing (the admin's stuck-cases view). */
    stuckCases: (limit?: number) => guard.call(() => stuckCases(t, limit)),

    /** Starts pingWorkflow and waits for it: the round trip through Temporal, the worker and the DB. */
    async ping(message: string, timeoutMs = 20_000): Promise<{ workflowId: string; key: string; result: PingResult }> {
      const key = randomUUID();
      const workflowId = `ping-${key}`;
      const pinged = async () => {
        const handle = await t.client.workflow.start(WORKFLOW_TYPES.ping, {
          taskQueue: t.taskQueue,
          workflowId,
          args: [{ key, message } satisfies PingInput],
          workflowExecutionTimeout: timeoutMs,
        });
        return { workflowId, key, result: (await handle.result()) as PingResult };
      };
      // The run's own timeout, and a call budget more for the round trips around it.
      return guard.custom(timeoutMs + t.budgets.callMs, pinged, (err) =>
        err instanceof AppError
          ? err
          : engineUnavailable(
              err instanceof WorkflowNotFoundError ? 'Temporal lost the ping workflow' : 'Temporal or the worker did not complete the ping',
              err,
            ),
      );
    },

    /** Starts a bulk migration run (migrateCasesWorkflow); answers the id its progress is read by. */
    async startCaseMigration(input: MigrateCasesInput): Promise<string> {
      const key = randomUUID();
      await guard.call(() =>
        t.client.workflow.start(WORKFLOW_TYPES.migrateCases, {
          taskQueue: t.taskQueue,
          workflowId: migrationWorkflowId(key),
          args: [input],
        }),
      );
      return key;
    },

    /**
     * A migration run's progress; a finished run's stays readable (for the namespace's retention).
     * A run that closed without completing (terminated, failed, cancelled, timed out) is finished
     * too: status 'failed', with why, and its progress as it stood when it ended (read by query,
     * which a worker answers by replaying the closed run). Never 'running' once it has closed.
     */
    async caseMigration(key: string): Promise<MigrateCasesProgress> {
      const handle = t.client.workflow.getHandle(migrationWorkflowId(key));
      const read = async (): Promise<MigrateCasesProgress> => {
        const { status } = await handle.describe();
        // A completed run answers from its result, which needs no worker to replay it.
        if (status.name === 'COMPLETED') return (await handle.result()) as MigrateCasesProgress;
        const progress = await handle.query(migrationProgressQuery);
        if (status.name === 'RUNNING') return progress;
        return { ...progress, status: 'failed', error: await whyRunEnded(handle.result()) };
      };
      return guard.custom(t.budgets.callMs, read, (err) =>
        err instanceof WorkflowNotFoundError
          ? new AppError('not-found', `no migration run ${key}`, {}, { cause: err })
          : engineUnavailable('the process engine did not answer', err),
      );
    },

    /** Whether the Temporal frontend answers its health check in time; the breaker keeps the answer. */
    async isHealthy(timeoutMs = 2000): Promise<boolean> {
      const ok = await frontendAnswers(t, timeoutMs);
      guard.breaker.record(ok);
      return ok;
    },

    /** Closes the connection (process shutdown, tests). */
    close: () => t.connection.close(),
  };
}
