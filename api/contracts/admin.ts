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
