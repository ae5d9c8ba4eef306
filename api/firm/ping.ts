import type { PingResponse } from '../contracts/system';
import type { Engine } from '../engine';

/** Starts pingWorkflow and waits for it: the round trip through Temporal, the worker and the DB. */
export async function runPing(engine: Engine, message: string, timeoutMs = 20_000): Promise<PingResponse> {
  const started = Date.now();
  const { workflowId, key, result } = await engine.ping(message, timeoutMs);
  return { workflowId, key, message: result.message, recordedAt: result.recordedAt, roundTripMs: Date.now() - started };
}
