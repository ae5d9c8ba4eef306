/**
 * The notifications domain: the caller's notifications (list, live stream through the hub, read
 * marks), notification preferences, and the mail outbox. This file is the only entrance for the
 * rest of the server; the HTTP schemas stay in `api/contracts/` (pure zod, shared with the UI).
 */
import { Router } from 'express';
import type { AppDeps } from '../app';
import type { RouteRegistry } from '../routing';
import { notificationRoutes } from './notification-routes';
import { outboxRoutes } from './outbox-routes';

export function notificationsRoutes(registry: RouteRegistry, deps: Pick<AppDeps, 'db' | 'logger'>): Router {
  const router = Router();
  router.use(outboxRoutes(registry, deps));
  router.use(notificationRoutes(registry, deps));
  return router;
}
