import type { Db } from '../../db/connection';
import { isCaseMember } from '../../db/repositories/cases';
import { findActiveColleague, userLocale } from '../../db/repositories/user-lookups';
import { insertNotificationsOnce } from '../../db/repositories/notifications';
import {
  addTaskComment,
  completeManualTask,
  findTaskItem,
  insertManualTask,
  listTaskComments,
  listTasks,
  taskLoad,
  updateTaskFields,
  type TaskListItem,
} from '../../db/repositories/task-list';
import { listScope, viewerOf, type ListScope } from '../../domain/policy';
import { endOfDay } from '../../domain/deadlines/civil-date';
import { message } from '../../domain/notification-texts';
import { AppError } from '../app-error';
import type { Engine } from '../engine';
import type { z } from 'zod';
import type { ZNewTask, ZTaskListQuery, ZTaskPatch } from '../contracts/tasks';
import { pageWindow } from '../routing';
import { assertCaseAccess, completeTask, type Actor } from '../cases';
import { firmTimeZone } from '../firm';

/** Which tasks the actor's lists show (the policy's `task.list` scope: partners every case's). */
function taskScope(actor: Actor): ListScope {
  return listScope(viewerOf(actor), 'task.list');
}

export function taskView(t: TaskListItem, now = Date.now()) {
  return {
    ...t,
    dueAt: t.dueAt?.toISOString() ?? null,
    startedAt: t.startedAt.toISOString(),
    completedAt: t.completedAt?.toISOString() ?? null,
    escalatedAt: t.escalatedAt?.toISOString() ?? null,
    overdue: t.status === 'open' && !!t.dueAt && t.dueAt.getTime() < now,
  };
}

export async function taskList(db: Db, actor: Actor, q: z.infer<typeof ZTaskListQuery>) {
  if (q.caseId) await assertCaseAccess(db, actor, q.caseId);
  const r = await listTasks(db, actor.id, taskScope(actor), { ...q, ...pageWindow(q) });
  return { items: r.items.map((t) => taskView(t)), total: r.total };
}

/** A task the actor may work on (on one of their cases). */
export async function accessibleTask(db: Db, actor: Actor, id: string): Promise<TaskListItem> {
  const t = await findTaskItem(db, id);
  if (!t) throw new AppError('not-found', `no task ${id}`);
  await assertCaseAccess(db, actor, t.caseId);
  return t;
}

/** An assignee must be an active member of the case team. */
async function assertAssignable(db: Db, caseId: string, userId: string) {
  const u = await findActiveColleague(db, userId);
  if (!u || !(await isCaseMember(db, caseId, userId))) {
    throw new AppError('validation-error', 'the assignee must be on the case team', {
      errors: [{ path: 'body.assigneeId', message: 'not on the case team' }],
    });
  }
}

async function tellAssignee(db: Db, t: TaskListItem, userId: string, by: Actor) {
  if (userId === by.id) return;
  const locale = await userLocale(db, userId);
  const text = message('taskReassigned', locale ?? 'zh-CN', {
    caseNumber: t.caseNumber,
    caseTitle: t.caseTitle,
    task: t.title,
    taskEn: t.titleEn,
    dueDate: t.dueDate,
    link: `/tasks?task=${t.id}`,
  });
  await insertNotificationsOnce(db, [
    {
      userId,
      caseId: t.caseId,
      taskId: t.id,
      kind: 'taskAssigned',
      title: text.title,
      body: text.body,
      link: `/tasks?task=${t.id}`,
      key: `task:${t.id}:assigned:${userId}:${Date.now()}`,
      scheduledFor: null,
    },
  ]);
}

export async function createManualTask(db: Db, actor: Actor, body: z.infer<typeof ZNewTask>, defaultTimeZone: string) {
  await assertCaseAccess(db, actor, body.caseId);
  const assigneeId = body.assigneeId ?? actor.id;
  await assertAssignable(db, body.caseId, assigneeId);
  const tz = await firmTimeZone(db, defaultTimeZone);
  return db.transaction(async (trx) => {
    const id = await insertManualTask(trx, {
      caseId: body.caseId,
      title: body.title,
      description: body.description ?? null,
      assigneeId,
      priority: body.priority,
      startedAt: new Date(),
      dueAt: body.dueDate ? new Date(endOfDay(body.dueDate, tz)) : null,
      dueDate: body.dueDate ?? null,
      checklist: body.checklist,
      createdBy: actor.id,
    });
    const t = (await findTaskItem(trx, id))!;
    await tellAssignee(trx, t, assigneeId, actor);
    return taskView(t);
  });
}

export async function patchTask(db: Db, actor: Actor, id: string, p: z.infer<typeof ZTaskPatch>, defaultTimeZone: string) {
  const t = await accessibleTask(db, actor, id);
  if (t.status !== 'open') throw new AppError('conflict', `the task is ${t.status}`);
  const manualOnly = (['title', 'description', 'dueDate'] as const).filter((k) => p[k] !== undefined);
  if (!t.manual && manualOnly.length) {
    throw new AppError('unprocessable-entity', 'a workflow task keeps the title and due date its template gives it', {
      errors: manualOnly.map((k) => ({ path: `body.${k}`, message: 'manual tasks only' })),
    });
  }
  if (p.assigneeId) await assertAssignable(db, t.caseId, p.assigneeId);
  const tz = await firmTimeZone(db, defaultTimeZone);
  const after = await db.transaction(async (trx) => {
    await updateTaskFields(trx, id, {
      ...p,
      ...(p.dueDate !== undefined ? { dueDate: p.dueDate, dueAt: p.dueDate ? new Date(endOfDay(p.dueDate, tz)) : null } : {}),
    });
    const row = (await findTaskItem(trx, id))!;
    if (p.assigneeId && p.assigneeId !== t.assigneeId) await tellAssignee(trx, row, p.assigneeId, actor);
    return row;
  });
  return { before: t, after: taskView(after) };
}

/** A manual task is closed here; a workflow task through the case workflow (which checks its outputs). */
export async function completeAnyTask(
  db: Db,
  temporal: Engine,
  actor: Actor,
  id: string,
  outputs: Record<string, unknown>,
  updateId?: string,
) {
  const t = await accessibleTask(db, actor, id);
  if (!t.manual) {
    await completeTask(db, temporal, actor, t.caseId, id, outputs, updateId);
    return taskView((await findTaskItem(db, id))!);
  }
  if (t.status !== 'open') throw new AppError('conflict', `the task is ${t.status}`);
  if (!(await completeManualTask(db, id, actor.id, new Date()))) throw new AppError('conflict', 'the task was completed meanwhile');
  return taskView((await findTaskItem(db, id))!);
}

export async function taskComments(db: Db, actor: Actor, id: string) {
  await accessibleTask(db, actor, id);
  return { items: (await listTaskComments(db, id)).map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })) };
}

export async function commentOnTask(db: Db, actor: Actor, id: string, body: string) {
  await accessibleTask(db, actor, id);
  await addTaskComment(db, id, actor.id, body);
  return taskComments(db, actor, id);
}

export async function workload(db: Db, actor: Actor) {
  return { items: await taskLoad(db, taskScope(actor)) };
}
