/**
 * The dashboard domain: the 工作台's tiles, each counted by the same repository call as the list it
 * links to. This file is the only entrance for the rest of the server; the HTTP schema stays in
 * `api/contracts/dashboard.ts` (pure zod, shared with the UI).
 */
import { Router } from 'express';
import type { AppDeps } from '../app';
import type { RouteRegistry } from '../routing';
import { dashboardRoutes } from './dashboard-routes';

export function dashboardDomainRoutes(registry: RouteRegistry, deps: Pick<AppDeps, 'db' | 'config'>): Router {
  const router = Router();
  router.use(dashboardRoutes(registry, deps));
  return router;
}
