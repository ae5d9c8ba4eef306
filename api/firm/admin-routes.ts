import { Router } from 'express';
import type { Db } from '../../db/connection';
import { listAudit } from '../../db/repositories/audit-log';
import { ZAuditPage, ZAuditQuery } from '../contracts/audit';
import { ZPendingOpenings, ZStuckCases } from '../contracts/admin';
import { pendingCaseOpenings } from '../cases';
import type { Engine } from '../engine';
import { pageWindow, type RouteRegistry } from '../routing';

/** The administrators' audit log and stuck-cases view. */
export function adminRoutes(registry: RouteRegistry, deps: { db: Db; temporal: Engine }): Router {
  const router = Router();
  registry.add(
    router,
    {
      method: 'get',
      path: '/admin/stuck-cases',
      tag: 'admin',
      summary: 'Running case workflows whose workflow task or an activity keeps failing, read from Temporal',
      action: 'system.stuckCases',
      response: ZStuckCases,
      errors: ['service-unavailable'],
    },
    async () => deps.temporal.stuckCases(),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/admin/pending-openings',
      tag: 'admin',
      summary: 'Cases saved whose workflow has not started yet (the engine was away or the API died), read from the database',
      action: 'system.stuckCases',
      response: ZPendingOpenings,
    },
    async () => pendingCaseOpenings(deps.db),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/admin/audit-log',
      tag: 'admin',
      summary: 'The audit log, newest first',
      action: 'audit.read',
      query: ZAuditQuery,
      response: ZAuditPage,
    },
    async ({ query }) => {
      const { items, total } = await listAudit(deps.db, {
        ...pageWindow(query),
        entity: query.entity,
      });
      return {
        items: items.map((i) => ({
          id: i.id,
          at: i.at.toISOString(),
          actorId: i.actorId,
          actorName: i.actorName,
          action: i.action,
          entity: i.entity,
          entityId: i.entityId ?? null,
          status: i.status,
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  );
  return router;
}
