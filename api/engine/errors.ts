import {
  isGrpcServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { AppError, type ErrorCode } from '../app-error';

/** The gRPC status codes the engine tells apart (grpc/status.proto; stable across gRPC versions). */
const GRPC_STATUS = { NOT_FOUND: 5, ALREADY_EXISTS: 6 } as const;

/** The ApplicationFailure types the case workflow's validators throw, as the API's problem codes. */
const FAILURE_CODES: Record<string, ErrorCode> = { NotFound: 'not-found', Invalid: 'unprocessable-entity', Conflict: 'conflict' };

function grpcCode(err: unknown): number | undefined {
  if (isGrpcServiceError(err)) return err.code;
  const cause = (err as { cause?: unknown } | undefined)?.cause;
  return isGrpcServiceError(cause) ? cause.code : undefined;
}

/** A refusal of the case workflow: its message, and the outputs it names as field errors. */
function refusal(f: ApplicationFailure): AppError {
  const details = f.details?.[0];
  const errors = Array.isArray(details)
    ? details.map((d: { output?: string; problem?: string }) => ({
        path: d.output ? `outputs.${d.output}` : String(d),
        message: d.problem ?? 'not mapped',
      }))
    : undefined;
  return new AppError(FAILURE_CODES[f.type ?? ''] ?? 'conflict', f.message, errors ? { errors } : {});
}

/**
 * An error of the Temporal SDK as the API's problem, told apart by type, never by message text:
 * a refused update (NotFound 404, Invalid 422, Conflict 409); a workflow that has ended or never
 * ran (SDK 1.24 raises WorkflowNotFoundError for an update or query on a completed execution, and
 * a raw gRPC NOT_FOUND where it does not translate) 409; a workflow id already running 409;
 * anything else — the server or the worker not answering — 503.
 */
export function mapEngineError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const cause = err instanceof WorkflowUpdateFailedError ? err.cause : err;
  if (cause instanceof ApplicationFailure) return refusal(cause);
  if (err instanceof WorkflowNotFoundError || grpcCode(err) === GRPC_STATUS.NOT_FOUND) {
    return new AppError('conflict', 'the case is no longer running', {}, { cause: err });
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError || grpcCode(err) === GRPC_STATUS.ALREADY_EXISTS) {
    return new AppError('conflict', 'the process is already running', {}, { cause: err });
  }
  return new AppError('service-unavailable', 'the process engine did not answer', {}, { cause: err });
}

/** Runs one call to Temporal with its errors mapped. */
export async function mapped<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw mapEngineError(err);
  }
}
