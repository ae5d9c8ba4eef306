import { z } from 'zod';
import { ZPage, ZPageQuery, ZTimestamp, ZUuid } from './common';

const ZCivilDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** Filters of the audit log (all optional; dates are the firm's calendar days, both inclusive). */
export const ZAuditFilter = z.object({
  entity: z.string().max(60).optional(),
  actorId: ZUuid.optional().describe('who'),
  subjectId: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe("a record's id: its own rows and those naming it as their case or client"),
  event: z
    .string()
    .max(2000)
    .regex(/^[a-z0-9_]+(,[a-z0-9_]+)*$/)
    .optional()
    .describe('event codes, comma-separated (see `event` in the answer)'),
  from: ZCivilDate.optional(),
  to: ZCivilDate.optional(),
});
export const ZAuditQuery = ZPageQuery.extend(ZAuditFilter.shape);
export const ZAuditExportQuery = ZAuditFilter.extend({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') });

export const ZAuditEntry = z.object({
  id: z.string(),
  at: ZTimestamp,
  actorId: ZUuid.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  event: z.string().describe('stable code of what happened; the UI says it as a sentence'),
  entity: z.string(),
  entityId: z.string().nullable(),
  subjectLabel: z.string().nullable().describe('what the record is called: a case number, a name'),
  caseId: z.string().nullable(),
  caseLabel: z.string().nullable(),
  clientId: z.string().nullable(),
  status: z.number().int().nullable().describe('null while the request runs (or if it never finished)'),
});
export type AuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditPage = ZPage(ZAuditEntry);
export type AuditPage = z.infer<typeof ZAuditPage>;

export const ZAuditActors = z.object({ items: z.array(z.object({ id: ZUuid, name: z.string(), role: z.string() })) });
export type AuditActors = z.infer<typeof ZAuditActors>;

/** Who has looked at a case: each person's reads of its record, parties, documents and files, newest first. */
export const ZCaseViewers = z.object({
  items: z.array(
    z.object({
      userId: ZUuid,
      name: z.string(),
      role: z.string(),
      views: z.number().int().describe('viewings recorded (one per person, record and 10 minutes)'),
      lastViewedAt: ZTimestamp,
    }),
  ),
});
export type CaseViewers = z.infer<typeof ZCaseViewers>;
