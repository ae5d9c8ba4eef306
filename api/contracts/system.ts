import { z } from 'zod';
import { ZTimestamp } from './common';

export const ZPingRequest = z.object({ message: z.string().trim().min(1).max(200).default('ping') });
export type PingRequest = z.infer<typeof ZPingRequest>;

export const ZPingResponse = z.object({
  workflowId: z.string(),
  key: z.string(),
  message: z.string(),
  recordedAt: ZTimestamp,
  roundTripMs: z.number().int(),
});
export type PingResponse = z.infer<typeof ZPingResponse>;
