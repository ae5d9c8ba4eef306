import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { outboxPage } from '../../db/repositories/email-outbox';
import { ZOutboxMail } from '../contracts/admin';
import { ZPage, ZPageQuery } from '../contracts/common';
import { pageAnswer, pageWindow, type RouteRegistry } from '../routing';

/** The mail outbox as administrators read it (without SMTP_URL it is where mail goes). */
export function outboxRoutes(registry: RouteRegistry, deps: { db: Db }): Router {
  const router = Router();
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
        items: r.items.map((m) => ({
          ...m,
          createdAt: m.createdAt.toISOString(),
          sendAfter: m.sendAfter?.toISOString() ?? null,
          sentAt: m.sentAt?.toISOString() ?? null,
        })),
      });
    },
  );
  return router;
}
