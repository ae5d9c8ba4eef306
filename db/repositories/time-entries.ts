import type { Knex } from 'knex';
import type { Db } from '../connection';

/** Timers (one running or paused per user) and time entries (计时). */

type Conn = Db | Knex.Transaction;

export interface TimerRow {
  userId: string;
  caseId: string;
  caseNumber: string;
  taskId: string | null;
  taskTitle: string | null;
  narrative: string | null;
  accumulatedSeconds: number;
  runningSince: Date | null;
  /** The database's clock when read: the seconds so far are counted against it, never the browser's. */
  now: Date;
}

export async function findTimer(db: Conn, userId: string, opts: { lock?: boolean } = {}): Promise<TimerRow | null> {
  const q = db('timers as t')
    .join('cases as c', 'c.id', 't.case_id')
    .leftJoin('tasks as k', 'k.id', 't.task_id')
    .where('t.user_id', userId)
    .first('t.*', 'c.number as case_number', 'k.title as task_title', db.raw('now() as now'));
  if (opts.lock) q.forUpdate('t');
  const r = await q;
  if (!r) return null;
  return {
    userId: r.user_id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    taskId: r.task_id,
    taskTitle: r.task_title,
    narrative: r.narrative,
    accumulatedSeconds: r.accumulated_seconds,
    runningSince: r.running_since,
    now: r.now,
  };
}

/** Starts (or restarts on another case) the user's timer: one per user, whatever the tab. */
export async function startTimer(
  trx: Knex.Transaction,
  t: { userId: string; caseId: string; taskId: string | null; narrative: string | null },
) {
  await trx('timers')
    .insert({
      user_id: t.userId,
      case_id: t.caseId,
      task_id: t.taskId,
      narrative: t.narrative,
      accumulated_seconds: 0,
      running_since: trx.fn.now(),
    })
    .onConflict('user_id')
    .merge();
}

export async function pauseTimer(trx: Knex.Transaction, userId: string): Promise<void> {
  await trx('timers')
    .where({ user_id: userId })
    .whereNotNull('running_since')
    .update({
      accumulated_seconds: trx.raw('accumulated_seconds + greatest(0, floor(extract(epoch from now() - running_since)))::int'),
      running_since: null,
    });
}

export async function resumeTimer(trx: Knex.Transaction, userId: string): Promise<void> {
  await trx('timers').where({ user_id: userId }).whereNull('running_since').update({ running_since: trx.fn.now() });
}

export async function deleteTimer(trx: Knex.Transaction, userId: string): Promise<void> {
  await trx('timers').where({ user_id: userId }).del();
}

export interface TimeEntryRow {
  id: string;
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  taskId: string | null;
  user: { id: string; name: string };
  workDate: string;
  minutes: number;
  secondsRecorded: number | null;
  billable: boolean;
  narrative: string;
  status: 'submitted' | 'approved' | 'rejected';
  rateFen: number | null;
  valueFen: number | null;
  decidedBy: { id: string; name: string } | null;
  decisionNote: string | null;
  billed: boolean;
}

function entryQuery(db: Conn) {
  return db('time_entries as e')
    .join('cases as c', 'c.id', 'e.case_id')
    .join('users as u', 'u.id', 'e.user_id')
    .leftJoin('users as d', 'd.id', 'e.decided_by')
    .select(
      'e.*',
      'c.number as case_number',
      'c.title as case_title',
      'u.name as user_name',
      'd.name as decider_name',
      db.raw("exists (select 1 from invoice_lines l where l.source_key = 'time_entry:' || e.id and l.invoice_id is not null) as billed"),
    );
}

function toEntry(r: Record<string, any>): TimeEntryRow {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    caseTitle: r.case_title,
    taskId: r.task_id,
    user: { id: r.user_id, name: r.user_name },
    workDate: r.work_date,
    minutes: r.minutes,
    secondsRecorded: r.seconds_recorded,
    billable: r.billable,
    narrative: r.narrative,
    status: r.status,
    rateFen: r.rate_fen === null ? null : Number(r.rate_fen),
    valueFen: r.value_fen === null ? null : Number(r.value_fen),
    decidedBy: r.decided_by ? { id: r.decided_by, name: r.decider_name } : null,
    decisionNote: r.decision_note,
    billed: Boolean(r.billed),
  };
}

export async function findTimeEntry(db: Conn, id: string, opts: { lock?: boolean } = {}): Promise<TimeEntryRow | null> {
  const q = entryQuery(db).where('e.id', id).first();
  if (opts.lock) q.forUpdate('e');
  const r = await q;
  return r ? toEntry(r) : null;
}

export async function insertTimeEntry(
  trx: Knex.Transaction,
  e: {
    caseId: string;
    taskId: string | null;
    userId: string;
    workDate: string;
    minutes: number;
    secondsRecorded: number | null;
    billable: boolean;
    narrative: string;
  },
): Promise<string> {
  const [r] = await trx('time_entries')
    .insert({
      case_id: e.caseId,
      task_id: e.taskId,
      user_id: e.userId,
      work_date: e.workDate,
      minutes: e.minutes,
      seconds_recorded: e.secondsRecorded,
      billable: e.billable,
      narrative: e.narrative,
    })
    .returning('id');
  return r.id;
}

export async function updateTimeEntry(
  trx: Knex.Transaction,
  id: string,
  patch: Partial<{ workDate: string; minutes: number; billable: boolean; narrative: string }>,
): Promise<void> {
  await trx('time_entries')
    .where({ id })
    .update({
      ...(patch.workDate !== undefined && { work_date: patch.workDate }),
      ...(patch.minutes !== undefined && { minutes: patch.minutes }),
      ...(patch.billable !== undefined && { billable: patch.billable }),
      ...(patch.narrative !== undefined && { narrative: patch.narrative }),
      // A changed entry is looked at again.
      status: 'submitted',
      decided_by: null,
      decided_at: null,
      decision_note: null,
      updated_at: trx.fn.now(),
    });
}

export async function deleteTimeEntry(trx: Knex.Transaction, id: string): Promise<void> {
  await trx('time_entries').where({ id }).del();
}

export async function decideTimeEntry(
  trx: Knex.Transaction,
  id: string,
  d: { status: 'approved' | 'rejected'; by: string; note: string | null; rateFen: number | null; valueFen: number | null },
): Promise<void> {
  await trx('time_entries').where({ id }).update({
    status: d.status,
    decided_by: d.by,
    decided_at: trx.fn.now(),
    decision_note: d.note,
    rate_fen: d.rateFen,
    value_fen: d.valueFen,
    updated_at: trx.fn.now(),
  });
}

export interface TimeEntryFilter {
  userId?: string;
  caseId?: string;
  status?: string;
  from?: string;
  to?: string;
}

export async function listTimeEntries(
  db: Db,
  scope: { all: true } | { memberUserId: string },
  f: TimeEntryFilter,
  window: { limit: number; offset: number },
): Promise<{ items: TimeEntryRow[]; total: number; totalMinutes: number }> {
  const q = entryQuery(db);
  if ('memberUserId' in scope) q.where('e.user_id', scope.memberUserId);
  if (f.userId) q.where('e.user_id', f.userId);
  if (f.caseId) q.where('e.case_id', f.caseId);
  if (f.status) q.where('e.status', f.status);
  if (f.from) q.where('e.work_date', '>=', f.from);
  if (f.to) q.where('e.work_date', '<=', f.to);
  const [{ n, minutes }] = await db
    .from(q.clone().clearSelect().select('e.minutes').as('x'))
    .select(db.raw('count(*)::int as n'), db.raw('coalesce(sum(minutes), 0)::int as minutes'));
  const rows = await q
    .orderBy([
      { column: 'e.work_date', order: 'desc' },
      { column: 'e.created_at', order: 'desc' },
    ])
    .limit(window.limit)
    .offset(window.offset);
  return { items: rows.map(toEntry), total: n, totalMinutes: minutes };
}
