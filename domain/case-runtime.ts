import { z } from 'zod';
import { ZOutput } from '../process-templates/model/schema';

/**
 * The case-runtime shapes — what the case workflow answers (progress, open tasks, command results)
 * — declared once. The workflow holds instants as epoch milliseconds; the API sends them as ISO
 * timestamps. So the shapes are built over the schema of an instant: `ENGINE_SHAPES` (numbers) types
 * the workflow, the API contract builds its wire schemas from the same function, and the UI takes
 * its types from the contract.
 */
export const CASE_RUN_STATUSES = ['running', 'completed', 'closed'] as const;
export const STAGE_PROGRESS_STATUSES = ['pending', 'active', 'done', 'skipped'] as const;
export type CaseRunStatus = (typeof CASE_RUN_STATUSES)[number];

export function caseRuntimeShapes<I extends z.ZodType>(instant: I) {
  const openTask = z.object({
    instanceId: z.string(),
    taskId: z.uuid(),
    nodeId: z.string(),
    name: z.string(),
    nameEn: z.string().optional(),
    stageId: z.string().nullable(),
    assigneeId: z.uuid().nullable(),
    assigneeRole: z.string(),
    required: z.boolean(),
    dueAt: instant.nullable(),
    dueDate: z.string().nullable(),
    provisional: z.boolean(),
    waitingFor: z.string().optional(),
    /** `waitingFor` in words (zh-CN, en): the API adds them from the template; the workflow never sets them. */
    waitingForLabel: z.string().optional(),
    waitingForLabelEn: z.string().optional(),
    outputs: z.array(ZOutput),
  });
  const stage = z.object({
    id: z.string(),
    name: z.string(),
    nameEn: z.string().optional(),
    status: z.enum(STAGE_PROGRESS_STATUSES),
    enteredAt: instant.optional(),
    exitedAt: instant.optional(),
  });
  const waiting = z.object({
    node: z.string(),
    name: z.string(),
    kind: z.string(),
    message: z.string().optional(),
    at: instant.nullable().optional(),
  });
  const progress = z.object({
    caseId: z.uuid(),
    versionId: z.uuid(),
    status: z.enum(CASE_RUN_STATUSES),
    percentComplete: z.number().int().min(0).max(100),
    stages: z.array(stage),
    openTasks: z.array(openTask),
    waiting: z.array(waiting),
    variables: z.record(z.string(), z.unknown()),
    completedTasks: z.number().int(),
  });
  const commandResult = z.object({ status: z.enum(CASE_RUN_STATUSES), openTasks: z.array(openTask) });
  return { openTask, stage, waiting, progress, commandResult };
}

/** The shapes as the workflow holds them: instants in epoch milliseconds (null: none). */
export const ENGINE_SHAPES = caseRuntimeShapes(z.number());

export type OpenTaskView = z.infer<typeof ENGINE_SHAPES.openTask>;
export type CaseProgress = z.infer<typeof ENGINE_SHAPES.progress>;
export type CommandResult = z.infer<typeof ENGINE_SHAPES.commandResult>;
