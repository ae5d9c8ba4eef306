import {
  isGrpcServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { AppError, type ErrorCode } from '../app-error';
import { engineUnavailable } from './breaker';

/** The gRPC status codes the engine tells apart (grpc/status.proto; stable across gRPC versions). */
const GRPC_STATUS = { NOT_FOUND: 5, ALREADY_EXISTS: 6 } as const;

/** The ApplicationFailure types the case workflow's validators throw, as the API's problem codes. */
const FAILURE_CODES: Record<string, ErrorCode> = { NotFound: 'not-found', Invalid: 'unprocessable-entity', Conflict: 'conflict' };

/**
 * The ApplicationFailure types the Temporal server itself gives an update (service/history/workflow/update).
 * UnprocessedUpdate: the update was sent with a workflow task that a worker completed without
 * taking it (the SDK dropped its message while the workflow task failed over between workers — the
 * worker logs "There are unprocessed protocol messages while receiving new work"); the workflow never
 * saw it, nothing was applied, and rejections are not deduplicated, so a retry with the same update id
 * is delivered afresh. AcceptedUpdateCompletedWorkflow: the run ended while the update was running.
 */
const SERVER_FAILURE = { unprocessed: 'UnprocessedUpdate', runEnded: 'AcceptedUpdateCompletedWorkflow' } as const;

const NOT_TAKEN =
  'the process engine did not take the command (a worker was failing over); nothing was changed — retry with the same Idempotency-Key';
const OUTCOME_UNKNOWN =
  'the process engine did not confirm the command; it is not known whether it was applied — retry with the same Idempotency-Key';
const NOT_ANSWERED = 'the process engine did not answer';

function grpcCode(err: unknown): number | undefined {
  if (isGrpcServiceError(err)) return err.code;
  const cause = (err as { cause?: unknown } | undefined)?.cause;
  return isGrpcServiceError(cause) ? cause.code : undefined;
}

/** A refusal of the case workflow: its message, and the outputs it names as field errors. */
function refusal(f: ApplicationFailure): AppError {
  if (f.type === SERVER_FAILURE.unprocessed) return engineUnavailable(NOT_TAKEN, f);
  if (f.type === SERVER_FAILURE.runEnded) return new AppError('conflict', 'the case ended before the command completed', {}, { cause: f });
  // A failure type the case workflow does not refuse with says nothing about the command: never a 409 for a valid one.
  if (!FAILURE_CODES[f.type ?? '']) return engineUnavailable(OUTCOME_UNKNOWN, f);
  const details = f.details?.[0];
  const errors = Array.isArray(details)
    ? details.map((d: { output?: string; problem?: string }) => ({
        path: d.output ? `outputs.${d.output}` : String(d),
        message: d.problem ?? 'not mapped',
      }))
    : undefined;
  return new AppError(FAILURE_CODES[f.type!], f.message, errors ? { errors } : {});
}

/**
 * An error of the Temporal SDK as the API's problem, told apart by type, never by message text:
 * a refused update (NotFound 404, Invalid 422, Conflict 409); a workflow that has ended or never
 * ran (SDK 1.24 raises WorkflowNotFoundError for an update or query on a completed execution, and
 * a raw gRPC NOT_FOUND where it does not translate) 409; a workflow id already running 409;
 * an update the server failed over (UnprocessedUpdate) 503; anything else — the server or the
 * worker not answering, a deadline — 503 with Retry-After. For an update (`update: true`) such a
 * 503 says that its outcome is not known and the retry with the same Idempotency-Key is safe.
 */
export function mapEngineError(err: unknown, opts: { update?: boolean } = {}): AppError {
  if (err instanceof AppError) return err;
  const cause = err instanceof WorkflowUpdateFailedError ? err.cause : err;
  if (cause instanceof ApplicationFailure) return refusal(cause);
  if (err instanceof WorkflowNotFoundError || grpcCode(err) === GRPC_STATUS.NOT_FOUND) {
    return new AppError('conflict', 'the case is no longer running', {}, { cause: err });
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError || grpcCode(err) === GRPC_STATUS.ALREADY_EXISTS) {
    return new AppError('conflict', 'the process is already running', {}, { cause: err });
  }
  const deadlineHit = err instanceof WorkflowUpdateRPCTimeoutOrCancelledError;
  return engineUnavailable(opts.update || deadlineHit ? OUTCOME_UNKNOWN : NOT_ANSWERED, err);
}

/** True for the errors that may mean Temporal is away (the breaker then asks the health check). */
export function isUnavailable(problem: AppError): boolean {
  const cause = problem.cause;
  return problem.code === 'service-unavailable' && !(cause instanceof ApplicationFailure);
}
