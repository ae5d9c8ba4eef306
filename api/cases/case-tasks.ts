import type { Db } from '../../db/connection';
import { listCaseTasks } from '../../db/repositories/tasks';
import { assertCaseAccess, type Actor } from './case-access';

/** Every task of the case, open and closed, as the case page lists them. */
export async function caseTasks(db: Db, actor: Actor, caseId: string) {
  await assertCaseAccess(db, actor, caseId);
  const rows = await listCaseTasks(db, caseId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      workflowTaskId: r.workflowTaskId,
      nodeId: r.nodeId,
      stageId: r.stageId,
      title: r.title,
      titleEn: r.titleEn,
      kind: r.kind,
      assigneeRole: r.assigneeRole,
      assigneeId: r.assigneeId,
      status: r.status,
      required: r.required,
      dueAt: r.dueAt ? r.dueAt.toISOString() : null,
      dueDate: r.dueDate,
      dueProvisional: r.dueProvisional,
      dueBasis: r.dueBasis,
      outputs: r.outputs,
      startedAt: r.startedAt.toISOString(),
      completedAt: r.completedAt ? r.completedAt.toISOString() : null,
      escalatedAt: r.escalatedAt ? r.escalatedAt.toISOString() : null,
    })),
  };
}
