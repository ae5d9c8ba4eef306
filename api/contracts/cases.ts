import { z } from 'zod';
import { PRACTICE_AREAS } from '../../process-templates/model/schema';
import { ARCHIVE_ITEMS, OTHER_PARTY_ROLES, PARTY_ROLES, PRIORITIES } from '../../domain/records';
import { CASE_ROLES } from '../../domain/roles';
import { ZClientInput } from './clients';
import { nonEmptyPatch, ZTimestamp, ZUuid } from './common';

const ZVariableValue = z.union([z.string().max(2000), z.number(), z.boolean()]);

export const ZPartyInput = z.object({
  role: z.enum(PARTY_ROLES),
  kind: z.enum(['person', 'organisation']),
  name: z.string().trim().min(1).max(200),
  idNumber: z.string().trim().max(40).nullable().optional(),
  representative: z.string().trim().max(100).nullable().optional().describe('法定代表人 / 负责人'),
  relation: z.string().trim().max(100).nullable().optional(),
});
export const ZParty = ZPartyInput.extend({
  id: ZUuid,
  caseId: ZUuid,
  idNumber: z.string().nullable(),
  representative: z.string().nullable(),
  relation: z.string().nullable(),
}).meta({ id: 'CaseParty' });
export const ZPartyPatch = nonEmptyPatch(ZPartyInput.partial());

export const ZCreateCase = z
  .object({
    title: z.string().trim().min(1).max(200),
    clientId: ZUuid.optional().describe('An existing client; or give newClient'),
    newClient: ZClientInput.optional().describe(
      'A client not yet on record, created with the case (after the conflict check, so a declined intake leaves no client behind)',
    ),
    practiceArea: z.enum(PRACTICE_AREAS),
    caseType: z.string().trim().min(1).max(60),
    leadLawyerId: ZUuid,
    causeOfAction: z.string().trim().max(100).optional(),
    court: z.string().trim().max(100).optional(),
    amountInDisputeFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    priority: z.enum(PRIORITIES).default('normal'),
    team: z
      .array(z.object({ userId: ZUuid, role: z.enum(CASE_ROLES) }))
      .max(50)
      .default([]),
    variables: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), ZVariableValue).default({}),
    templateKey: z.string().max(60).optional().describe('Use this template instead of the matched one'),
    description: z.string().trim().max(20000).optional(),
    parties: z
      .array(ZPartyInput.extend({ role: z.enum(OTHER_PARTY_ROLES) }))
      .max(100)
      .default([])
      .describe('Besides the client, who is recorded as party "client"'),
    tagIds: z.array(ZUuid).max(30).default([]),
    conflictCheckId: ZUuid.optional().describe(
      'The intake check; required when it found conflicts, and then it must be decided proceed or waived',
    ),
  })
  .refine((c) => !c.clientId !== !c.newClient, { message: 'give clientId or newClient, not both', path: ['clientId'] });
export type CreateCase = z.infer<typeof ZCreateCase>;

export const ZCase = z
  .object({
    id: ZUuid,
    number: z.string(),
    title: z.string(),
    clientId: ZUuid,
    practiceArea: z.string(),
    caseType: z.string(),
    causeOfAction: z.string().nullable(),
    court: z.string().nullable(),
    amountInDisputeFen: z.number().int().nullable(),
    priority: z.string(),
    status: z.string(),
    currentStage: z.object({ id: z.string(), name: z.string() }).nullable(),
    templateVersionId: ZUuid.nullable(),
    workflowId: z.string().nullable(),
    leadLawyerId: ZUuid,
    openedOn: z.string(),
    closedAt: ZTimestamp.nullable(),
    outcome: z.string().nullable(),
    team: z.array(z.object({ userId: ZUuid, role: z.enum(CASE_ROLES) })),
    clientName: z.string(),
    leadLawyerName: z.string(),
    description: z.string().nullable(),
    tags: z.array(z.object({ id: ZUuid, vocabulary: z.string(), name: z.string(), color: z.string().nullable() })),
    conflictCheckId: ZUuid.nullable(),
    archivedAt: ZTimestamp.nullable(),
    archiveChecklist: z.record(z.string(), z.boolean()).nullable(),
    reopenedAt: ZTimestamp.nullable(),
    nextDueDate: z.string().nullable(),
    overdueTasks: z.number().int(),
  })
  .meta({ id: 'Case' });

export const ZCasePatch = nonEmptyPatch(
  z.object({
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().max(20000).nullable().optional(),
    causeOfAction: z.string().trim().max(100).nullable().optional(),
    court: z.string().trim().max(100).nullable().optional(),
    amountInDisputeFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
    priority: z.enum(PRIORITIES).optional(),
    leadLawyerId: ZUuid.optional(),
  }),
);
export const ZTeamMember = z.object({ userId: ZUuid, role: z.enum(CASE_ROLES) });
export const ZTeam = z.object({ items: z.array(ZTeamMember.extend({ name: z.string(), userRole: z.string() })) });
export const ZParties = z.object({ items: z.array(ZParty) });
export const ZNote = z.object({
  id: ZUuid,
  caseId: ZUuid,
  body: z.string(),
  authorId: ZUuid,
  authorName: z.string().nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export const ZNoteInput = z.object({ body: z.string().trim().min(1).max(20000) });
export const ZCaseTags = z.object({ tagIds: z.array(ZUuid).max(30) });

export const ZArchiveCase = z.object({
  checklist: z.partialRecord(z.enum(ARCHIVE_ITEMS), z.boolean()),
  note: z.string().trim().max(2000).optional(),
});
export const ZReopenCase = z.object({
  reason: z.string().trim().min(1).max(500),
  stageId: z.string().max(200).optional().describe('Top-level stage to resume in; default the stage the case closed in, else the first'),
});
export type CaseView = z.infer<typeof ZCase>;

export { ZCommandResult, ZOpenTask, ZProgress } from './case-runtime';

export const ZCompleteTask = z.object({ outputs: z.record(z.string(), z.unknown()).default({}) });
export const ZAdvance = z.object({
  reason: z.string().trim().min(1).max(500),
  stageId: z.string().max(200).optional(),
  toStageId: z.string().max(200).optional(),
});
export const ZCaseEvent = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
  date: z.iso.date().optional(),
  variables: z.record(z.string(), ZVariableValue).optional(),
});
export const ZCloseCase = z.object({ outcome: z.string().trim().min(1).max(200), reason: z.string().trim().max(500).optional() });
export const ZMigrateCase = z.object({
  templateVersionId: ZUuid.optional().describe('Default: the latest published version of the case template'),
  mapping: z.record(z.string(), z.string()).default({}),
});

export const ZTaskRow = z.object({
  id: ZUuid,
  workflowTaskId: z.string(),
  nodeId: z.string(),
  stageId: z.string().nullable(),
  title: z.string(),
  /** The template's English name of the task, where it has one (the en page shows it). */
  titleEn: z.string().nullable(),
  kind: z.string(),
  assigneeRole: z.string().nullable(),
  assigneeId: ZUuid.nullable(),
  status: z.string(),
  required: z.boolean(),
  dueAt: ZTimestamp.nullable(),
  dueDate: z.string().nullable(),
  dueProvisional: z.boolean(),
  dueBasis: z.string().nullable(),
  outputs: z.record(z.string(), z.unknown()).nullable(),
  startedAt: ZTimestamp,
  completedAt: ZTimestamp.nullable(),
  escalatedAt: ZTimestamp.nullable(),
});
export const ZTaskRows = z.object({ items: z.array(ZTaskRow) });
