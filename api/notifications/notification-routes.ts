import { Router } from 'express';
import type { Logger } from 'pino';
import type { Db } from '../../db/connection';
import { inbox, markRead, unreadCount, type InboxItem } from '../../db/repositories/notifications';
import { getPreferences, savePreferences } from '../../db/repositories/preferences';
import { ZMarkRead, ZNotificationQuery, ZNotifications, ZPreferences, ZUnread } from '../contracts/me';
import type { RouteRegistry } from '../routing';
import { NotificationHub } from './notification-hub';

const view = (n: InboxItem) => ({ ...n, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null });

/** The caller's notifications (list, live stream, read marks) and notification preferences. */
export function notificationRoutes(registry: RouteRegistry, deps: { db: Db; logger: Logger }): Router {
  const router = Router();
  const { db } = deps;
  const hub = new NotificationHub(db, deps.logger);
  const tag = 'notifications';
  registry.add(
    router,
    {
      method: 'get',
      path: '/notifications',
      tag,
      summary: "The caller's notifications, newest first, and how many are unread",
      action: 'authenticated',
      query: ZNotificationQuery,
      response: ZNotifications,
    },
    async ({ query, user }) => ({
      items: (await inbox(db, user!.id, { unreadOnly: query.unread === 'true', before: query.before, limit: query.limit })).map(view),
      unread: await unreadCount(db, user!.id),
    }),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/notifications/read',
      tag,
      summary: 'Mark notifications read (some ids, or all)',
      action: 'authenticated',
      body: ZMarkRead,
      response: ZUnread,
      auditEntity: 'notification',
    },
    async ({ body, user }) => {
      await markRead(db, user!.id, body.all ? 'all' : (body.ids ?? []));
      return { unread: await unreadCount(db, user!.id) };
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/notifications/stream',
      tag,
      summary: 'Server-sent events: `unread` (count) on connect, `notification` for each new one; a comment every 25 s keeps proxies open',
      action: 'authenticated',
    },
    async ({ user, res }) => {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      send('unread', { unread: await unreadCount(db, user!.id) });
      const unsubscribe = hub.subscribe(user!.id, (n) => send('notification', view(n)));
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
      keepAlive.unref();
      res.on('close', () => {
        clearInterval(keepAlive);
        unsubscribe();
      });
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/me/preferences',
      tag,
      summary: "The caller's notification preferences",
      action: 'preferences.manage',
      response: ZPreferences,
    },
    async ({ user }) => getPreferences(db, user!.id),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/me/preferences',
      tag,
      summary: 'Mail on or off, quiet hours (mail waits until they end), daily digest on or off and its hour',
      action: 'preferences.manage',
      body: ZPreferences,
      response: ZPreferences,
      errors: ['validation-error'],
      auditEntity: 'preferences',
    },
    async ({ body, user, audit }) => {
      audit({ entityId: user!.id, details: body });
      return savePreferences(db, user!.id, body);
    },
  );
  return router;
}
