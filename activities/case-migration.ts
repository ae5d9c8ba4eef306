import { Context } from '@temporalio/activity';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import type { Db } from '../db/connection';
import { findVersion } from '../db/repositories/templates';
import { ZTemplateModel } from '../process-templates/model/schema';
import { migrateTemplateUpdate } from '../workflows/case-definitions';
import { caseWorkflowId, type MigrateOneCaseResult } from '../workflows/definitions';

export interface MigrateOneCaseInput {
  caseId: string;
  versionId: string;
  mapping: Record<string, string>;
  by: string | null;
  /** Derived from the migration run and the case: a retry finds the update already applied. */
  updateId: string;
}

/**
 * The step of migrateCasesWorkflow: one case moved through its workflow's migrateTemplate update,
 * sent with the worker's own client. A refusal of the case workflow (its validator, or a case that
 * no longer runs) is the answer for this case, not a fault; anything else is thrown and retried.
 */
export function caseMigrationActivities(db: Db) {
  return {
    async migrateCaseToVersion(input: MigrateOneCaseInput): Promise<MigrateOneCaseResult> {
      const version = await findVersion(db, input.versionId);
      if (!version) throw ApplicationFailure.nonRetryable(`no template version ${input.versionId}`, 'NotFound');
      const model = ZTemplateModel.parse(version.model);
      const handle = Context.current().client.workflow.getHandle(caseWorkflowId(input.caseId));
      try {
        await handle.executeUpdate(migrateTemplateUpdate, {
          args: [{ versionId: version.id, model, mapping: input.mapping, by: input.by }],
          updateId: input.updateId,
        });
        return { ok: true };
      } catch (err) {
        const cause = (err as { cause?: unknown }).cause;
        // WorkflowUpdateFailedError carries the validator's ApplicationFailure as its cause.
        if (cause instanceof ApplicationFailure) return { ok: false, error: cause.message };
        // A completed or unknown case workflow: the SDK raises WorkflowNotFoundError for both.
        if (err instanceof WorkflowNotFoundError) return { ok: false, error: 'the case is no longer running' };
        throw err;
      }
    },
  };
}
