import { Context } from '@temporalio/activity';
import { isGrpcServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
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

/** The gRPC status codes told apart (grpc/status.proto; stable across gRPC versions), as api/engine/errors.ts does. */
const GRPC = { INVALID_ARGUMENT: 3, NOT_FOUND: 5, FAILED_PRECONDITION: 9 } as const;

/** A gRPC status error, itself or as the cause of the SDK's ServiceError. */
function grpcOf(err: unknown) {
  const cause = (err as { cause?: unknown } | undefined)?.cause;
  return isGrpcServiceError(err) ? err : isGrpcServiceError(cause) ? cause : undefined;
}

/**
 * Why one case cannot move, when that answer is final for the case; undefined for a transient
 * fault (the engine or its worker not answering), which the activity throws to be retried. Told
 * apart by type, never by message text: the case workflow answered the update with a failure (its
 * validator's refusal, whatever the failure's type); the case workflow has ended or never ran
 * (WorkflowNotFoundError, or a raw gRPC NOT_FOUND where the SDK does not translate it); the server
 * refused the request itself (INVALID_ARGUMENT, FAILED_PRECONDITION: trying again changes nothing).
 */
function finalRefusal(err: unknown): string | undefined {
  if (err instanceof WorkflowUpdateFailedError) return (err.cause instanceof Error && err.cause.message) || err.message;
  if (err instanceof WorkflowNotFoundError) return 'the case is no longer running';
  const grpc = grpcOf(err);
  if (grpc?.code === GRPC.NOT_FOUND) return 'the case is no longer running';
  if (grpc?.code === GRPC.INVALID_ARGUMENT || grpc?.code === GRPC.FAILED_PRECONDITION) {
    return `the engine refused the migration: ${grpc.details}`;
  }
  return undefined;
}

/** The target version's model, or a non-retryable failure: data that is wrong now is wrong on every retry. */
async function targetModel(db: Db, versionId: string) {
  const version = await findVersion(db, versionId);
  if (!version) throw ApplicationFailure.nonRetryable(`no template version ${versionId}`, 'NotFound');
  const parsed = ZTemplateModel.safeParse(version.model);
  if (!parsed.success) throw ApplicationFailure.nonRetryable(`template version ${versionId} has no valid model`, 'Invalid');
  return { id: version.id, model: parsed.data };
}

/**
 * The step of migrateCasesWorkflow: one case moved through its workflow's migrateTemplate update,
 * sent with the worker's own client. An answer that is final for the case (finalRefusal) is this
 * case's result, not a fault; a data error is a non-retryable failure; anything else is thrown and
 * retried within the workflow's bounded retry policy.
 */
export function caseMigrationActivities(db: Db) {
  return {
    async migrateCaseToVersion(input: MigrateOneCaseInput): Promise<MigrateOneCaseResult> {
      const version = await targetModel(db, input.versionId);
      const handle = Context.current().client.workflow.getHandle(caseWorkflowId(input.caseId));
      try {
        await handle.executeUpdate(migrateTemplateUpdate, {
          args: [{ versionId: version.id, model: version.model, mapping: input.mapping, by: input.by }],
          updateId: input.updateId,
        });
        return { ok: true };
      } catch (err) {
        const refused = finalRefusal(err);
        if (refused !== undefined) return { ok: false, error: refused };
        throw err;
      }
    },
  };
}
