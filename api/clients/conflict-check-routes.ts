import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { ZConflictCheck, ZConflictCheckList, ZConflictDecision, ZRunConflictCheck } from '../contracts/clients';
import { ZIdParams, ZPageQuery, ZUuid } from '../contracts/common';
import { pageAnswer, pageWindow, type RouteRegistry } from '../routing';
import { decideCheck, listChecks, readCheck, runCheck } from './conflict-checks';

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
      const k = await runCheck(db, user!, body);
      audit({ entityId: k.id, details: { result: k.result, hits: k.hitCount, subjects: body.subjects.length } });
      return k;
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
      query: ZPageQuery.extend({
        caseId: ZUuid.optional(),
        awaiting: z
          .enum(['true', 'false'])
          .transform((v) => v === 'true')
          .optional()
          .describe('true: only checks with hits awaiting a decision (no decision yet, no case opened on them)'),
      }),
      response: ZConflictCheckList,
    },
    async ({ query, user }) =>
      pageAnswer(query, await listChecks(db, user!, { caseId: query.caseId, awaiting: query.awaiting, ...pageWindow(query) })),
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
    async ({ params, user }) => readCheck(db, user!, params.id),
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
      const k = await decideCheck(db, user!, params.id, body);
      audit({ entityId: k.id, details: { decision: body.decision, result: k.result } });
      return k;
    },
  );
  return router;
}
