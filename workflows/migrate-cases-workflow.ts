import { proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { MigrateCasesInput, MigrateCasesProgress } from './definitions';
import { migrationProgressQuery } from './migrate-cases-definitions';

/**
 * A regular (not local) activity per case: each finished case is a completed event in the history,
 * so a worker that restarts replays up to there and carries on with the next case. Transient
 * faults (the engine or the database away) are retried; a case the case workflow refuses is
 * recorded as failed and the run goes on.
 */
const { migrateCaseToVersion } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

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
    const r = await migrateCaseToVersion({
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
