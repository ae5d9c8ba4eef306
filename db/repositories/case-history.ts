import type { Db } from '../connection';

/** What a case went through (stages, tasks, events), read to reopen it or to show a case without a workflow. */

export interface StageVisit {
  stageId: string;
  stageInstanceId: string;
  enteredAt: Date;
  exitedAt: Date | null;
  skipped: boolean;
}

const toVisit = (r: Record<string, any>): StageVisit => ({
  stageId: r.stage_id,
  stageInstanceId: r.stage_instance_id,
  enteredAt: r.entered_at,
  exitedAt: r.exited_at,
  skipped: r.skipped,
});

/** The case's stage visits by when they were entered (`newestFirst` for the reverse). */
export async function stageVisits(db: Db, caseId: string, order: 'asc' | 'desc' = 'asc'): Promise<StageVisit[]> {
  return (await db('stage_history').where({ case_id: caseId }).orderBy('entered_at', order)).map(toVisit);
}

/** The element instance ids of every task the case had. */
export async function caseWorkflowTaskIds(db: Db, caseId: string): Promise<string[]> {
  return db('tasks').where({ case_id: caseId }).pluck('workflow_task_id');
}

/** The variables each recorded case event set, oldest first. */
export async function caseEventVariables(db: Db, caseId: string): Promise<Array<Record<string, unknown> | null>> {
  return (await db('case_events').where({ case_id: caseId }).orderBy('created_at').select('variables')).map((e) => e.variables);
}

/** The outputs of the case's completed tasks, in the order they were completed. */
export async function doneTaskOutputs(db: Db, caseId: string): Promise<Array<Record<string, unknown>>> {
  return db('tasks').where({ case_id: caseId, status: 'done' }).whereNotNull('outputs').orderBy('completed_at').pluck('outputs');
}

export async function countDoneTasks(db: Db, caseId: string): Promise<number> {
  return Number((await db('tasks').where({ case_id: caseId, status: 'done' }).count('* as n').first())?.n ?? 0);
}

/** The template nodes the case has open tasks on. */
export async function openTaskNodeIds(db: Db, caseId: string): Promise<string[]> {
  return db('tasks').where({ case_id: caseId, status: 'open' }).pluck('node_id');
}
