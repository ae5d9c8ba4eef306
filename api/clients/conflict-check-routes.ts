import { Router } from 'express';
import type { Db } from '../../db/connection';
import { decideConflictCheck, findConflictCheck, listConflictChecks, runConflictCheck } from '../../db/repositories/conflict-checks';
import { AppError } from '../app-error';
import { assertCaseAccess } from '../cases';
import { ZConflictCheck, ZConflictCheckList, ZConflictDecision, ZRunConflictCheck } from '../contracts/clients';
import { ZIdParams, ZPageQuery, ZUuid } from '../contracts/common';
import { pageAnswer, pageWindow, type RouteRegistry } from '../routing';
import { ownerDecision, seesFirm, viewerOf } from '../../domain/policy';

const ZId = ZIdParams;

/** Conflict-of-interest checks (利益冲突检索): run, list, read, and a partner's decision. */
export function conflictCheckRoutes(registry: RouteRegistry, deps: { db: Db }): Router {
  const router = Router();
  const { db } = deps;

  registry.add(
    router,
    {
      method: 'post',
      path: '/conflict-checks',
      tag: 'conflict-checks',
      summary: 'Run and record a conflict-of-interest check (利益冲突检索) of names and identity numbers',
      action: 'conflictCheck.run',
      body: ZRunConflictCheck,
      response: ZConflictCheck,
      status: 201,
    },
    async ({ body, user, audit }) => {
      if (body.caseId) await assertCaseAccess(db, user!, body.caseId);
      const k = await runConflictCheck(db, body.subjects, user!.id, body.caseId);
      audit({ entityId: k.id, details: { result: k.result, hits: k.hitCount, subjects: body.subjects.length } });
      return (await findConflictCheck(db, k.id))!;
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/conflict-checks',
      tag: 'conflict-checks',
      summary: 'Recorded checks, newest first (partners: all; others: their own)',
      action: 'conflictCheck.read',
      query: ZPageQuery.extend({ caseId: ZUuid.optional() }),
      response: ZConflictCheckList,
    },
    async ({ query, user }) => {
      if (query.caseId) await assertCaseAccess(db, user!, query.caseId);
      const runBy = seesFirm(user!.role, 'conflictCheck.read') || query.caseId ? undefined : user!.id;
      return pageAnswer(query, await listConflictChecks(db, { caseId: query.caseId, runBy, ...pageWindow(query) }));
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/conflict-checks/:id',
      tag: 'conflict-checks',
      summary: 'A check with its hits and decision',
      action: 'conflictCheck.read',
      params: ZId,
      response: ZConflictCheck,
      errors: ['not-found'],
    },
    async ({ params, user }) => {
      const k = await findConflictCheck(db, params.id);
      if (!k) throw new AppError('not-found', 'no such conflict check');
      if (k.caseId) await assertCaseAccess(db, user!, k.caseId);
      else if (ownerDecision(viewerOf(user!), 'conflictCheck.read', k.runBy) !== 'allow')
        throw new AppError('not-found', 'no such conflict check');
      return k;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/conflict-checks/:id/decision',
      tag: 'conflict-checks',
      summary: 'A partner decides: proceed, waived (informed consent, with a note) or declined',
      action: 'conflictCheck.decide',
      params: ZId,
      body: ZConflictDecision,
      response: ZConflictCheck,
      errors: ['not-found', 'conflict', 'validation-error'],
      auditEntity: 'conflictCheck',
    },
    async ({ params, body, user, audit }) => {
      const k = await findConflictCheck(db, params.id);
      if (!k) throw new AppError('not-found', 'no such conflict check');
      if (k.caseId) throw new AppError('conflict', 'the case is already open on this check');
      if (body.decision === 'waived' && !body.note)
        throw new AppError('validation-error', 'a waiver records how the clients consented', {
          errors: [{ path: 'body.note', message: 'required for a waiver' }],
        });
      if (body.decision === 'proceed' && k.result === 'conflict')
        throw new AppError('validation-error', 'a conflict is only passed by a waiver', {
          errors: [{ path: 'body.decision', message: 'use waived' }],
        });
      await decideConflictCheck(db, k.id, { decision: body.decision, note: body.note ?? null, by: user!.id });
      audit({ entityId: k.id, details: { decision: body.decision, result: k.result } });
      return (await findConflictCheck(db, k.id))!;
    },
  );
  return router;
}
