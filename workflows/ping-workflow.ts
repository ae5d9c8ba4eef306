import { proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { PingInput, PingResult } from './definitions';

const { recordPing } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 5 },
});

/** Proves the loop API → Temporal → worker → activity → PostgreSQL. */
export async function pingWorkflow(input: PingInput): Promise<PingResult> {
  if (input.delayMs && input.delayMs > 0) await sleep(input.delayMs);
  return recordPing({ key: input.key, message: input.message, workflowId: workflowInfo().workflowId });
}
