import { Router, type Request } from 'express';
import type { Db } from '../../db/connection';
import {
  ZAdvance,
  ZCase,
  ZCaseEvent,
  ZCloseCase,
  ZCommandResult,
  ZCompleteTask,
  ZCreateCase,
  ZMigrateCase,
  ZProgress,
  ZTaskRows,
} from '../contracts/cases';
import { ZIdParams, ZUuid } from '../contracts/common';
import { auditRead } from '../read-audit';
import type { RouteRegistry } from '../routing';
import { assertCaseAccess } from './case-access';
import { caseProgress } from './case-progress';
import { caseTasks } from './case-tasks';
import { advanceCase, closeCase, completeTask, createCase, migrateCase, recordCaseEvent } from './case-workflow';
import { caseView, forViewer } from './case-view';
import type { Engine } from '../engine';
import type { IdempotentRequest } from '../middleware/idempotency';

const ZId = ZIdParams;
export const WORKFLOW_ERRORS = ['not-found', 'conflict', 'unprocessable-entity', 'service-unavailable', 'case-start-pending'] as const;

/**
 * A client's Idempotency-Key makes a retried command the same Workflow Update, which Temporal
 * applies once and answers again with its first outcome — also when the API died before it could
 * keep the answer. Scoped like the key itself: per user and request path.
 */
export function updateId(req: Request, idem: IdempotentRequest | undefined): string | undefined {
  return idem ? `${idem.userId}:${req.path}:${idem.key}` : undefined;
}

export function caseRoutes(registry: RouteRegistry, deps: { db: Db; temporal: Engine; config: { firmTimezone: string } }): Router {
  const router = Router();
  const { db, temporal } = deps;
  const tag = 'cases';

  registry.add(
    router,
    {
      method: 'post',
      path: '/cases',
      tag,
      summary: 'Open a case: matches and pins the published template, starts workflow case-<id>',
      action: 'case.create',
      body: ZCreateCase,
      response: ZCase,
      status: 201,
      errors: ['no-template', 'service-unavailable', 'case-start-pending'],
    },
    async ({ body, user, audit, idempotency }) => {
      const c = await createCase(db, temporal, body, user!, deps.config.firmTimezone, idempotency);
      audit({ entityId: c.id, details: { number: c.number, templateVersionId: c.templateVersionId } });
      return c;
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/cases/:id',
      tag,
      summary: 'A case and its team',
      action: 'case.read',
      params: ZId,
      response: ZCase,
      errors: ['not-found'],
    },
    async ({ params, user, req }) => {
      const view = await caseView(db, await assertCaseAccess(db, user!, params.id));
      await auditRead(db, req, { actorId: user!.id, route: '/cases/:id', entity: 'case', entityId: params.id });
      return forViewer(user!, view);
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/cases/:id/progress',
      tag,
      summary: "The workflow's view: stages, open tasks, variables, percent complete",
      action: 'case.read',
      params: ZId,
      response: ZProgress,
      errors: [...WORKFLOW_ERRORS],
    },
    async ({ params, user }) => caseProgress(db, temporal, user!, params.id),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/cases/:id/tasks',
      tag,
      summary: 'Every task of the case, open and closed',
      action: 'case.read',
      params: ZId,
      response: ZTaskRows,
    },
    async ({ params, user }) => caseTasks(db, user!, params.id),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/cases/:id/tasks/:taskId/complete',
      tag,
      summary: 'Complete a task with the outputs its template asks for',
      action: 'case.work',
      params: ZId.extend({ taskId: ZUuid }),
      body: ZCompleteTask,
      response: ZCommandResult,
      errors: [...WORKFLOW_ERRORS],
      auditEntity: 'task',
    },
    async ({ params, body, user, req, audit, idempotency }) => {
      audit({ entityId: params.taskId, details: { caseId: params.id } });
      return completeTask(db, temporal, user!, params.id, params.taskId, body.outputs, updateId(req, idempotency));
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/cases/:id/advance',
      tag,
      summary: 'Leave the current stage by hand (with a reason); its open tasks are skipped',
      action: 'case.work',
      params: ZId,
      body: ZAdvance,
      response: ZCommandResult,
      errors: [...WORKFLOW_ERRORS],
      auditEntity: 'case',
    },
    async ({ params, body, user, req, audit, idempotency }) => {
      audit({ details: { reason: body.reason, stageId: body.stageId ?? null, toStageId: body.toStageId ?? null } });
      return advanceCase(db, temporal, user!, params.id, body, updateId(req, idempotency));
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/cases/:id/events',
      tag,
      summary: 'Record a case event (e.g. judgmentServed with its date); dependent deadlines re-arm',
      action: 'case.work',
      params: ZId,
      body: ZCaseEvent,
      response: ZCommandResult,
      errors: [...WORKFLOW_ERRORS],
      auditEntity: 'case',
    },
    async ({ params, body, user, req, audit, idempotency }) => {
      audit({ details: { event: body.name, date: body.date ?? null } });
      return recordCaseEvent(db, temporal, user!, params.id, body, updateId(req, idempotency));
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/cases/:id/close',
      tag,
      summary: 'Close the case with its outcome; open work is cancelled',
      action: 'case.close',
      params: ZId,
      body: ZCloseCase,
      response: ZCommandResult,
      errors: [...WORKFLOW_ERRORS],
      auditEntity: 'case',
    },
    async ({ params, body, user, req, audit, idempotency }) => {
      audit({ details: { outcome: body.outcome } });
      return closeCase(db, temporal, user!, params.id, body, updateId(req, idempotency));
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/cases/:id/migrate',
      tag,
      summary: 'Move the running case to another published version of its template',
      action: 'case.migrate',
      params: ZId,
      body: ZMigrateCase,
      response: ZCommandResult,
      errors: [...WORKFLOW_ERRORS],
      auditEntity: 'case',
    },
    async ({ params, body, user, req, audit, idempotency }) => {
      audit({ details: { templateVersionId: body.templateVersionId ?? 'latest' } });
      return migrateCase(db, temporal, user!, params.id, body, updateId(req, idempotency));
    },
  );
  return router;
}
