import type { Db } from '../connection';

export interface TaskRow {
  id: string;
  caseId: string;
  workflowTaskId: string;
  nodeId: string;
  stageId: string | null;
  title: string;
  titleEn: string | null;
  kind: string;
  assigneeRole: string | null;
  assigneeId: string | null;
  status: 'open' | 'done' | 'skipped' | 'cancelled' | 'timed_out';
  required: boolean;
  dueAt: Date | null;
  dueDate: string | null;
  dueUnadjusted: string | null;
  dueRolledOver: boolean;
  dueProvisional: boolean;
  dueBasis: string | null;
  waitingForVariable: string | null;
  outputSpec: unknown[];
  outputs: Record<string, unknown> | null;
  startedAt: Date;
  completedAt: Date | null;
  completedBy: string | null;
  escalatedAt: Date | null;
  closeReason: string | null;
}

type Raw = Record<string, any>;

export function toTask(r: Raw): TaskRow {
  return {
    id: r.id,
    caseId: r.case_id,
    workflowTaskId: r.workflow_task_id,
    nodeId: r.node_id,
    stageId: r.stage_id,
    title: r.title,
    titleEn: r.title_en,
    kind: r.kind,
    assigneeRole: r.assignee_role,
    assigneeId: r.assignee_id,
    status: r.status,
    required: r.required,
    dueAt: r.due_at,
    dueDate: r.due_date,
    dueUnadjusted: r.due_unadjusted,
    dueRolledOver: r.due_rolled_over,
    dueProvisional: r.due_provisional,
    dueBasis: r.due_basis,
    waitingForVariable: r.waiting_for_variable,
    outputSpec: r.output_spec,
    outputs: r.outputs,
    startedAt: r.started_at,
    completedAt: r.completed_at,
    completedBy: r.completed_by,
    escalatedAt: r.escalated_at,
    closeReason: r.close_reason,
  };
}

export interface DueColumns {
  dueAt: Date | null;
  dueDate: string | null;
  dueUnadjusted: string | null;
  dueRolledOver: boolean;
  dueProvisional: boolean;
  dueBasis: string | null;
  waitingForVariable: string | null;
}

const dueColumns = (d: DueColumns) => ({
  due_at: d.dueAt,
  due_date: d.dueDate,
  due_unadjusted: d.dueUnadjusted,
  due_rolled_over: d.dueRolledOver,
  due_provisional: d.dueProvisional,
  due_basis: d.dueBasis,
  waiting_for_variable: d.waitingForVariable,
});

/** Idempotent on (case, workflow task id): a retried activity returns the row it made the first time. */
export async function insertTaskOnce(
  db: Db,
  t: {
    caseId: string;
    workflowTaskId: string;
    nodeId: string;
    stageId: string | null;
    stageInstanceId: string | null;
    title: string;
    titleEn: string | null;
    kind: string;
    assigneeRole: string;
    assigneeId: string | null;
    required: boolean;
    outputSpec: unknown[];
    startedAt: Date;
  } & DueColumns,
): Promise<{ row: TaskRow; created: boolean }> {
  const inserted = await db('tasks')
    .insert({
      case_id: t.caseId,
      workflow_task_id: t.workflowTaskId,
      node_id: t.nodeId,
      stage_id: t.stageId,
      stage_instance_id: t.stageInstanceId,
      title: t.title,
      title_en: t.titleEn,
      kind: t.kind,
      assignee_role: t.assigneeRole,
      assignee_id: t.assigneeId,
      required: t.required,
      output_spec: JSON.stringify(t.outputSpec),
      started_at: t.startedAt,
      ...dueColumns(t),
    })
    .onConflict(['case_id', 'workflow_task_id'])
    .ignore()
    .returning('*');
  if (inserted.length) return { row: toTask(inserted[0]), created: true };
  const existing = await db('tasks').where({ case_id: t.caseId, workflow_task_id: t.workflowTaskId }).first();
  return { row: toTask(existing), created: false };
}

export async function updateTaskDue(db: Db, caseId: string, workflowTaskId: string, d: DueColumns): Promise<void> {
  await db('tasks')
    .where({ case_id: caseId, workflow_task_id: workflowTaskId })
    .update({ ...dueColumns(d), updated_at: db.fn.now() });
}

/** Marks done once; a retry (or a second completion) leaves the first completion as it was. */
export async function completeTaskRow(
  db: Db,
  c: { caseId: string; workflowTaskId: string; outputs: Record<string, unknown>; by: string | null; at: Date },
): Promise<void> {
  await db('tasks')
    .where({ case_id: c.caseId, workflow_task_id: c.workflowTaskId, status: 'open' })
    .update({ status: 'done', outputs: JSON.stringify(c.outputs), completed_by: c.by, completed_at: c.at, updated_at: db.fn.now() });
}

export async function closeTaskRows(
  db: Db,
  c: { caseId: string; workflowTaskIds: string[]; status: 'skipped' | 'cancelled' | 'timed_out'; reason: string | null; at: Date },
): Promise<void> {
  if (!c.workflowTaskIds.length) return;
  await db('tasks')
    .where({ case_id: c.caseId, status: 'open' })
    .whereIn('workflow_task_id', c.workflowTaskIds)
    .update({ status: c.status, close_reason: c.reason, completed_at: c.at, updated_at: db.fn.now() });
}

export async function markEscalated(db: Db, caseId: string, workflowTaskId: string, at: Date): Promise<TaskRow | undefined> {
  await db('tasks').where({ case_id: caseId, workflow_task_id: workflowTaskId }).whereNull('escalated_at').update({ escalated_at: at });
  const row = await db('tasks').where({ case_id: caseId, workflow_task_id: workflowTaskId }).first();
  return row ? toTask(row) : undefined;
}

export async function findTask(db: Db, caseId: string, workflowTaskId: string): Promise<TaskRow | undefined> {
  const row = await db('tasks').where({ case_id: caseId, workflow_task_id: workflowTaskId }).first();
  return row ? toTask(row) : undefined;
}

export async function findTaskById(db: Db, id: string): Promise<TaskRow | undefined> {
  const row = await db('tasks').where({ id }).first();
  return row ? toTask(row) : undefined;
}

export async function listCaseTasks(db: Db, caseId: string): Promise<TaskRow[]> {
  return (
    await db('tasks')
      .where({ case_id: caseId })
      .orderBy([{ column: 'started_at' }, { column: 'workflow_task_id' }])
  ).map(toTask);
}
