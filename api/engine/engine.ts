import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
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
import { mapped } from './errors';

/** The engine as the API sees it: every call the API makes to Temporal, typed, errors mapped to AppError. */
export type Engine = ReturnType<typeof createEngine>;

export function createEngine(t: TemporalHandle) {
  return {
    ...caseEngine(t),

    /** Starts pingWorkflow and waits for it: the round trip through Temporal, the worker and the DB. */
    async ping(message: string, timeoutMs = 20_000): Promise<{ workflowId: string; key: string; result: PingResult }> {
      const key = randomUUID();
      const workflowId = `ping-${key}`;
      try {
        const handle = await t.client.workflow.start(WORKFLOW_TYPES.ping, {
          taskQueue: t.taskQueue,
          workflowId,
          args: [{ key, message } satisfies PingInput],
          workflowExecutionTimeout: timeoutMs,
        });
        return { workflowId, key, result: (await handle.result()) as PingResult };
      } catch (err) {
        if (err instanceof WorkflowNotFoundError)
          throw new AppError('service-unavailable', 'Temporal lost the ping workflow', {}, { cause: err });
        throw new AppError('service-unavailable', 'Temporal or the worker did not complete the ping', {}, { cause: err });
      }
    },

    /** Starts a bulk migration run (migrateCasesWorkflow); answers the id its progress is read by. */
    async startCaseMigration(input: MigrateCasesInput): Promise<string> {
      const key = randomUUID();
      await mapped(() =>
        t.client.workflow.start(WORKFLOW_TYPES.migrateCases, {
          taskQueue: t.taskQueue,
          workflowId: migrationWorkflowId(key),
          args: [input],
        }),
      );
      return key;
    },

    /** A migration run's progress; a finished run's stays readable (for the namespace's retention). */
    async caseMigration(key: string): Promise<MigrateCasesProgress> {
      const handle = t.client.workflow.getHandle(migrationWorkflowId(key));
      try {
        // A finished run answers from its result, which needs no worker to replay it.
        if ((await handle.describe()).status.name === 'COMPLETED') return (await handle.result()) as MigrateCasesProgress;
        return await handle.query(migrationProgressQuery);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) throw new AppError('not-found', `no migration run ${key}`, {}, { cause: err });
        throw new AppError('service-unavailable', 'the process engine did not answer', {}, { cause: err });
      }
    },

    /** Whether the Temporal frontend answers its health check in time. */
    async isHealthy(timeoutMs = 2000): Promise<boolean> {
      try {
        await t.connection.withDeadline(Date.now() + timeoutMs, () => t.connection.healthService.check({}));
        return true;
      } catch {
        return false;
      }
    },

    /** Closes the connection (process shutdown, tests). */
    close: () => t.connection.close(),
  };
}
