import { Router } from 'express';
import type { Db } from '../../db/connection';
import { listAudit } from '../../db/repositories/audit-log';
import { ZAuditPage, ZAuditQuery } from '../contracts/audit';
import { pageWindow, type RouteRegistry } from '../routing';

/** The administrators' audit log. */
export function adminRoutes(registry: RouteRegistry, deps: { db: Db }): Router {
  const router = Router();
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
