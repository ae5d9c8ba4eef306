import { ActivityFailure, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { MigrateOneCaseInput } from '../activities/case-migration';
import type { MigrateCasesInput, MigrateCasesProgress, MigrateOneCaseResult } from './definitions';
import { migrationProgressQuery } from './migrate-cases-definitions';

/**
 * A regular (not local) activity per case: each finished case is a completed event in the history,
 * so a worker that restarts replays up to there and carries on with the next case. Transient
 * faults (the engine or the database away) are retried, but boundedly: 8 attempts over about three
 * minutes of backoff, each attempt at most two minutes, so no case holds the run for ever. A case
 * the case workflow refuses is answered as failed by the activity; a case whose attempts ran out
 * (or whose data is wrong: a non-retryable failure) is recorded as failed with the last reason.
 * Either way the run goes on.
 */
const { migrateCaseToVersion } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 8 },
});

/**
 * One case's outcome. Catching the activity's failure adds no command: histories recorded before
 * (where no activity ever failed: retries were unbounded) replay unchanged.
 */
async function migrateOne(input: MigrateOneCaseInput): Promise<MigrateOneCaseResult> {
  try {
    return await migrateCaseToVersion(input);
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    return { ok: false, error: err.cause?.message || err.message };
  }
}

/**
 * Moves running cases of one template to another published version, one after the other, through
 * each case workflow's migrateTemplate update. The update id is derived from this run and the case,
 * so a retried activity never migrates a case twice. Progress is read by query.
 */
export async function migrateCasesWorkflow(input: MigrateCasesInput): Promise<MigrateCasesProgress> {
  const progress: MigrateCasesProgress = {
    templateKey: input.templateKey,
    status: 'running',
    total: input.caseIds.length + input.refused.length,
    done: input.refused.length,
    migrated: [],
    failed: [...input.refused],
  };
  setHandler(migrationProgressQuery, () => progress);
  const { workflowId } = workflowInfo();
  for (const caseId of input.caseIds) {
    const r = await migrateOne({
      caseId,
      versionId: input.toVersionId,
      mapping: input.mapping,
      by: input.by,
      updateId: `${workflowId}:${caseId}`,
    });
    if (r.ok) progress.migrated.push(caseId);
    else progress.failed.push({ caseId, error: r.error });
    progress.done++;
  }
  progress.status = 'completed';
  return progress;
}
