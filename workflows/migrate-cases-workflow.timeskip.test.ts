import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { MigrateOneCaseInput } from '../activities/case-migration';
import { startTimeSkippingWorker, type TimeSkippingWorker } from '../test/helpers/temporal';
import { WORKFLOW_TYPES, migrationWorkflowId, type MigrateCasesProgress, type MigrateOneCaseResult } from './definitions';

/**
 * The run's own retry policy, on the time-skipping server (its backoff passes in no time): a
 * case whose activity keeps failing transiently is tried a bounded number of times and then
 * recorded as failed with the last reason; a data error is not retried; the run goes on either way.
 */
const [away, broken, fine] = [randomUUID(), randomUUID(), randomUUID()];
const attempts: Record<string, number> = {};
let skipping: TimeSkippingWorker;

beforeAll(async () => {
  skipping = await startTimeSkippingWorker(
    {
      async migrateCaseToVersion({ caseId }: MigrateOneCaseInput): Promise<MigrateOneCaseResult> {
        attempts[caseId] = (attempts[caseId] ?? 0) + 1;
        if (caseId === away) throw new Error(`the database is away (attempt ${attempts[caseId]})`);
        if (caseId === broken) throw ApplicationFailure.nonRetryable('template version v2 has no valid model', 'Invalid');
        return { ok: true };
      },
    },
    'migrate-retry',
  );
});
afterAll(async () => {
  await skipping?.stop();
});

describe('migrateCasesWorkflow retry policy', () => {
  it('gives up on a case after a bounded number of attempts, records why, and moves the rest', async () => {
    const { env, taskQueue } = skipping;
    const result = (await env.client.workflow.execute(WORKFLOW_TYPES.migrateCases, {
      taskQueue,
      workflowId: migrationWorkflowId(randomUUID()),
      args: [{ templateKey: 'dd', toVersionId: randomUUID(), caseIds: [away, broken, fine], refused: [], mapping: {}, by: null }],
      // Unbounded retries would never end: fail the test instead of hanging it.
      workflowExecutionTimeout: '1 hour',
    })) as MigrateCasesProgress;
    expect(result).toEqual({
      templateKey: 'dd',
      status: 'completed',
      total: 3,
      done: 3,
      migrated: [fine],
      failed: [
        { caseId: away, error: 'the database is away (attempt 8)' },
        { caseId: broken, error: 'template version v2 has no valid model' },
      ],
    });
    expect(attempts).toEqual({ [away]: 8, [broken]: 1, [fine]: 1 });
  });
});
