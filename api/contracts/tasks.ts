import { z } from 'zod';
import { PRIORITIES } from '../../domain/records';
import { ZOutput } from '../../process-templates/model/schema';
import { nonEmptyPatch, ZPage, ZPageQuery, ZTimestamp, ZUuid } from './common';

const ZChecklist = z.array(z.object({ text: z.string().trim().min(1).max(200), done: z.boolean() })).max(50);

export const ZTaskListQuery = ZPageQuery.extend({
  scope: z.enum(['mine', 'team']).default('mine'),
  status: z.enum(['open', 'overdue', 'done', 'all']).default('open'),
  caseId: ZUuid.optional(),
  assigneeId: ZUuid.optional(),
  priority: z.enum(PRIORITIES).optional(),
  q: z.string().trim().max(100).optional(),
  dueFrom: z.iso.date().optional(),
  dueTo: z.iso.date().optional(),
  statutory: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: only tasks whose due date has a statutory basis'),
});

export const ZTaskItem = z
  .object({
    id: ZUuid,
    caseId: ZUuid,
    caseNumber: z.string(),
    caseTitle: z.string(),
    title: z.string(),
    titleEn: z.string().nullable(),
    description: z.string().nullable(),
    kind: z.string(),
    manual: z.boolean().describe('Made by a person; workflow tasks are completed through the case workflow'),
    status: z.string(),
    priority: z.enum(PRIORITIES),
    progress: z.number().int(),
    assigneeId: ZUuid.nullable(),
    assigneeName: z.string().nullable(),
    dueAt: ZTimestamp.nullable(),
    dueDate: z.iso.date().nullable(),
    dueProvisional: z.boolean(),
    dueBasis: z.string().nullable().describe('The statutory basis of the due date (民事诉讼法第171条 …), when a period of the law set it'),
    overdue: z.boolean(),
    startedAt: ZTimestamp,
    completedAt: ZTimestamp.nullable(),
    escalatedAt: ZTimestamp.nullable(),
    checklist: ZChecklist,
    outputSpec: z.array(ZOutput).describe('What completing a workflow task asks for, as its template says'),
    outputs: z.record(z.string(), z.unknown()).nullable(),
    commentCount: z.number().int(),
  })
  .meta({ id: 'TaskItem' });
export const ZTaskPage = ZPage(ZTaskItem);

export const ZNewTask = z.object({
  caseId: ZUuid,
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(4000).optional(),
  assigneeId: ZUuid.optional(),
  priority: z.enum(PRIORITIES).default('normal'),
  dueDate: z.iso.date().optional(),
  checklist: ZChecklist.default([]),
});

export const ZTaskPatch = nonEmptyPatch(
  z.object({
    title: z.string().trim().min(1).max(200).optional().describe('Manual tasks only'),
    description: z.string().trim().max(4000).nullable().optional().describe('Manual tasks only'),
    dueDate: z.iso.date().nullable().optional().describe('Manual tasks only: the workflow computes its own due dates'),
    assigneeId: ZUuid.nullable().optional().describe('Reassign'),
    priority: z.enum(PRIORITIES).optional(),
    progress: z.number().int().min(0).max(100).optional(),
    checklist: ZChecklist.optional(),
  }),
);

export const ZCompleteTaskBody = z.object({ outputs: z.record(z.string(), z.unknown()).default({}) });

export const ZTaskComment = z.object({ id: z.string(), body: z.string(), createdAt: ZTimestamp, authorId: ZUuid, authorName: z.string() });
export const ZTaskComments = z.object({ items: z.array(ZTaskComment) });
export const ZNewComment = z.object({ body: z.string().trim().min(1).max(4000) });

export const ZTaskLoad = z.object({
  items: z.array(
    z.object({
      id: ZUuid,
      name: z.string(),
      role: z.string(),
      open: z.number().int(),
      overdue: z.number().int(),
      dueThisWeek: z.number().int(),
    }),
  ),
});
