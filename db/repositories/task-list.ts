import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Db } from '../connection';
import { teamCaseIds } from './cases';
import type { Priority } from '../../domain/records';
import type { TaskOutput } from '../../process-templates/model/schema';
import type { ListScope } from '../../domain/policy';
import { containsPattern } from './like';

export interface TaskListQuery {
  /** Whose tasks: the viewer's own, or every task the viewer may see. */
  scope: 'mine' | 'team';
  status: 'open' | 'overdue' | 'done' | 'all';
  caseId?: string;
  assigneeId?: string;
  priority?: string;
  q?: string;
  dueFrom?: string;
  dueTo?: string;
  /** Only tasks whose due date has a statutory basis (a period of the law, e.g. 民事诉讼法第171条). */
  statutory?: boolean;
  limit: number;
  offset: number;
}

export interface TaskListItem {
  id: string;
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  title: string;
  titleEn: string | null;
  description: string | null;
  kind: string;
  manual: boolean;
  status: string;
  priority: Priority;
  progress: number;
  assigneeId: string | null;
  assigneeName: string | null;
  dueAt: Date | null;
  dueDate: string | null;
  dueProvisional: boolean;
  dueBasis: string | null;
  startedAt: Date;
  completedAt: Date | null;
  escalatedAt: Date | null;
  checklist: Array<{ text: string; done: boolean }>;
  /** The template's outputs (process-templates TaskOutput), as stored. */
  outputSpec: TaskOutput[];
  outputs: Record<string, unknown> | null;
  commentCount: number;
}

/** The tasks a viewer may see: their cases' (or all, for partners), filtered in SQL. */
function visible(db: Db, scope: ListScope, b: Knex.QueryBuilder) {
  if (!scope.all) b.whereIn('t.case_id', teamCaseIds(db, scope.memberUserId));
}

function filtered(db: Db, userId: string, scope: ListScope, q: TaskListQuery, now: Date) {
  return db('tasks as t')
    .join('cases as c', 'c.id', 't.case_id')
    .modify((b) => {
      visible(db, scope, b);
      if (q.scope === 'mine') b.where('t.assignee_id', userId);
      if (q.status === 'open') b.where('t.status', 'open');
      if (q.status === 'overdue') b.where('t.status', 'open').where('t.due_at', '<', now);
      if (q.status === 'done') b.whereIn('t.status', ['done', 'skipped', 'cancelled', 'timed_out']);
      if (q.caseId) b.where('t.case_id', q.caseId);
      if (q.assigneeId) b.where('t.assignee_id', q.assigneeId);
      if (q.priority) b.where('t.priority', q.priority);
      if (q.dueFrom) b.where('t.due_date', '>=', q.dueFrom);
      if (q.dueTo) b.where('t.due_date', '<=', q.dueTo);
      if (q.statutory) b.whereNotNull('t.due_basis');
      if (q.q) {
        const p = containsPattern(q.q);
        b.where((w) => w.whereILike('t.title', p).orWhereILike('t.title_en', p).orWhereILike('c.number', p).orWhereILike('c.title', p));
      }
    });
}

export async function listTasks(
  db: Db,
  userId: string,
  scope: ListScope,
  q: TaskListQuery,
  now = new Date(),
): Promise<{ items: TaskListItem[]; total: number }> {
  const [{ n }] = await filtered(db, userId, scope, q, now).count({ n: '*' });
  const rows = await withDetails(db, filtered(db, userId, scope, q, now))
    .orderByRaw(q.status === 'done' ? 't.completed_at desc nulls last, t.id' : 't.due_at asc nulls last, t.started_at, t.id')
    .limit(q.limit)
    .offset(q.offset);
  return { items: rows.map(toItem), total: Number(n) };
}

export async function findTaskItem(db: Db, id: string): Promise<TaskListItem | undefined> {
  const [r] = await withDetails(db, db('tasks as t').join('cases as c', 'c.id', 't.case_id').where('t.id', id));
  return r ? toItem(r) : undefined;
}

/** A `tasks as t` query joined to its case (`c`), with what a task row shows beside its own columns. */
function withDetails(db: Db, b: Knex.QueryBuilder) {
  return b
    .leftJoin('users as u', 'u.id', 't.assignee_id')
    .select(
      't.*',
      'c.number as case_number',
      'c.title as case_title',
      'u.name as assignee_name',
      db.raw('(select count(*) from task_comments tc where tc.task_id = t.id)::int as comment_count'),
    );
}

function toItem(r: Record<string, any>): TaskListItem {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    caseTitle: r.case_title,
    title: r.title,
    titleEn: r.title_en,
    description: r.description,
    kind: r.kind,
    manual: r.manual,
    status: r.status,
    priority: r.priority,
    progress: r.progress,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    dueAt: r.due_at,
    dueDate: r.due_date,
    dueProvisional: r.due_provisional,
    dueBasis: r.due_basis ?? null,
    startedAt: r.started_at,
    completedAt: r.completed_at,
    escalatedAt: r.escalated_at,
    checklist: r.checklist ?? [],
    outputSpec: r.output_spec ?? [],
    outputs: r.outputs,
    commentCount: r.comment_count ?? 0,
  };
}

/** Each person's open and overdue tasks (workload), among the tasks the viewer may see. */
export async function taskLoad(db: Db, scope: ListScope, now = new Date()) {
  const rows = await db('tasks as t')
    .join('users as u', 'u.id', 't.assignee_id')
    .where('t.status', 'open')
    .modify((b) => visible(db, scope, b))
    .groupBy('u.id', 'u.name', 'u.role')
    .orderBy([{ column: 'overdue', order: 'desc' }, { column: 'open', order: 'desc' }, { column: 'u.name' }])
    .select(
      'u.id',
      'u.name',
      'u.role',
      db.raw('count(*)::int as open'),
      db.raw('(count(*) filter (where t.due_at < ?))::int as overdue', [now]),
      db.raw('(count(*) filter (where t.due_at >= ? and t.due_at < ?::timestamptz + interval \'7 days\'))::int as "dueThisWeek"', [
        now,
        now,
      ]),
    );
  return rows as Array<{ id: string; name: string; role: string; open: number; overdue: number; dueThisWeek: number }>;
}

export async function insertManualTask(
  db: Db,
  t: {
    caseId: string;
    title: string;
    description: string | null;
    assigneeId: string | null;
    priority: string;
    startedAt: Date;
    dueAt: Date | null;
    dueDate: string | null;
    checklist: unknown[];
    createdBy: string;
    /** Makes the insert idempotent: a second insert with this key answers the first task. */
    key?: string;
  },
): Promise<string> {
  const [row] = await db('tasks')
    .insert({
      case_id: t.caseId,
      workflow_task_id: t.key ?? `manual:${randomUUID()}`,
      node_id: 'manual',
      title: t.title,
      description: t.description,
      kind: 'task',
      assignee_id: t.assigneeId,
      required: false,
      priority: t.priority,
      started_at: t.startedAt,
      due_at: t.dueAt,
      due_date: t.dueDate,
      checklist: JSON.stringify(t.checklist),
      manual: true,
      created_by: t.createdBy,
    })
    .onConflict(['case_id', 'workflow_task_id'])
    .ignore()
    .returning('id');
  if (row) return row.id as string;
  return (await db('tasks').where({ case_id: t.caseId, workflow_task_id: t.key }).first('id')).id as string;
}

export async function updateTaskFields(
  db: Db,
  id: string,
  f: Partial<{
    title: string;
    description: string | null;
    assigneeId: string | null;
    priority: string;
    progress: number;
    dueAt: Date | null;
    dueDate: string | null;
    checklist: unknown[];
  }>,
): Promise<void> {
  const row: Record<string, unknown> = { updated_at: db.fn.now() };
  if (f.title !== undefined) row.title = f.title;
  if (f.description !== undefined) row.description = f.description;
  if (f.assigneeId !== undefined) row.assignee_id = f.assigneeId;
  if (f.priority !== undefined) row.priority = f.priority;
  if (f.progress !== undefined) row.progress = f.progress;
  if (f.dueAt !== undefined) row.due_at = f.dueAt;
  if (f.dueDate !== undefined) row.due_date = f.dueDate;
  if (f.checklist !== undefined) row.checklist = JSON.stringify(f.checklist);
  await db('tasks').where({ id }).update(row);
}

/** Completes a manual task once; answers false when it was no longer open. */
export async function completeManualTask(db: Db, id: string, by: string, at: Date): Promise<boolean> {
  const n = await db('tasks')
    .where({ id, status: 'open', manual: true })
    .update({ status: 'done', progress: 100, completed_by: by, completed_at: at, updated_at: db.fn.now() });
  return n === 1;
}

export async function listTaskComments(db: Db, taskId: string) {
  const rows = await db('task_comments as tc')
    .join('users as u', 'u.id', 'tc.author_id')
    .where('tc.task_id', taskId)
    .orderBy('tc.id')
    .select('tc.id', 'tc.body', 'tc.created_at', 'u.id as author_id', 'u.name as author_name');
  return rows.map((r: Record<string, any>) => ({
    id: String(r.id),
    body: r.body as string,
    createdAt: r.created_at as Date,
    authorId: r.author_id as string,
    authorName: r.author_name as string,
  }));
}

export async function addTaskComment(db: Db, taskId: string, authorId: string, body: string): Promise<string> {
  const [row] = await db('task_comments').insert({ task_id: taskId, author_id: authorId, body }).returning('id');
  return String(row.id);
}
