import { z } from 'zod';
import { ZTimestamp } from './common';

/** A mail in the outbox, as administrators read it. */
export const ZOutboxMail = z
  .object({
    id: z.string(),
    toAddress: z.string(),
    subject: z.string(),
    textBody: z.string(),
    status: z.string(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: ZTimestamp,
    sendAfter: ZTimestamp.nullable(),
    sentAt: ZTimestamp.nullable(),
  })
  .meta({ id: 'OutboxMail' });

export const ZStuckCase = z.object({
  workflowId: z.string(),
  caseId: z.string().nullable(),
  failing: z.string().describe("'workflow task' or the failing activity's name"),
  attempts: z.number().int(),
  lastFailure: z.string().nullable(),
  since: ZTimestamp.nullable(),
});
export const ZStuckCases = z.object({ items: z.array(ZStuckCase), examined: z.number().int() });
export type StuckCases = z.infer<typeof ZStuckCases>;

/** A case saved whose workflow run has not started yet (case_openings), as operators see it. */
export const ZPendingOpening = z.object({
  caseId: z.string(),
  number: z.string(),
  kind: z.enum(['open', 'reopen']),
  since: ZTimestamp,
  attempts: z.number().int().describe('Starts tried and failed so far'),
  lastError: z.string().nullable(),
});
export const ZPendingOpenings = z.object({ items: z.array(ZPendingOpening) });
export type PendingOpenings = z.infer<typeof ZPendingOpenings>;
