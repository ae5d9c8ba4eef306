import { z } from 'zod';
import { ZPage, ZPageQuery, ZTimestamp, ZUuid } from './common';

export const ZAuditQuery = ZPageQuery.extend({ entity: z.string().max(60).optional() });

export const ZAuditEntry = z.object({
  id: z.string(),
  at: ZTimestamp,
  actorId: ZUuid.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  status: z.number().int().nullable().describe('null while the request runs (or if it never finished)'),
});
export type AuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditPage = ZPage(ZAuditEntry);
export type AuditPage = z.infer<typeof ZAuditPage>;
