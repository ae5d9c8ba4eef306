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
