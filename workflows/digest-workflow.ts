import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DigestResult } from '../activities/digest';

const { sendDigests } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 10, initialInterval: '10 seconds' },
});

/**
 * Started every hour by the digest schedule (firm time zone). The workflow clock at start says
 * which local day and hour this is; the activity sends the digests due at that hour.
 */
export async function digestWorkflow(): Promise<DigestResult> {
  return sendDigests({ at: Date.now() });
}
