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

/**
 * What a case's run has set its variables from, from the database alone: the variables it began
 * with (null for a case opened before they were kept), then each case event's variables and each
 * completed task's outputs, in the order they happened.
 */
export async function caseVariableHistory(
  db: Db,
  caseId: string,
): Promise<{ start: Record<string, unknown> | null; changes: Array<Record<string, unknown>> }> {
  const row = await db('cases').where({ id: caseId }).first('start_variables');
  const changes = await db
    .select('vars')
    .from(
      db('case_events')
        .where({ case_id: caseId })
        .whereNotNull('variables')
        .select({ at: 'created_at', vars: 'variables' })
        .unionAll(
          db('tasks').where({ case_id: caseId, status: 'done' }).whereNotNull('outputs').select({ at: 'completed_at', vars: 'outputs' }),
        )
        .as('c'),
    )
    .orderBy('at');
  return { start: (row?.start_variables as Record<string, unknown> | null) ?? null, changes: changes.map((c) => c.vars) };
}
