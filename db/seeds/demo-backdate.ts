import type { Db } from '../connection';
import type { HolidayCalendar } from '../../domain/deadlines/holiday-calendar';
import { scheduleTask } from '../../domain/deadlines/task-schedule';
import type { DueRule } from '../../process-templates/model/schema';

/**
 * The second half of a demo walk (demo-walk.ts): the rows the engine wrote while the seed drove a
 * case are moved onto the past days the case is meant to have lived through, and the engine's
 * alerts are kept only where that past would have raised them.
 */

/** A command the walk sent: when it really ran, and when in the case's story it happened. */
export interface Shift {
  real: number;
  at: number;
}

type Row = Record<string, any>;

/**
 * Each row keeps its distance from the command that wrote it, so the order stays the engine's.
 * A finished task's due date is worked out again from its moved start by the engine's own rule
 * (tasks due from a recorded date already have theirs); an open task keeps the engine's, which its
 * timers follow.
 */
export async function backdate(
  db: Db,
  caseId: string,
  shifts: Shift[],
  ctx: { timeZone: string; calendar: HolidayCalendar },
): Promise<void> {
  const move = (t: Date | null) => {
    if (!t) return t;
    const s = [...shifts].reverse().find((x) => x.real <= t.getTime()) ?? shifts[0];
    return new Date(t.getTime() - s.real + s.at);
  };
  await db.transaction(async (trx) => {
    const moveAll = async (table: string, where: (q: any) => any, columns: string[]) => {
      for (const row of (await where(trx(table))) as Row[]) {
        await trx(table)
          .where({ id: row.id })
          .update(Object.fromEntries(columns.map((c) => [c, move(row[c])])));
      }
    };
    await moveAll('stage_history', (q) => q.where({ case_id: caseId }), ['entered_at', 'exited_at']);
    await moveAll('tasks', (q) => q.where({ case_id: caseId }), ['started_at', 'completed_at', 'created_at']);
    await moveAll('billing_events', (q) => q.where({ case_id: caseId }), ['created_at']);
    await moveAll('conflict_checks', (q) => q.where({ case_id: caseId }), ['run_at', 'decided_at']);
    const alerts = ['reminder', 'escalation'];
    await moveAll('notifications', (q) => q.where({ case_id: caseId }).whereNotIn('kind', alerts), ['created_at']);
    await moveAll('email_outbox', (q) => q.where('key', 'like', `%${caseId}%`).whereNot('key', 'like', 'task:%'), ['created_at']);
    await redoFinishedDueDates(trx, caseId, ctx);
  });
}

async function redoFinishedDueDates(db: Db, caseId: string, ctx: { timeZone: string; calendar: HolidayCalendar }) {
  const c = await db('cases as c')
    .join('process_template_versions as v', 'v.id', 'c.template_version_id')
    .where('c.id', caseId)
    .first('v.model');
  const nodes = (c?.model?.nodes ?? {}) as Record<string, { due?: DueRule; reminders?: string[] }>;
  const stages = await db('stage_history').where({ case_id: caseId });
  for (const t of await db('tasks').where({ case_id: caseId, status: 'done' }).whereNotNull('due_at')) {
    const due = nodes[t.node_id]?.due;
    if (!due || due.from === 'variable') continue;
    const stage = stages.find((s) => s.stage_instance_id === t.stage_instance_id);
    const s = scheduleTask(
      { due, reminders: [] },
      {
        startedAt: t.started_at.getTime(),
        stageStartedAt: (stage?.entered_at ?? t.started_at).getTime(),
        variables: {},
        ...ctx,
      },
    ).due;
    if (!s) continue;
    await db('tasks')
      .where({ id: t.id })
      .update({ due_at: new Date(s.dueAt), due_date: s.dueDate, due_unadjusted: s.unadjusted, due_rolled_over: s.rolledOver });
  }
}

/**
 * The engine's reminders and escalations, judged by the story: an alert about a task the story has
 * finished before the alert's instant would never have been raised (the walk only crossed its
 * instant in a few seconds of real time), so it and its mail go; the others are dated when they
 * were due to be raised.
 */
export async function settleAlerts(db: Db, caseIds: string[]): Promise<void> {
  await quiet(db, caseIds);
  await db.transaction(async (trx) => {
    const alerts = await trx('notifications as n')
      .join('tasks as t', 't.id', 'n.task_id')
      .whereIn('n.case_id', caseIds)
      .whereIn('n.kind', ['reminder', 'escalation'])
      .select('n.id', 'n.key', 'n.kind', 'n.scheduled_for', 't.id as task_id', 't.status', 't.completed_at');
    for (const a of alerts) {
      const mail = trx('email_outbox').where('key', 'like', `${a.key}:%`);
      if (a.status === 'done' && a.completed_at <= a.scheduled_for) {
        await trx('notifications').where({ id: a.id }).delete();
        await mail.delete();
        if (a.kind === 'escalation') await trx('tasks').where({ id: a.task_id }).update({ escalated_at: null });
      } else {
        await trx('notifications').where({ id: a.id }).update({ created_at: a.scheduled_for });
        await mail.update({ created_at: a.scheduled_for });
      }
    }
  });
}

/** Waits until the engine has raised what the walk made due (nothing new for a second and a half). */
async function quiet(db: Db, caseIds: string[]): Promise<void> {
  let last = -1;
  for (let i = 0; i < 40; i++) {
    const row = await db('notifications').whereIn('case_id', caseIds).count('* as n').first();
    const n = Number(row?.n ?? 0);
    if (n === last) return;
    last = n;
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
}
