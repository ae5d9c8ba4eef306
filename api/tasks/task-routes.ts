import { Router } from 'express';
import type { Db } from '../../db/connection';
import { ZIdParams } from '../contracts/common';
import {
  ZCompleteTaskBody,
  ZNewComment,
  ZNewTask,
  ZTaskComments,
  ZTaskItem,
  ZTaskListQuery,
  ZTaskLoad,
  ZTaskPage,
  ZTaskPatch,
} from '../contracts/tasks';
import { pageAnswer, type RouteRegistry } from '../routing';
import type { Engine } from '../engine';
import { updateId, WORKFLOW_ERRORS } from '../cases';
import {
  accessibleTask,
  commentOnTask,
  completeAnyTask,
  createManualTask,
  patchTask,
  taskComments,
  taskList,
  taskView,
  workload,
} from './tasks';

/** Tasks across cases: my tasks, the team's, one case's; manual tasks, reassigning, progress, comments, completion. */
export function taskRoutes(registry: RouteRegistry, deps: { db: Db; temporal: Engine; config: { firmTimezone: string } }): Router {
  const router = Router();
  const { db, temporal } = deps;
  const tag = 'tasks';
  registry.add(
    router,
    {
      method: 'get',
      path: '/tasks',
      tag,
      summary: 'Tasks the caller may see: theirs (scope=mine) or every task on their cases (scope=team), filtered',
      action: 'task.list',
      query: ZTaskListQuery,
      response: ZTaskPage,
      errors: ['not-found'],
    },
    async ({ query, user }) => pageAnswer(query, await taskList(db, user!, query)),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/tasks/load',
      tag,
      summary: "Each person's open, overdue and due-this-week tasks",
      action: 'task.load',
      response: ZTaskLoad,
    },
    async ({ user }) => workload(db, user!),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/tasks',
      tag,
      summary: 'A manual task on a case',
      action: 'task.work',
      body: ZNewTask,
      response: ZTaskItem,
      status: 201,
      errors: ['not-found', 'validation-error'],
      auditEntity: 'task',
    },
    async ({ body, user, audit }) => {
      const t = await createManualTask(db, user!, body, deps.config.firmTimezone);
      audit({ entityId: t.id, details: { caseId: t.caseId, assigneeId: t.assigneeId } });
      return t;
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/tasks/:id',
      tag,
      summary: 'One task',
      action: 'task.work',
      params: ZIdParams,
      response: ZTaskItem,
      errors: ['not-found'],
    },
    async ({ params, user }) => taskView(await accessibleTask(db, user!, params.id)),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/tasks/:id',
      tag,
      summary: 'Reassign, set priority, progress or checklist; manual tasks also title, description and due date',
      action: 'task.work',
      params: ZIdParams,
      body: ZTaskPatch,
      response: ZTaskItem,
      errors: ['not-found', 'conflict', 'unprocessable-entity', 'validation-error'],
      auditEntity: 'task',
    },
    async ({ params, body, user, audit }) => {
      const { before, after } = await patchTask(db, user!, params.id, body, deps.config.firmTimezone);
      audit({
        details: {
          caseId: before.caseId,
          changed: Object.keys(body),
          ...(body.assigneeId !== undefined ? { assigneeFrom: before.assigneeId, assigneeTo: body.assigneeId } : {}),
        },
      });
      return after;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/tasks/:id/complete',
      tag,
      summary: 'Complete a task; a workflow task with the outputs its template asks for',
      action: 'task.work',
      params: ZIdParams,
      body: ZCompleteTaskBody,
      response: ZTaskItem,
      errors: [...WORKFLOW_ERRORS],
      auditEntity: 'task',
    },
    async ({ params, body, user, req, audit, idempotency }) => {
      const t = await completeAnyTask(db, temporal, user!, params.id, body.outputs, updateId(req, idempotency));
      audit({ details: { caseId: t.caseId } });
      return t;
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/tasks/:id/comments',
      tag,
      summary: "The task's comments, oldest first",
      action: 'task.work',
      params: ZIdParams,
      response: ZTaskComments,
      errors: ['not-found'],
    },
    async ({ params, user }) => taskComments(db, user!, params.id),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/tasks/:id/comments',
      tag,
      summary: 'Comment on a task',
      action: 'task.work',
      params: ZIdParams,
      body: ZNewComment,
      response: ZTaskComments,
      status: 201,
      errors: ['not-found'],
      auditEntity: 'task',
    },
    async ({ params, body, user }) => commentOnTask(db, user!, params.id, body.body),
  );
  return router;
}
