/**
 * The firm domain: health and version, firm settings, the deadline calculator and holidays,
 * reports, the audit log, and the system ping. This file is the only entrance for the rest of the
 * server; the HTTP schemas stay in `api/contracts/` (pure zod, shared with the UI).
 */
import { Router } from 'express';
import type { AppDeps } from '../app';
import type { RouteRegistry } from '../routing';
import { adminRoutes } from './admin-routes';
import { deadlineRoutes } from './deadline-routes';
import { firmLogoRoutes } from './firm-logo-routes';
import { firmRoutes } from './firm-routes';
import { healthRoutes } from './health-routes';
import { reportRoutes } from './report-routes';
import { systemRoutes } from './system-routes';

export { firmTimeZone } from './firm-settings';

export function firmWideRoutes(registry: RouteRegistry, deps: Pick<AppDeps, 'db' | 'storage' | 'temporal' | 'config' | 'version'>): Router {
  const router = Router();
  router.use(healthRoutes(registry, deps));
  router.use(firmRoutes(registry, deps));
  router.use(firmLogoRoutes(registry, deps));
  router.use(systemRoutes(registry, deps));
  router.use(adminRoutes(registry, deps));
  router.use(reportRoutes(registry, deps));
  router.use(deadlineRoutes(registry, deps));
  return router;
}
