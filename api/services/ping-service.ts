import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { AppError } from '../app-error';
import type { PingResponse } from '../contracts/system';
import type { TemporalHandle } from '../temporal';
import { WORKFLOW_TYPES, type PingInput, type PingResult } from '../../workflows/definitions';

/** Starts pingWorkflow and waits for it: the round trip through Temporal, the worker and the DB. */
export async function runPing(t: TemporalHandle, message: string, timeoutMs = 20_000): Promise<PingResponse> {
  const key = randomUUID();
  const workflowId = `ping-${key}`;
  const started = Date.now();
  try {
    const handle = await t.client.workflow.start(WORKFLOW_TYPES.ping, {
      taskQueue: t.taskQueue,
      workflowId,
      args: [{ key, message } satisfies PingInput],
      workflowExecutionTimeout: timeoutMs,
    });
    const result = (await handle.result()) as PingResult;
    return { workflowId, key, message: result.message, recordedAt: result.recordedAt, roundTripMs: Date.now() - started };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new AppError('service-unavailable', 'Temporal lost the ping workflow', {}, { cause: err });
    throw new AppError('service-unavailable', 'Temporal or the worker did not complete the ping', {}, { cause: err });
  }
}
