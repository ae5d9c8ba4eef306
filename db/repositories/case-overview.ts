import type { Db } from '../connection';

/** What the case view shows beside the case row: names, and its open tasks' next due date and overdue count. */
export async function caseOverview(
  db: Db,
  c: { id: string; clientId: string; leadLawyerId: string },
): Promise<{ clientName: string; leadLawyerName: string; nextDueDate: string | null; overdueTasks: number }> {
  const clientName = (await db('clients').where({ id: c.clientId }).first('name')).name as string;
  const leadLawyerName = (await db('users').where({ id: c.leadLawyerId }).first('name')).name as string;
  const nextDueDate =
    ((await db('tasks').where({ case_id: c.id, status: 'open' }).min('due_date as d').first())?.d as string | null) ?? null;
  const overdueTasks = Number(
    (await db('tasks').where({ case_id: c.id, status: 'open' }).andWhereRaw('due_at < now()').count('* as n').first())?.n ?? 0,
  );
  return { clientName, leadLawyerName, nextDueDate, overdueTasks };
}
