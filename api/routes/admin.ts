import { Router } from 'express';
import type { Db } from '../../db/connection';
import { listAudit } from '../../db/repositories/audit-log';
import { ZAuditPage, ZAuditQuery } from '../contracts/audit';
import { z } from 'zod';
import { outboxPage } from '../../db/repositories/email-outbox';
import { ZOutboxMail } from '../contracts/admin';
import { ZPage, ZPageQuery } from '../contracts/common';
import { pageAnswer, pageWindow, type RouteRegistry } from '../routing';



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
  registry.add(
    router,
    {
      method: 'get',
      path: '/admin/outbox',
      tag: 'admin',
      summary: 'Mail LexFlow queued, newest first (without SMTP_URL nothing is sent: read it here)',
      action: 'outbox.read',
      query: ZPageQuery.extend({ status: z.enum(['pending', 'sent', 'held', 'failed']).optional() }),
      response: ZPage(ZOutboxMail),
    },
    async ({ query }) => {
      const r = await outboxPage(deps.db, { ...pageWindow(query), status: query.status });
      return pageAnswer(query, {
        total: r.total,
        items: r.items.map((m) => ({ ...m, createdAt: m.createdAt.toISOString(), sendAfter: m.sendAfter?.toISOString() ?? null, sentAt: m.sentAt?.toISOString() ?? null })),
      });
    },
  );
  return router;
}
