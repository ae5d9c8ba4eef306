import { z } from 'zod';
import { CASE_SORTS } from '../../domain/records';
import { ROLES } from '../../domain/roles';
import { PRACTICE_AREAS } from '../../process-templates/model/schema';
import { nonEmptyPatch, ZPage, ZPageQuery, ZTimestamp, ZUuid } from './common';

const ZDay = z.iso.date();
const ZFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Every filter of the case list; they combine with AND. Saved searches store this object. */
export const ZCaseFilters = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe('Full text (Chinese or English) over title, description, parties, notes, tags; or a case number'),
  practiceArea: z.enum(PRACTICE_AREAS).optional(),
  caseType: z.string().trim().max(60).optional(),
  stage: z.string().trim().max(100).optional().describe('Current stage name'),
  status: z.enum(['active', 'suspended', 'concluded', 'closed']).optional(),
  priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
  tagId: ZUuid.optional(),
  leadLawyerId: ZUuid.optional(),
  memberId: ZUuid.optional(),
  clientId: ZUuid.optional(),
  court: z.string().trim().max(100).optional(),
  openedFrom: ZDay.optional(),
  openedTo: ZDay.optional(),
  closedFrom: ZDay.optional(),
  closedTo: ZDay.optional(),
  overdue: ZFlag.optional(),
  idleDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .optional()
    .describe('Nothing happened for at least this many days: no stage entered, task completed, event, document or communication'),
});
export const ZCaseListQuery = ZPageQuery.extend(ZCaseFilters.shape).extend({
  sort: z.enum(CASE_SORTS).default('openedOn'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
const ZRange = z.tuple([z.number().int(), z.number().int()]);

export const ZCaseListItem = z.object({
  id: ZUuid,
  number: z.string(),
  title: z.string(),
  clientName: z.string(),
  practiceArea: z.string(),
  caseType: z.string(),
  status: z.string(),
  currentStageName: z.string().nullable(),
  leadLawyerName: z.string(),
  openedOn: z.string(),
  clientId: ZUuid,
  causeOfAction: z.string().nullable(),
  court: z.string().nullable(),
  priority: z.string(),
  leadLawyerId: ZUuid,
  closedAt: ZTimestamp.nullable(),
  overdueTasks: z.number().int(),
  nextDueDate: z.string().nullable(),
  highlight: z.object({ title: z.array(ZRange), snippet: z.object({ text: z.string(), ranges: z.array(ZRange) }).nullable() }).optional(),
});
export type CaseListItem = z.infer<typeof ZCaseListItem>;
export const ZCaseList = ZPage(ZCaseListItem).extend({
  totalCapped: z.boolean().describe('More cases match than `total` (lists count exactly up to 1,000): narrow the filters'),
});

export const ZClientOptions = z.object({ items: z.array(z.object({ id: ZUuid, name: z.string(), kind: z.string() })) });
export const ZStaffList = z.object({ items: z.array(z.object({ id: ZUuid, name: z.string(), role: z.enum(ROLES) })) });

/** Saved filters are stored as the query strings the list sends (all values strings). */
export const ZSavedSearchInput = z.object({ name: z.string().trim().min(1).max(60), query: z.record(z.string(), z.string().max(200)) });
export const ZSavedSearch = z.object({ id: ZUuid, name: z.string(), query: z.record(z.string(), z.string()), createdAt: ZTimestamp });
export const ZSavedSearches = z.object({ items: z.array(ZSavedSearch) });
export const ZStageNames = z.object({ items: z.array(z.string()) });

export const ZTagInput = z.object({
  vocabulary: z.enum(['tag', 'category']),
  name: z.string().trim().min(1).max(30),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .nullable()
    .optional(),
});
export const ZTagPatch = nonEmptyPatch(ZTagInput.omit({ vocabulary: true }).partial());
export const ZTag = z.object({
  id: ZUuid,
  vocabulary: z.enum(['tag', 'category']),
  name: z.string(),
  color: z.string().nullable(),
  usage: z.number().int().optional(),
});
export const ZTags = z.object({ items: z.array(ZTag) });

const ZCount = z.object({ key: z.string(), label: z.string(), count: z.number().int() });
export const ZStatsQuery = z.object({ from: ZDay.optional(), to: ZDay.optional() });
export const ZCaseStats = z
  .object({
    from: ZDay,
    to: ZDay,
    byPracticeArea: z.array(ZCount),
    byCaseType: z.array(ZCount),
    byStage: z.array(ZCount),
    byLawyer: z.array(ZCount),
    monthly: z.array(z.object({ month: z.string(), opened: z.number().int(), closed: z.number().int() })),
    closure: z.object({ total: z.number().int(), closed: z.number().int(), rate: z.number() }),
    stageDurations: z.array(z.object({ stage: z.string(), cases: z.number().int(), averageDays: z.number(), medianDays: z.number() })),
    overdueByLawyer: z.array(ZCount),
  })
  .meta({ id: 'CaseStats' });
